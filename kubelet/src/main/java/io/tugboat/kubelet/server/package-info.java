/**
 * The kubelet's HTTP port: {@code /healthz} and {@code /containerLogs/{namespace}/{pod}/{container}}, reached by
 * the API server's {@code pods/log} proxy so that {@code kubectl logs [-f]} works. {@link io.tugboat.kubelet.server.KubeletServer}
 * is the HTTP edge; {@link io.tugboat.kubelet.server.ContainerLogsHandler} finds the container and streams its log.
 */
package io.tugboat.kubelet.server;
