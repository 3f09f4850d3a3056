package io.tugboat.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON and YAML encoding of the object model, shared by the API server, the clients and the CLI.
 *
 * <p>The rules, all chosen to match what Kubernetes puts on the wire:
 * <ul>
 *   <li><b>Absent is absent.</b> {@code null} fields are left out when encoding; empty lists and maps are kept,
 *       so {@code decode(encode(x)).equals(x)} for every object.</li>
 *   <li><b>Deterministic.</b> Record fields come out in declaration order (the order of the Kubernetes Go
 *       structs) and map entries sorted by key, so encoding the same object twice gives identical bytes;
 *       the API server relies on that to skip no-op updates.</li>
 *   <li><b>Lenient about unknown fields, strict about types.</b> A field the model lacks is skipped and its path
 *       reported in {@link Decoded#unknownFields()}; a value of the wrong type ({@code replicas: "3"},
 *       {@code value: 80} for a string) is an error, as in Kubernetes' decoder.</li>
 *   <li><b>Timestamps</b> are RFC 3339 ({@link Rfc3339}).</li>
 *   <li><b>YAML</b> input is read by {@link YamlReader} (aliases expanded within limits, so a "billion laughs"
 *       document cannot exhaust the server) and then decoded like JSON; output is written by Jackson, with
 *       {@link YamlWriter} quoting every string YAML would otherwise read back as something else.</li>
 * </ul>
 */
public final class Codec {
    /** Jackson context attribute: a one-element flag set when a decode meets an unknown property. */
    private static final Object UNKNOWN_FIELDS = new Object();

    /** Nesting deeper than this is refused; real objects are a few dozen levels deep at most. */
    static final int MAX_NESTING_DEPTH = 100;

    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    /**
     * One reader per type, created once: a reader carries its resolved root deserializer, and looking that up
     * again for every decode goes through a lock in Jackson's deserializer cache that serialised concurrent
     * requests in the API server.
     */
    private static final ConcurrentHashMap<JavaType, ObjectReader> READERS = new ConcurrentHashMap<>();
    private static final ObjectMapper YAML = configure(new YAMLMapper(yamlFactory()));

    private Codec() {
    }

