/**
 * The kubelet's HTTP port, reached only through the API server's proxies (as in Kubernetes):
 * {@code /healthz}; {@code /containerLogs/{namespace}/{pod}/{container}} for {@code kubectl logs [-f]};
 * {@code /exec/...} and {@code /attach/...}, WebSocket upgrades for {@code kubectl exec} and {@code kubectl attach};
 * {@code /portForward/{namespace}/{pod}}, a SPDY/3.1 upgrade for {@code kubectl port-forward}
 * ({@link io.tugboat.kubelet.server.PortForwardHandler}) or a WebSocket ({@code v4.channel.k8s.io}) for
 * {@code tug port-forward} ({@link io.tugboat.kubelet.server.WebSocketPortForwardHandler}).
 *
 * <p>{@link io.tugboat.kubelet.server.KubeletServer} is the Netty bootstrap, {@link
 * io.tugboat.kubelet.server.KubeletHttpHandler} routes; the logic lives in plain classes that know nothing of
 * Netty: {@link io.tugboat.kubelet.server.ContainerLogsHandler} (find the container, stream its log), {@link
 * io.tugboat.kubelet.server.ContainerStreamsHandler} (find the container, open an exec or attach session) and
 * {@link io.tugboat.kubelet.server.StreamProtocol} (the channel bytes of {@code v4/v5.channel.k8s.io}).
 * {@link io.tugboat.kubelet.server.StreamSessionHandler} bridges one WebSocket and one session. See
 * {@code docs/exec.md}.
 *
 * <p>No authentication yet: like an unsecured Kubernetes kubelet ({@code --anonymous-auth}), this port must only be
 * reachable from the control plane (issue #10 adds client certificates).
 */
package io.tugboat.kubelet.server;
