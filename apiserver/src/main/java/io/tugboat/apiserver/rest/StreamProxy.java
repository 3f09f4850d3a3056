package io.tugboat.apiserver.rest;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.apiserver.registry.Registry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code pods/{name}/exec}, {@code pods/{name}/attach} and {@code pods/{name}/portforward}: checks the request, finds the pod's kubelet, and answers
 * with an {@link UpgradeReply} — the upgraded connection itself is the HTTP layer's job ({@code UpgradeProxy}).
 * As in Kubernetes the request is a WebSocket upgrade (GET, or POST for older clients) with the parameters
 * {@code command} (repeated), {@code container}, {@code stdin}, {@code stdout}, {@code stderr}, {@code tty}; the
 * kubelet is asked for {@code /exec/{namespace}/{pod}/{container}?command=..&input=1&output=1&error=1&tty=1}.
 *
 * <p>Only the headers a WebSocket handshake needs are forwarded: never the client's credentials, cookies or
 * anything else, and never a body.
 */
public final class StreamProxy {
    /** The client headers that may reach the kubelet; everything else stays at the API server. */
    static final Set<String> FORWARDED = Set.of("upgrade", "connection", "sec-websocket-key", "sec-websocket-version",
            "sec-websocket-protocol", "x-stream-protocol-version");

    public Reply stream(ApiRequest request, String subresource, String namespace, String name, Registry nodes, Registry pods) {
        authorize(request, subresource, namespace, name);
        if (!request.method().equals("GET") && !request.method().equals("POST")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        if (!isUpgrade(request)) {
            throw ApiError.badRequest("Upgrade request required");
        }
        Pod pod = (Pod) pods.get(namespace, name);
        if (subresource.equals("portforward")) {
            return portForward(request, pod, nodes);
        }
        String container = LogProxy.chooseContainer(request, pod);
        String phase = pod.status() == null ? null : pod.status().phase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            throw ApiError.badRequest("cannot " + subresource + " into a container in a completed pod; current phase is " + phase);
        }
        String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            throw ApiError.badRequest("pod " + name + " does not have a host assigned");
        }
        List<String> command = request.query().getOrDefault("command", List.of());
        if (subresource.equals("exec") && command.isEmpty()) {
            throw ApiError.badRequest("you must specify at least one command for the container");
        }
        boolean stdin = request.flag("stdin");
        boolean stdout = request.param("stdout") == null ? subresource.equals("exec") : request.flag("stdout");
        boolean stderr = request.param("stderr") == null ? subresource.equals("exec") : request.flag("stderr");
        if (!stdin && !stdout && !stderr) {
            throw ApiError.badRequest("you must specify at least 1 of stdin, stdout, stderr");
        }
        Node node = node(nodes, nodeName);
        StringBuilder path = new StringBuilder("/" + subresource + "/" + namespace + "/" + name + "/" + container + "?");
        for (String part : command) {
            path.append("command=").append(URLEncoder.encode(part, StandardCharsets.UTF_8)).append('&');
        }
        path.append("input=").append(bit(stdin)).append("&output=").append(bit(stdout))
                .append("&error=").append(bit(stderr)).append("&tty=").append(bit(request.flag("tty")));
        return new UpgradeReply(KubeletEndpoint.of(node), path.toString(), forwardedHeaders(request));
    }

    /**
     * {@code pods/x/portforward}: the kubelet's {@code /portForward/{namespace}/{pod}}. With SPDY the ports travel
     * inside the session (one pair of streams per connection); with the WebSocket protocol they are the
     * {@code ports} parameter, checked here and passed on.
     */
    private Reply portForward(ApiRequest request, Pod pod, Registry nodes) {
        String phase = pod.status() == null ? null : pod.status().phase();
        if (!"Running".equals(phase)) {
            throw ApiError.badRequest("unable to forward port because pod is not running. Current status=" + phase);
        }
        StringBuilder path = new StringBuilder("/portForward/" + pod.metadata().namespace() + "/" + pod.metadata().name());
        List<String> ports = new ArrayList<>();
        for (String value : request.query().getOrDefault("ports", List.of())) {
            for (String part : value.split(",")) {
                if (!part.strip().matches("\\d{1,5}") || Integer.parseInt(part.strip()) < 1
                        || Integer.parseInt(part.strip()) > 65535) {
                    throw ApiError.badRequest("invalid port \"" + part.strip() + "\": must be 1-65535");
                }
                ports.add(part.strip());
            }
        }
        if (!ports.isEmpty()) {
            path.append("?ports=").append(String.join(",", ports));
        }
        Node node = node(nodes, pod.spec().nodeName());
        return new UpgradeReply(KubeletEndpoint.of(node), path.toString(), forwardedHeaders(request));
    }

    private static Node node(Registry nodes, String nodeName) {
        try {
            return (Node) nodes.get(null, nodeName);
        } catch (ApiError e) {
            throw ApiError.notFound(ResourceKinds.NODES, nodeName);
        }
    }

    private static List<String[]> forwardedHeaders(ApiRequest request) {
        List<String[]> headers = new ArrayList<>();
        request.headers().forEach((header, value) -> {
            if (FORWARDED.contains(header)) {
                headers.add(new String[] {header, value});
            }
        });
        return headers;
    }

    /**
     * THE place where the caller will be authorized for {@code create} on {@code pods/exec} / {@code pods/attach}
     * (Kubernetes' RBAC verb for these subresources), once the API server knows who the caller is (issue #10).
     * Until then everyone who can reach the API server may exec into every pod — as with every other verb today.
     */
    private static void authorize(ApiRequest request, String subresource, String namespace, String name) {
        // no authentication or authorization exists yet (issue #10)
    }

    /** A connection upgrade: {@code Connection: Upgrade} and an {@code Upgrade} protocol. */
    public static boolean isUpgrade(ApiRequest request) {
        return isUpgrade(request.header("upgrade"), request.header("connection"));
    }

    /**
     * Whether these {@code Upgrade} and {@code Connection} headers ask for a connection upgrade (WebSocket, SPDY).
     * {@code h2c} is not counted: the JDK's HTTP client offers it on ordinary requests, and a server may ignore it.
     */
    public static boolean isUpgrade(String upgrade, String connection) {
        return upgrade != null && !upgrade.isBlank() && !upgrade.strip().equalsIgnoreCase("h2c")
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
