package io.tugboat.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The standard kubeconfig file, the same one the real kubectl reads: clusters (server URL, CA), users (client
 * certificate and key, bearer token), contexts (cluster + user + default namespace) and the current context.
 *
 * <p>Where it is found, as kubectl does it: an explicit path ({@code --kubeconfig}), else every file in
 * {@code $KUBECONFIG} (colon-separated; for each entry the first file that defines it wins), else
 * {@code ~/.kube/config}. Relative file references inside a kubeconfig are resolved against that file's
 * directory.
 */
public final class Kubeconfig {

    /** Everything needed to reach one API server as one user. */
    public record Connection(String server, byte[] certificateAuthority, boolean insecureSkipTlsVerify,
                             byte[] clientCertificate, byte[] clientKey, String token, String namespace,
                             String contextName) {
        /** The namespace of the context, or {@code default}. */
        public String namespaceOrDefault() {
            return namespace == null || namespace.isEmpty() ? "default" : namespace;
        }
    }

    private final List<Document> documents;

    private record Document(Path path, JsonNode root) {
    }

    private Kubeconfig(List<Document> documents) {
        this.documents = documents;
    }

    /**
     * The text of a kubeconfig for one API server reached without credentials (plain HTTP, as Tugboat serves
     * today): cluster {@code tugboat}, user {@code admin}, context {@code tugboat} with namespace {@code default}.
     * The one place Tugboat writes a kubeconfig ({@code tug up}, test clusters), so that the file the real
     * kubectl reads changes in one place when credentials arrive.
     */
    public static String forServer(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: tugboat
                  cluster:
                    server: %s
                users:
                - name: admin
                  user: {}
                contexts:
                - name: tugboat
                  context:
                    cluster: tugboat
                    user: admin
                    namespace: default
                current-context: tugboat
                """.formatted(server);
    }

    /**
     * The text of a kubeconfig for one API server over HTTPS with a client certificate: the CA, the certificate
     * and its key are embedded (base64 {@code -data} fields), so the file stands alone and the real kubectl reads
     * it unchanged. Cluster {@code tugboat}, user {@code user}, context {@code tugboat} with namespace
     * {@code default}. It holds a private key: write it with mode 0600.
     */
    public static String forCertificate(String server, String caPem, String user, String certificatePem, String keyPem) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: tugboat
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: tugboat
                  context:
                    cluster: tugboat
                    user: %s
                    namespace: default
                current-context: tugboat
                """.formatted(server, b64.encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)), quote(user),
                b64.encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII)),
                b64.encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII)), quote(user));
    }

    /** User names such as {@code system:node:n1} hold colons: quoted, YAML reads them as one string. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Loads from an explicit path, or {@code $KUBECONFIG}, or {@code ~/.kube/config}. */
    public static Kubeconfig load(String explicitPath) {
        List<Path> paths = new ArrayList<>();
        if (explicitPath != null && !explicitPath.isEmpty()) {
            paths.add(Path.of(explicitPath));
        } else {
            String env = System.getenv("KUBECONFIG");
            if (env != null && !env.isEmpty()) {
                for (String part : env.split(java.io.File.pathSeparator)) {
                    if (!part.isEmpty()) {
                        paths.add(Path.of(part));
                    }
                }
            } else {
                paths.add(Path.of(System.getProperty("user.home"), ".kube", "config"));
            }
        }
        List<Document> documents = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                if (explicitPath != null && !explicitPath.isEmpty()) {
                    throw new IllegalArgumentException("kubeconfig " + path + " does not exist");
                }
                continue;
            }
            documents.add(new Document(path.toAbsolutePath(), parse(path)));
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no kubeconfig found (tried " + paths + ")");
        }
        return new Kubeconfig(documents);
    }

    /** Parses kubeconfig text (for tests and for {@code tug up}, which writes one). */
    public static Kubeconfig parse(String yaml, Path directory) {
        try {
            return new Kubeconfig(List.of(new Document(directory.resolve("kubeconfig"), Codec.readTree(
                    yaml.getBytes(StandardCharsets.UTF_8), true))));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("invalid kubeconfig: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path path) {
        try {
            return Codec.readTree(Files.readAllBytes(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + path, e);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("invalid kubeconfig " + path + ": " + e.getMessage(), e);
        }
    }

    /** The current context's name (from the first file that sets one). */
    public Optional<String> currentContext() {
        for (Document document : documents) {
            String current = document.root().path("current-context").asText("");
            if (!current.isEmpty()) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    /** Names of every context, in file order. */
    public List<String> contexts() {
        List<String> names = new ArrayList<>();
        for (Document document : documents) {
            document.root().path("contexts").forEach(c -> {
                String name = c.path("name").asText();
                if (!names.contains(name)) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    /** The connection of the current context. */
    public Connection connection() {
        return connection(null);
    }

    /** The connection of a named context ({@code null} = current). */
    public Connection connection(String contextName) {
        String name = contextName != null ? contextName : currentContext().orElseThrow(() ->
                new IllegalArgumentException("kubeconfig has no current-context; choose one with --context"));
        Entry context = find("contexts", name).orElseThrow(() ->
                new IllegalArgumentException("context \"" + name + "\" does not exist in the kubeconfig"));
        JsonNode ctx = context.node().path("context");
        String clusterName = ctx.path("cluster").asText();
        Entry cluster = find("clusters", clusterName).orElseThrow(() ->
                new IllegalArgumentException("cluster \"" + clusterName + "\" of context \"" + name + "\" does not exist"));
        JsonNode c = cluster.node().path("cluster");
        String server = c.path("server").asText("");
        if (server.isEmpty()) {
            throw new IllegalArgumentException("cluster \"" + clusterName + "\" has no server");
        }
        byte[] ca = dataOrFile(c, "certificate-authority-data", "certificate-authority", cluster.directory());
        boolean insecure = c.path("insecure-skip-tls-verify").asBoolean(false);
        String userName = ctx.path("user").asText("");
        byte[] cert = null;
        byte[] key = null;
        String token = null;
        if (!userName.isEmpty()) {
            Optional<Entry> user = find("users", userName);
            if (user.isPresent()) {
                JsonNode u = user.get().node().path("user");
                cert = dataOrFile(u, "client-certificate-data", "client-certificate", user.get().directory());
                key = dataOrFile(u, "client-key-data", "client-key", user.get().directory());
                token = u.path("token").asText(null);
                String tokenFile = u.path("tokenFile").asText("");
                if (token == null && !tokenFile.isEmpty()) {
                    token = new String(readFile(user.get().directory().resolve(tokenFile)), StandardCharsets.UTF_8).trim();
                }
            }
        }
        return new Connection(server, ca, insecure, cert, key, token, ctx.path("namespace").asText(null), name);
    }

    private record Entry(JsonNode node, Path directory) {
    }

    private Optional<Entry> find(String section, String name) {
        for (Document document : documents) {
            for (JsonNode entry : document.root().path(section)) {
                if (name.equals(entry.path("name").asText())) {
                    Path dir = document.path().getParent() == null ? Path.of(".") : document.path().getParent();
                    return Optional.of(new Entry(entry, dir));
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] dataOrFile(JsonNode node, String dataField, String fileField, Path directory) {
        String data = node.path(dataField).asText("");
        if (!data.isEmpty()) {
            return Base64.getMimeDecoder().decode(data);
        }
        String file = node.path(fileField).asText("");
        return file.isEmpty() ? null : readFile(directory.resolve(file));
    }

    private static byte[] readFile(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
