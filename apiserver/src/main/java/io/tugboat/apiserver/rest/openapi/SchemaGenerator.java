package io.tugboat.apiserver.rest.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.IntOrString;
import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.Rfc3339;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.apiserver.rest.openapi.FieldRules.ListRule;
import io.tugboat.apiserver.rest.openapi.SchemaNames.Gvk;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the {@code components.schemas} of one OpenAPI document from the records of the object model, by
 * reflection over their components. A worked example: the record component {@code List<Container> containers}
 * of {@code PodSpec} becomes
 *
 * <pre>
 * "containers": {
 *   "type": "array",
 *   "items": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.Container"}]},
 *   "description": "The containers of the pod; there must be at least one.",
 *   "x-kubernetes-list-type": "map",
 *   "x-kubernetes-list-map-keys": ["name"],
 *   "x-kubernetes-patch-merge-key": "name",
 *   "x-kubernetes-patch-strategy": "merge"
 * }
 * </pre>
 *
 * and {@code io.k8s.api.core.v1.Container} is generated in turn. References are wrapped in {@code allOf}, as
 * Kubernetes does, because OpenAPI 3.0 ignores the siblings of a bare {@code $ref} (the description would be lost).
 *
 * <p>Java types map as follows: {@code String} to string; {@code Integer}/{@code Long} to integer int32/int64;
 * {@code Boolean} to boolean; {@code Instant} to {@code meta.v1.Time} (or {@code MicroTime} when serialised with
 * microseconds); {@code Quantity}, {@code IntOrString} and {@code JsonNode} to their Kubernetes schemas;
 * {@code List} to array; {@code Map<String, V>} to an object with {@code additionalProperties}; records to named
 * schemas. Anything else is a bug in the model and fails loudly.
 *
 * <p>Descriptions: a top-level kind describes itself; a nested record's sentence is put on the fields that hold
 * it rather than on its schema, because {@code kubectl explain} prints both a field's and its type's description
 * and would otherwise say the same thing twice.
 */