    private static YAMLFactory yamlFactory() {
        return YamlWriter.factory(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule time = new SimpleModule("rfc3339");
        time.addSerializer(Instant.class, new Rfc3339.TimeSerializer());
        time.addDeserializer(Instant.class, new Rfc3339.InstantDeserializer());
        mapper.registerModule(time);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // 2.5 is not an int32 for Kubernetes, and silently truncating it would change the user's intent.
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        // Kubernetes rejects a number where a string belongs ("cannot unmarshal number into ... of type string").
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.addHandler(new UnknownFieldCollector());
        return mapper;
    }

    /** The shared JSON mapper, configured as described above. Do not reconfigure it. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Whether a string scalar must be double-quoted in YAML so that YAML readers (kubectl's included) read it
     * back as a string: see {@link YamlWriter}. For writers that make their own YAML factory.
     */
    public static boolean yamlNeedsDoubleQuotes(String text) {
        return YamlWriter.needsDoubleQuotes(text);
    }

    /** The shared YAML mapper, configured as described above. Do not reconfigure it. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes as compact JSON (UTF-8). */
    public static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Encodes as compact JSON text. */
    public static String toJsonString(Object value) {
        return new String(toJson(value), StandardCharsets.UTF_8);
    }

    /** Encodes as one YAML document, the way {@code kubectl get -o yaml} prints objects. */
    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** The object as a JSON tree (for patching and field access). */
    public static JsonNode toTree(Object value) {
        return JSON.valueToTree(value);
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes JSON into {@code type}, collecting unknown fields. */
    public static <T> Decoded<T> fromJson(byte[] json, Class<T> type) throws DecodeException {
        return read(JSON, json, JSON.constructType(type));
    }

    /** Decodes JSON text into {@code type}, collecting unknown fields. */
    public static <T> Decoded<T> fromJson(String json, Class<T> type) throws DecodeException {
        return fromJson(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Decodes one YAML document into {@code type}, collecting unknown fields. */
    public static <T> Decoded<T> fromYaml(String yaml, Class<T> type) throws DecodeException {
        return fromTree(YamlReader.readSingle(yaml), type);
    }

    /** Decodes a JSON tree into {@code type}, collecting unknown fields. */
    public static <T> Decoded<T> fromTree(JsonNode tree, Class<T> type) throws DecodeException {
        return read(tree, JSON.constructType(type));
    }

    /** Decodes a JSON list response ({@code PodList}...) of items of {@code itemType}. */
    public static <T> Decoded<ObjectList<T>> listFromJson(byte[] json, Class<T> itemType) throws DecodeException {
        JavaType type = JSON.getTypeFactory().constructParametricType(ObjectList.class, itemType);
        return read(JSON, json, type);
    }

    /**
     * Decodes any object by its {@code apiVersion} and {@code kind} (JSON or YAML input, one document).
     * Missing or unknown types are a {@link DecodeException}.
     */
    public static Decoded<KubernetesObject> decodeObject(byte[] bytes, boolean yaml) throws DecodeException {
        return decodeObject(readTree(bytes, yaml));
    }

    /** Decodes a tree by its {@code apiVersion} and {@code kind}. */
    public static Decoded<KubernetesObject> decodeObject(JsonNode tree) throws DecodeException {
        if (tree == null || !tree.isObject()) {
            throw new DecodeException("expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        String apiVersion = textField(tree, "apiVersion");
        String kind = textField(tree, "kind");
        Class<? extends KubernetesObject> type = ResourceKinds.typeFor(apiVersion, kind).orElseThrow(() ->
                new DecodeException("no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\""));
        Decoded<? extends KubernetesObject> decoded = fromTree(tree, type);
        return new Decoded<>(decoded.value(), decoded.unknownFields());
    }

    /**
     * Decodes a multi-document YAML stream (documents separated by {@code ---}), as {@code kubectl apply -f}
     * reads files. Empty documents are skipped. Each document is dispatched on its apiVersion and kind.
     */
    public static List<Decoded<KubernetesObject>> decodeYamlDocuments(String yaml) throws DecodeException {
        List<Decoded<KubernetesObject>> result = new ArrayList<>();
        List<JsonNode> documents = YamlReader.readAll(yaml);
        for (int i = 0; i < documents.size(); i++) {
            try {
                result.add(decodeObject(documents.get(i)));
            } catch (DecodeException e) {
                throw new DecodeException("document " + (i + 1) + ": " + e.getMessage(), e.field(), e);
            }
        }
        return result;
    }

    /** Parses JSON or YAML into a tree, with the same limits as the typed decoders. */
    public static JsonNode readTree(byte[] bytes, boolean yaml) throws DecodeException {
        return yaml ? YamlReader.readSingle(new String(bytes, StandardCharsets.UTF_8)) : readTree(JSON, bytes);
    }

    private static JsonNode readTree(ObjectMapper mapper, byte[] bytes) throws DecodeException {
        try {
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new DecodeException("empty document");
            }
            return tree;
        } catch (IOException | RuntimeException e) {
            throw decodeError(e);
        }
    }

    private static <T> Decoded<T> read(ObjectMapper mapper, byte[] bytes, JavaType type) throws DecodeException {
        if (mapper != JSON) {
            return read(readTree(mapper, bytes), type);
        }
        // JSON is decoded straight from the bytes; the tree is only built when there are unknown fields to locate.
        boolean[] sawUnknown = new boolean[1];
        try {
            T value = READERS.computeIfAbsent(type, JSON::readerFor).withAttribute(UNKNOWN_FIELDS, sawUnknown).readValue(bytes);
            if (value == null) {
                throw new DecodeException("empty document");
            }
            if (!sawUnknown[0]) {
                return new Decoded<>(value, List.of());
            }
            List<String> unknown = new ArrayList<>();
            collectUnknown(readTree(JSON, bytes), JSON.valueToTree(value), "", unknown);
            return new Decoded<>(value, unknown);
        } catch (IOException | RuntimeException e) {
            throw decodeError(e);
        }
    }

    /**
     * Decodes a tree. Unknown fields are found in two steps: Jackson's problem handler only notes that there
     * were some (cheap, and the common case is none); then the decoded value is encoded again and every
     * non-null input field missing from that output is reported. Doing the paths by comparison keeps them
     * exact whatever buffering Jackson does internally for records.
     */
    private static <T> Decoded<T> read(JsonNode tree, JavaType type) throws DecodeException {
        boolean[] sawUnknown = new boolean[1];
        try {
            T value = READERS.computeIfAbsent(type, JSON::readerFor).withAttribute(UNKNOWN_FIELDS, sawUnknown)
                    .readValue(JSON.treeAsTokens(tree));
            if (value == null) {
                throw new DecodeException("empty document");
            }
            List<String> unknown = new ArrayList<>();
            if (sawUnknown[0]) {
                collectUnknown(tree, JSON.valueToTree(value), "", unknown);
            }
            return new Decoded<>(value, unknown);
        } catch (IOException | RuntimeException e) {
            throw decodeError(e);
        }
    }

    private static void collectUnknown(JsonNode input, JsonNode known, String path, List<String> out) {
        if (input.isObject() && known != null && known.isObject()) {
            input.fields().forEachRemaining(field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    return;
                }
                JsonNode knownValue = known.get(field.getKey());
                if (knownValue == null) {
                    out.add(child);
                } else {
                    collectUnknown(value, knownValue, child, out);
                }
            });
        } else if (input.isArray() && known != null && known.isArray()) {
            for (int i = 0; i < input.size() && i < known.size(); i++) {
                collectUnknown(input.get(i), known.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static String textField(JsonNode tree, String name) throws DecodeException {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            throw new DecodeException("Object '" + (name.equals("kind") ? "Kind" : name) + "' is missing in '"
                    + abbreviate(tree.toString()) + "'", name, null);
        }
        if (!node.isTextual()) {
            throw new DecodeException(name + " must be a string", name, null);
        }
        return node.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Turns Jackson's (or SnakeYAML's) failure into a message a user can act on, with the field path. */
    private static DecodeException decodeError(Exception e) {
        if (e instanceof DecodeException d) {
            return d;
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = pathOf(m.getPath());
            return new DecodeException("field " + field + ": " + m.getOriginalMessage(), field, e);
        }
        if (e instanceof JsonProcessingException p) {
            return new DecodeException(p.getOriginalMessage(), null, e);
        }
        if (e instanceof UncheckedIOException u) {
            return decodeError(u.getCause());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DecodeException(message, null, e);
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Notes that the decode met an unknown property, and skips its value. */
    private static final class UnknownFieldCollector extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            if (ctxt.getAttribute(UNKNOWN_FIELDS) instanceof boolean[] flag) {
                flag[0] = true;
            }
            p.skipChildren();
            return true;
        }
    }
}
