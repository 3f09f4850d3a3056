/**
 * Streams into running containers — the machinery under {@code kubectl exec} and {@code kubectl attach}.
 *
 * <p>The path of one {@code kubectl exec -it web -- sh}: kubectl opens a WebSocket to the API server's
 * {@code pods/web/exec}; the API server proxies the upgrade, byte for byte, to the kubelet's {@code /exec/...};
 * the kubelet ({@link io.tugboat.kubelet.server.StreamSessionHandler}) opens a {@link
 * io.tugboat.kubelet.streaming.ContainerStreams.Session} here, which is a Docker exec whose HTTP connection Docker
 * has handed over ("hijacked") to carry stdin and output. The kubelet copies bytes between the two, framing them
 * with Kubernetes' channel protocol on the WebSocket side and undoing Docker's stream multiplexing on the other.
 *
 * <p>Kubernetes does the same through the CRI: the kubelet asks the runtime for a streaming URL and the runtime
 * serves it. Tugboat has one runtime, Docker, and talks to it directly. See {@code docs/exec.md}.
 */
package io.tugboat.kubelet.streaming;
