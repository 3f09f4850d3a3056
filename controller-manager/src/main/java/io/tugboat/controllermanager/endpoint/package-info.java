/**
 * The endpoints controller: which pods are behind a Service, written down as the Service's core/v1
 * {@code Endpoints} — the list the service proxy load-balances over and cluster DNS answers headless names
 * from.
 *
 * <pre>
 *   Service web  selector app=web  port 80 → targetPort http
 *        │
 *        ▼  pods in web's namespace with app=web, from the pod lister
 *   web-a  10.244.1.5  Ready       http=8080  ─▶  subsets[0].addresses          10.244.1.5:8080
 *   web-b  10.244.2.3  not Ready   http=8080  ─▶  subsets[0].notReadyAddresses  10.244.2.3:8080
 *   web-c  (no IP yet)                         ─▶  left out
 *   web-d  10.244.2.9  terminating             ─▶  left out (kept, as ready, with publishNotReadyAddresses)
 * </pre>
 *
 * <p>{@link io.tugboat.controllermanager.endpoint.ServicePods} holds the rules shared with the EndpointSlice
 * controller (which pods count, named target ports, hostnames for {@code <pod>.<subdomain>} DNS names);
 * {@link io.tugboat.controllermanager.endpoint.EndpointSubsets} is the pure decider with its worked example;
 * {@link io.tugboat.controllermanager.endpoint.EndpointsController} is the reconcile loop. Services without a
 * selector are left alone: their Endpoints are written by hand, which is how a Service points outside the
 * cluster. Model: kube-controller-manager's {@code pkg/controller/endpoint}. Not done: the 1,000-address
 * truncation ({@code endpoints.kubernetes.io/over-capacity}) and the
 * {@code endpoints.kubernetes.io/last-change-trigger-time} annotation. See docs/networking.md.
 */
package io.tugboat.controllermanager.endpoint;
