/**
 * The node agent: registers a Node, renews its Lease, runs the pods bound to it as Docker containers and reports
 * their status back to the API server.
 *
 * <p>Start reading at {@link io.tugboat.kubelet.Kubelet}, which wires every part by hand: the pod informer and
 * Docker events feed keys to a {@link io.tugboat.client.controller.ControllerRunner} whose reconciler is the pod
 * worker ({@link io.tugboat.kubelet.pod}); probes ({@link io.tugboat.kubelet.probe}), the node's status and lease
 * ({@link io.tugboat.kubelet.node}), the node's pod network ({@link io.tugboat.kubelet.network}: its Docker bridge,
 * routes and iptables rules) and the logs server ({@link io.tugboat.kubelet.server}) sit beside it; every
 * container operation goes through {@link io.tugboat.kubelet.runtime.ContainerRuntime}. Cluster DNS — the
 * node's DNS server for its pods and each pod's resolv.conf — is {@link io.tugboat.kubelet.dns}.
 * {@link io.tugboat.kubelet.KubeletMain} is {@code tug kubelet}.
 *
 * <p>The chapter: {@code docs/kubelet.md}. The original: {@code kubernetes/pkg/kubelet}.
 */
package io.tugboat.kubelet;
