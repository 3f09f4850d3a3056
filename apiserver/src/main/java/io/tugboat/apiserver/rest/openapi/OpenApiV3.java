package io.tugboat.apiserver.rest.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents of the API, generated once from the Java records and served as Kubernetes serves
 * them: an index at {@code GET /openapi/v3} and one document per group-version at
 * {@code GET /openapi/v3/api/v1}, {@code /openapi/v3/apis/apps/v1}...
 *
 * <pre>
 * GET /openapi/v3
 * {"paths": {"api/v1":       {"serverRelativeURL": "/openapi/v3/api/v1?hash=3F1A..."},
 *            "apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=77C0..."}, ...}}
 * </pre>
 *
 * The hash is the SHA-512 of the document's bytes, so a client may cache a document for as long as the index
 * names the same hash (the HTTP layer can send it as the ETag and mark hashed URLs immutable).
 *
 * <p>kubectl needs these documents for three things: {@code apply}/{@code create} with the default
 * {@code --validate=strict} check that a PATCH operation of the kind accepts {@code fieldValidation} and then
 * leave validation to the server; {@code apply} computes its strategic merge patch from the patch-merge-key and
 * patch-strategy extensions; {@code explain} prints the schemas. See the package documentation.
 *
 * <p>An instance is immutable and thread-safe. The trees returned are copies: callers may modify them freely.
 */
public final class OpenApiV3 {
    /** The version written in every document's {@code info}, that of the Kubernetes API we follow. */
    public static final String DEFAULT_VERSION = "v1.32.0";

    private static final String URL_PREFIX = "/openapi/v3/";

    private final Map<String, Document> documents;
    private final ObjectNode index;
    private final byte[] indexJson;

    private static final class BuiltIn {
        static final OpenApiV3 INSTANCE = new OpenApiV3(ResourceKinds.all(), DEFAULT_VERSION);
    }

    /** The documents of every kind in {@link ResourceKinds#all()}, generated on first use and then shared. */
    public static OpenApiV3 builtIn() {
        return BuiltIn.INSTANCE;
    }

    /**
     * Generates the documents of the given kinds, one per group-version.
     *
     * @param kinds   the kinds to describe
     * @param version the API version written in {@code info.version}
     * @throws IllegalStateException if a record uses a Java type that has no OpenAPI mapping (a bug in the model)
     */
    public OpenApiV3(List<ResourceKind<?>> kinds, String version) {
        Map<String, List<ResourceKind<?>>> byGroupVersion = new TreeMap<>();
        for (ResourceKind<?> kind : kinds) {
            byGroupVersion.computeIfAbsent(relativePath(kind), p -> new ArrayList<>()).add(kind);
        }
        Map<String, Document> generated = new LinkedHashMap<>();
        ObjectNode indexPaths = JsonNodeFactory.instance.objectNode();
        byGroupVersion.forEach((path, members) -> {
            Document document = Document.of(generate(members, version));
            generated.put(path, document);
            indexPaths.putObject(path).put("serverRelativeURL", URL_PREFIX + path + "?hash=" + document.hash());
        });
        this.documents = Map.copyOf(generated);
        this.index = JsonNodeFactory.instance.objectNode();
        this.index.set("paths", indexPaths);
        this.indexJson = toJson(index);
    }

    /** The index served at {@code /openapi/v3}: every group-version and the URL of its document. */
    public JsonNode index() {
        return index.deepCopy();
    }

    /** The index as JSON bytes, ready to send. */
    public byte[] indexJson() {
        return indexJson.clone();
    }

    /**
     * The document of one group-version.
     *
     * @param groupVersionPath {@code api/v1} or {@code apis/apps/v1}, as in the index (a leading slash is allowed)
     */
    public Optional<JsonNode> document(String groupVersionPath) {
        return find(groupVersionPath).map(d -> d.tree().deepCopy());
    }

    /** The document of one group-version as JSON bytes, ready to send. */
    public Optional<byte[]> documentJson(String groupVersionPath) {
        return find(groupVersionPath).map(d -> d.json().clone());
    }

    /** The hash the index advertises for a group-version's document (uppercase hex SHA-512 of its bytes). */
    public Optional<String> hash(String groupVersionPath) {
        return find(groupVersionPath).map(Document::hash);
    }

    private Optional<Document> find(String groupVersionPath) {
        String path = groupVersionPath.startsWith("/") ? groupVersionPath.substring(1) : groupVersionPath;
        return Optional.ofNullable(documents.get(path));
    }

    /** {@code api/v1} or {@code apis/apps/v1}: the group-version path without its leading slash. */
    private static String relativePath(ResourceKind<?> kind) {
        return kind.groupVersionPath().substring(1);
    }

    private static ObjectNode generate(List<ResourceKind<?>> kinds, String version) {
        SchemaGenerator schemas = new SchemaGenerator();
        PathGenerator paths = new PathGenerator(schemas);
        kinds.forEach(paths::addKind);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", version);
        document.set("paths", paths.paths());
        document.putObject("components").set("schemas", schemas.schemas());
        return document;
    }

    private static byte[] toJson(JsonNode tree) {
        try {
            return Codec.json().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an OpenAPI document", e);
        }
    }

    private record Document(ObjectNode tree, byte[] json, String hash) {
        static Document of(ObjectNode tree) {
            byte[] json = toJson(tree);
            return new Document(tree, json, sha512(json));
        }

        private static String sha512(byte[] bytes) {
            try {
                return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides SHA-512", e);
            }
        }
    }
}
