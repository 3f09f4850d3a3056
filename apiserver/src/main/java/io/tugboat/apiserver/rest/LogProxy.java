package io.tugboat.apiserver.rest;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.apiserver.registry.Registry;
import io.tugboat.apiserver.tls.ClientTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code GET pods/{name}/log}: finds the pod's node, reads the kubelet's address and port from the Node
 * ({@code status.addresses}, {@code status.daemonEndpoints.kubeletEndpoint.Port}) and streams the kubelet's
 * {@code /containerLogs/{namespace}/{pod}/{container}} answer back, as Kubernetes' API server does. A kubelet
 * that cannot be reached is a 503 {@code Status}, never a hang.
 *
 * <p>With kubelet client TLS ({@code --kubelet-client-certificate}, {@code --kubelet-client-key},
 * {@code --kubelet-certificate-authority}) the kubelet is called over HTTPS: the API server presents its client
 * certificate and checks the kubelet's serving certificate against the CA, for the address it dials. Without it,
 * plain HTTP.
 */
public final class LogProxy {
    private final HttpClient http;
    private final ExecutorService pumps;
    private final String scheme;

    public LogProxy(ExecutorService pumps) {
        this(pumps, null);
    }

    /** @param kubeletTls how to call kubelets over HTTPS; {@code null}: plain HTTP */
    public LogProxy(ExecutorService pumps, ClientTls kubeletTls) {
        this.pumps = pumps;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
        if (kubeletTls != null) {
            builder.sslContext(kubeletTls.sslContext());
        }
        this.http = builder.build();
        this.scheme = kubeletTls == null ? "http" : "https";
    }

    public Reply log(ApiRequest request, String namespace, String name, Registry nodes, Registry pods) {
        if (!request.method().equals("GET")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        Pod pod = (Pod) pods.get(namespace, name);
        String container = chooseContainer(request, pod);
        String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            throw ApiError.badRequest("pod " + name + " does not have a host assigned");
        }
        Node node;
        try {
            node = (Node) nodes.get(null, nodeName);
        } catch (ApiError e) {
            throw ApiError.notFound(ResourceKinds.NODES, nodeName);
        }
        URI uri = kubeletUri(node, namespace, name, container, request);
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ApiError.unavailable("the kubelet of node " + nodeName + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw response.statusCode() == 404 ? ApiError.notFound(body.isBlank() ? "log not found" : body.strip())
                        : ApiError.badRequest(body.isBlank() ? "kubelet answered " + response.statusCode() : body.strip());
            } catch (IOException e) {
                throw ApiError.unavailable("reading the kubelet's answer failed: " + e.getMessage());
            }
        }
        InputStream body = response.body();
        return new StreamingReply(200, "text/plain", stream -> {
            stream.onClose(() -> closeQuietly(body));
            pumps.execute(() -> pump(body, stream));
        });
    }

    private static void pump(InputStream in, ResponseStream stream) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while (stream.isOpen() && (n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    System.arraycopy(buffer, 0, chunk, 0, n);
                    stream.write(chunk);
                }
            }
        } catch (IOException e) {
            // the kubelet went away or the client closed: end the stream either way
        } finally {
            stream.close();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** The container param, else the default-container annotation, else the only container. */
    static String chooseContainer(ApiRequest request, Pod pod) {
        String container = request.param("container");
        List<String> names = new ArrayList<>();
        if (pod.spec() != null) {
            for (List<Container> list : new ArrayList<List<Container>>(java.util.Arrays.asList(pod.spec().initContainers(),
                    pod.spec().containers()))) {
                if (list != null) {
                    list.forEach(c -> names.add(c.name()));
                }
            }
        }
        if (container != null && !container.isEmpty()) {
            if (!names.contains(container)) {
                throw ApiError.badRequest("container " + container + " is not valid for pod " + pod.metadata().name());
            }
            return container;
        }
        Map<String, String> annotations = pod.metadata().annotations();
        if (annotations != null && annotations.containsKey("kubectl.kubernetes.io/default-container")) {
            return annotations.get("kubectl.kubernetes.io/default-container");
        }
        List<Container> containers = pod.spec() == null || pod.spec().containers() == null ? List.of() : pod.spec().containers();
        if (containers.size() == 1) {
            return containers.get(0).name();
        }
        throw ApiError.badRequest("a container name must be specified for pod " + pod.metadata().name()
                + ", choose one of: " + containers.stream().map(Container::name).toList());
    }

    private URI kubeletUri(Node node, String namespace, String pod, String container, ApiRequest request) {
        KubeletEndpoint kubelet = KubeletEndpoint.of(node);
        StringBuilder query = new StringBuilder();
        for (String param : List.of("follow", "tailLines", "previous", "timestamps", "sinceSeconds", "sinceTime", "limitBytes")) {
            String value = request.param(param);
            if (value != null) {
                query.append(query.length() == 0 ? "?" : "&").append(param).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return URI.create(scheme + "://" + kubelet.authority() + "/containerLogs/" + namespace + "/" + pod + "/" + container + query);
    }
}
