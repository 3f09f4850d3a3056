package io.tugboat.kubelet.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kubelet's HTTP port ({@code --port}, 10250 by default): {@code /healthz} and
 * {@code /containerLogs/{namespace}/{pod}/{container}}, which the API server's {@code pods/log} proxies to.
 * Plain HTTP on the JDK's built-in server; the logic lives in {@link ContainerLogsHandler}, which knows nothing of
 * HTTP beyond an output stream. Each request has a thread of its own, since a followed log can stay open for hours.
 */
public final class KubeletServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    public KubeletServer(String bindAddress, int port, ContainerLogsHandler logs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kubelet-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/healthz", exchange -> reply(exchange, 200, "ok"));
        server.createContext("/containerLogs/", exchange -> {
            try (exchange) {
                String[] parts = exchange.getRequestURI().getPath().split("/");
                if (parts.length != 5 || !exchange.getRequestMethod().equals("GET")) {
                    reply(exchange, 404, "not found");
                    return;
                }
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                ContainerLogsHandler.Request request = new ContainerLogsHandler.Request(parts[2], parts[3], parts[4],
                        "true".equals(query.get("follow")), query.containsKey("tailLines") ? Integer.valueOf(query.get("tailLines")) : null,
                        "true".equals(query.get("previous")), "true".equals(query.get("timestamps")));
                logs.serve(request, new ContainerLogsHandler.Response() {
                    @Override
                    public void fail(int code, String message) throws IOException {
                        reply(exchange, code, message);
                    }

                    @Override
                    public OutputStream begin() throws IOException {
                        exchange.getResponseHeaders().set("Content-Type", "text/plain");
                        exchange.sendResponseHeaders(200, 0);
                        return exchange.getResponseBody();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (NumberFormatException e) {
                reply(exchange, 400, "bad tailLines");
            }
        });
    }

    public KubeletServer start() {
        server.start();
        return this;
    }

    /** The port it listens on (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(k, v);
        }
        return map;
    }
}
