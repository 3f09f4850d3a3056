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
 * <p>Security, as docs/security.md tells: the port is HTTPS ({@link io.tugboat.kubelet.server.KubeletTls}, the
 * kubelet's {@code --tls-cert-file}, {@code --tls-private-key-file}, {@code --client-ca-file}); a caller must present a
 * client certificate signed by the cluster CA, and {@link io.tugboat.kubelet.server.KubeletAuthorizer} lets only the
 * API server's identity ({@code kube-apiserver-kubelet-client}) through — 401 without a certificate, 403 for anyone
 * else. There is no read-only port. Without TLS the port is plain HTTP bound to loopback, for in-process test
 * kubelets and {@code tug kubelet --insecure-http}. Each connection serves one request: a refused upgrade closes it.
 */
package io.tugboat.kubelet.server;