final class SchemaGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/components/schemas/";

    private final Map<String, ObjectNode> schemas = new TreeMap<>();

    /** A plain reference, as operations use it for request and response bodies. */
    static ObjectNode ref(String schemaName) {
        return JSON.objectNode().put("$ref", REF_PREFIX + schemaName);
    }

    /** The {@code x-kubernetes-group-version-kind} value of one kind (operations carry it bare, schemas in a list). */
    static ObjectNode gvkNode(Gvk gvk) {
        return JSON.objectNode().put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
    }

    /** All schemas defined so far, sorted by name. */
    ObjectNode schemas() {
        ObjectNode node = JSON.objectNode();
        schemas.forEach(node::set);
        return node;
    }

    /** Defines the schema of a record of the object model and of every type it reaches; returns its name. */
    String define(Class<?> record) {
        String name = SchemaNames.of(record);
        if (schemas.containsKey(name)) {
            return name;
        }
        ObjectNode schema = JSON.objectNode();
        schemas.put(name, schema); // registered before recursing, so a type that reaches itself terminates
        Optional<Gvk> gvk = SchemaNames.gvkOf(record);
        if (gvk.isPresent()) {
            Descriptions.ofType(record).ifPresent(text -> schema.put("description", text));
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent component : record.getRecordComponents()) {
            if (annotation(record, component, JsonIgnore.class) == null) {
                String field = jsonName(record, component);
                properties.set(field, property(record, component, field, gvk.isPresent()));
            }
        }
        List<String> required = FieldRules.required(record).stream().filter(properties::has).toList();
        if (!required.isEmpty()) {
            required.forEach(schema.putArray("required")::add);
        }
        gvk.ifPresent(g -> schema.putArray("x-kubernetes-group-version-kind").add(gvkNode(g)));
        return name;
    }

    /** Defines {@code PodList} and friends: every list kind has the same four fields. */
    String defineList(ResourceKind<?> kind) {
        String name = SchemaNames.listOf(kind);
        if (schemas.containsKey(name)) {
            return name;
        }
        ObjectNode schema = JSON.objectNode();
        schemas.put(name, schema);
        schema.put("description", "A list of " + kind.kind() + " objects.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.set("apiVersion", string().put("description", "The versioned schema of this list."));
        ObjectNode items = properties.putObject("items");
        items.put("type", "array");
        items.set("items", reference(define(kind.type())));
        items.put("description", "The " + kind.plural() + " in the list.");
        properties.set("kind", string().put("description", "The kind of this list: " + kind.listKind() + "."));
        properties.set("metadata", reference(define(ListMeta.class))
                .put("description", "The resourceVersion the list was read at, and the token for the next page."));
        schema.putArray("required").add("items");
        schema.putArray("x-kubernetes-group-version-kind").add(gvkNode(Gvk.of(kind).list()));
        return name;
    }

    /** The body of a PATCH; its shape depends on the content type, so the schema says nothing more. */
    String definePatch() {
        schemas.computeIfAbsent(SchemaNames.PATCH, name -> JSON.objectNode()
                .put("description", "The body of a PATCH: a JSON patch, a JSON merge patch, a strategic merge patch "
                        + "or an apply configuration, as the Content-Type says.")
                .put("type", "object"));
        return SchemaNames.PATCH;
    }

    // ---------------------------------------------------------------- properties

    private ObjectNode property(Class<?> owner, RecordComponent component, String field, boolean topLevelOwner) {
        Type type = component.getGenericType();
        ObjectNode property = typeSchema(type, isMicroTime(owner, component));
        Descriptions.ofField(owner, field, topLevelOwner)
                .or(() -> borrowedDescription(type))
                .ifPresent(text -> property.put("description", text));
        List<String> values = FieldRules.enumValues(owner, field);
        if (!values.isEmpty()) {
            values.forEach(property.putArray("enum")::add);
        }
        if (FieldRules.holdsBytes(owner, field)) {
            property.set("additionalProperties", string().put("format", "byte"));
        }
        FieldRules.list(owner, field).ifPresent(rule -> addListExtensions(property, rule));
        if (FieldRules.retainsKeys(owner, field)) {
            property.put("x-kubernetes-patch-strategy", "retainKeys");
        }
        return property;
    }

    private static void addListExtensions(ObjectNode property, ListRule rule) {
        if (rule.listType() != null) {
            property.put("x-kubernetes-list-type", rule.listType());
        }
        if (!rule.mapKeys().isEmpty()) {
            ArrayNode keys = property.putArray("x-kubernetes-list-map-keys");
            rule.mapKeys().forEach(keys::add);
        }
        if (rule.mergeKey() != null) {
            property.put("x-kubernetes-patch-merge-key", rule.mergeKey());
        }
        if (rule.patchStrategy() != null) {
            property.put("x-kubernetes-patch-strategy", rule.patchStrategy());
        }
    }

    /** A field holding a nested record (directly, in a list or as map values) borrows the record's sentence. */
    private static Optional<String> borrowedDescription(Type type) {
        Type element = type;
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            element = arguments[arguments.length - 1];
        }
        if (element instanceof Class<?> c && c.isRecord() && SchemaNames.gvkOf(c).isEmpty()) {
            return Descriptions.ofType(c);
        }
        return Optional.empty();
    }

    private ObjectNode typeSchema(Type type, boolean microTime) {
        if (type instanceof Class<?> c) {
            return classSchema(c, microTime);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = JSON.objectNode().put("type", "array");
                array.set("items", typeSchema(arguments[0], microTime));
                return array;
            }
            if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
                ObjectNode map = JSON.objectNode().put("type", "object");
                map.set("additionalProperties", typeSchema(arguments[1], microTime));
                return map;
            }
        }
        throw new IllegalStateException("no OpenAPI schema for Java type " + type.getTypeName());
    }

    private ObjectNode classSchema(Class<?> c, boolean microTime) {
        if (c == String.class) {
            return string();
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int32");
        }
        if (c == Long.class || c == long.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int64");
        }
        if (c == Boolean.class || c == boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return JSON.objectNode().put("type", "number").put("format", "double");
        }
        if (c == Instant.class) {
            return reference(defineTime(microTime));
        }
        if (c == Quantity.class) {
            return reference(defineQuantity());
        }
        if (c == IntOrString.class) {
            return reference(defineIntOrString());
        }
        if (JsonNode.class.isAssignableFrom(c)) {
            return reference(defineRawExtension());
        }
        if (c.isRecord()) {
            return reference(define(c));
        }
        if (c.isEnum()) {
            ObjectNode schema = string();
            ArrayNode values = schema.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (c == Object.class) {
            return JSON.objectNode().put("x-kubernetes-preserve-unknown-fields", true);
        }
        throw new IllegalStateException("no OpenAPI schema for Java type " + c.getName());
    }

    // ---------------------------------------------------------------- the scalar wrappers

    private String defineTime(boolean micro) {
        String name = micro ? SchemaNames.MICRO_TIME : SchemaNames.TIME;
        schemas.computeIfAbsent(name, n -> JSON.objectNode()
                .put("description", micro
                        ? "A timestamp in RFC 3339 form with microseconds, in UTC."
                        : "A timestamp in RFC 3339 form, in UTC, to the second.")
                .put("type", "string")
                .put("format", "date-time"));
        return name;
    }

    private String defineQuantity() {
        schemas.computeIfAbsent(SchemaNames.QUANTITY, n -> {
            ObjectNode schema = JSON.objectNode().put("description", "A fixed-point number with an optional suffix: "
                    + "SI (m, k, M, G...), binary (Ki, Mi, Gi...) or an exponent (1e3). Written as a string; 500m is "
                    + "half a CPU, 128Mi is 128 mebibytes.");
            schema.putArray("oneOf").add(string()).add(JSON.objectNode().put("type", "number"));
            return schema;
        });
        return SchemaNames.QUANTITY;
    }

    private String defineIntOrString() {
        schemas.computeIfAbsent(SchemaNames.INT_OR_STRING, n -> {
            ObjectNode schema = JSON.objectNode().put("description", "Either an integer or a string, such as a port "
                    + "number or a port name, or a count or a percentage (25%).");
            schema.put("format", "int-or-string");
            schema.putArray("oneOf").add(JSON.objectNode().put("type", "integer")).add(string());
            return schema;
        });
        return SchemaNames.INT_OR_STRING;
    }

    private String defineRawExtension() {
        schemas.computeIfAbsent(SchemaNames.RAW_EXTENSION, n -> JSON.objectNode()
                .put("description", "An embedded object of any shape, stored as given.")
                .put("type", "object")
                .put("x-kubernetes-preserve-unknown-fields", true));
        return SchemaNames.RAW_EXTENSION;
    }

    // ---------------------------------------------------------------- reflection helpers

    private static ObjectNode string() {
        return JSON.objectNode().put("type", "string");
    }

    private static ObjectNode reference(String schemaName) {
        ObjectNode node = JSON.objectNode();
        node.putArray("allOf").add(ref(schemaName));
        return node;
    }

    /** The JSON name of a component: its {@code @JsonProperty} value ({@code continue}, {@code Port}) or its name. */
    private static String jsonName(Class<?> owner, RecordComponent component) {
        JsonProperty property = annotation(owner, component, JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static boolean isMicroTime(Class<?> owner, RecordComponent component) {
        JsonSerialize serialize = annotation(owner, component, JsonSerialize.class);
        return serialize != null && serialize.using() == Rfc3339.MicroTimeSerializer.class;
    }

    /**
     * An annotation written on a record component. Java copies it to the accessor, the field or the constructor
     * parameter depending on the annotation's targets, so all three places are looked at.
     */
    private static <A extends Annotation> A annotation(Class<?> owner, RecordComponent component, Class<A> type) {
        A onAccessor = component.getAccessor().getAnnotation(type);
        if (onAccessor != null) {
            return onAccessor;
        }
        try {
            A onField = owner.getDeclaredField(component.getName()).getAnnotation(type);
            if (onField != null) {
                return onField;
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record " + owner.getName() + " has no field " + component.getName(), e);
        }
        return component.getAnnotation(type);
    }
}
