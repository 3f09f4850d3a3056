package io.tugboat.apiserver.rest;

import java.util.List;

/**
 * A request to be answered by a kubelet over an upgraded connection ({@code pods/exec}, {@code pods/attach}): the
 * HTTP layer sends exactly one request, {@code GET path} with {@code forwardedHeaders}, to {@code kubelet}, and
 * only if the kubelet answers {@code 101 Switching Protocols} joins the two connections; any other answer is passed
 * on and both connections are closed.
 *
 * @param forwardedHeaders the client's headers that may reach the kubelet (name, value), and no others
 */
public record UpgradeReply(KubeletEndpoint kubelet, String path, List<String[]> forwardedHeaders) implements Reply {
}
