/**
 * The EndpointSlice controller: the same "which pods are behind this Service" as the endpoints controller
 * ({@code io.tugboat.controllermanager.endpoint}), written as discovery.k8s.io/v1 EndpointSlices of at most 100
 * endpoints each, so that one pod change in a Service of thousands rewrites one small object.
 *
 * <pre>
 *   Service web (uid 7f3a)                        EndpointSlice web-x7k2p
 *     selector app=web                              labels: kubernetes.io/service-name=web
 *     ports: http 80 → targetPort 8080                      endpointslice.kubernetes.io/managed-by=
 *                                                                 endpointslice-controller.k8s.io
 *   pods app=web                                    ownerReferences: Service web (7f3a), controller
 *     web-a 10.244.1.5 Ready          ─▶            addressType: IPv4
 *     web-b 10.244.2.3 not Ready      ─▶            ports: [{name: http, port: 8080, protocol: TCP}]
 *     web-c 10.244.2.4 terminating    ─▶            endpoints:
 *                                                   - addresses [10.244.1.5]  ready/serving, not terminating
 *                                                   - addresses [10.244.2.3]  not ready, not serving
 *                                                   - addresses [10.244.2.4]  terminating (serving if Ready)
 * </pre>
 *
 * <p>Unlike Endpoints, slices keep terminating pods (marked {@code terminating}) so that proxies can drain them.
 * {@link io.tugboat.controllermanager.endpointslice.SlicePlanner} decides (table-tested);
 * {@link io.tugboat.controllermanager.endpointslice.EndpointSliceController} reads listers, writes, and waits for
 * its own writes to reach its cache before planning again ({@link io.tugboat.controllermanager.endpointslice.SliceWrites}).
 * {@link io.tugboat.controllermanager.endpointslice.EndpointSliceMirroringController} plans with the same
 * packing for the hand-written Endpoints of Services without selector. Model: kube-controller-manager's
 * {@code pkg/controller/endpointslice}, without topology hints, zones and the trigger-time annotation; IPv4 only.
 * See docs/networking.md.
 */
package io.tugboat.controllermanager.endpointslice;
