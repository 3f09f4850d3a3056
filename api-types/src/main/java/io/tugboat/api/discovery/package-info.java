/**
 * The discovery.k8s.io/v1 group: {@link io.tugboat.api.discovery.EndpointSlice}, the scalable successor of
 * core/v1 Endpoints. A Service's endpoints are split over slices of at most 100 (so one pod change rewrites one
 * small object, not a list of thousands), each slice with one address type and one set of ports, and each
 * endpoint with explicit {@code ready}/{@code serving}/{@code terminating} conditions. The EndpointSlice
 * controller ({@code io.tugboat.controllermanager.endpointslice}) writes them; {@code kubectl describe svc} reads
 * them. See docs/networking.md.
 */
package io.tugboat.api.discovery;
