/**
 * Commands that reach into a running container through the API server: {@code tug exec}, {@code tug attach} and
 * {@code tug cp} (tar over exec) speak the same WebSocket protocol as kubectl ({@code v5.channel.k8s.io}, via
 * {@link io.tugboat.client.exec.RemoteCommand}), so the API server and kubelet cannot tell them apart;
 * {@code tug port-forward} speaks Kubernetes' WebSocket port-forward protocol ({@link
 * io.tugboat.kubectl.container.PortForwardStream}), where kubectl speaks SPDY. See docs/exec.md.
 */
package io.tugboat.kubectl.container;
