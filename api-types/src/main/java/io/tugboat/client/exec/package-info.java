/**
 * The client side of streams into containers: {@link io.tugboat.client.exec.RemoteCommand} opens a WebSocket to
 * {@code pods/x/exec} or {@code pods/x/attach} and speaks Kubernetes' channel protocol ({@code v5.channel.k8s.io}:
 * one leading byte per message naming stdin 0, stdout 1, stderr 2, error 3, resize 4, close 255), as client-go's
 * {@code tools/remotecommand} does. Used by {@code tug exec}, {@code tug attach}, {@code tug cp}. See docs/exec.md.
 */
package io.tugboat.client.exec;
