package io.tugboat.apiserver.rest.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiV3Test {
    private static final OpenApiV3 OPENAPI = OpenApiV3.builtIn();
    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    static Stream<ResourceKind<?>> kinds() {
        return ResourceKinds.all().stream();
    }

    private static String gvPath(ResourceKind<?> kind) {
        return kind.groupVersionPath().substring(1);
    }

    private static JsonNode document(ResourceKind<?> kind) {
        return OPENAPI.document(gvPath(kind)).orElseThrow();
    }

    private static JsonNode schema(String groupVersionPath, String name) {
        JsonNode schema = OPENAPI.document(groupVersionPath).orElseThrow().path("components").path("schemas").path(name);
        assertFalse(schema.isMissingNode(), () -> "no schema " + name + " in " + groupVersionPath);
        return schema;
    }

    private static boolean sameGvk(JsonNode node, ResourceKind<?> kind) {
        return node.path("group").asText("?").equals(kind.group()) && node.path("version").asText().equals(kind.version())
                && node.path("kind").asText().equals(kind.kind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindsGroupVersionIsIndexedWithTheHashOfItsDocument(ResourceKind<?> kind) {
        String path = gvPath(kind);
        JsonNode entry = OPENAPI.index().path("paths").path(path);
        assertEquals("/openapi/v3/" + path + "?hash=" + OPENAPI.hash(path).orElseThrow(),
                entry.path("serverRelativeURL").asText());
        JsonNode document = OPENAPI.document(path).orElseThrow();
        assertEquals("3.0.0", document.path("openapi").asText());
        assertEquals("Kubernetes", document.path("info").path("title").asText());
    }

    /** The check kubectl apply/create run with --validate=strict (cli-runtime query_param_verifier_v3.go). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyPatchOperationOfAKindAcceptsFieldValidation(ResourceKind<?> kind) {
        int patches = 0;
        for (JsonNode path : document(kind).path("paths")) {
            JsonNode patch = path.path("patch");
            if (patch.isObject() && sameGvk(patch.path("x-kubernetes-group-version-kind"), kind)) {
                patches++;
                List<String> names = new ArrayList<>();
                patch.path("parameters").forEach(p -> names.add(p.path("name").asText()));
                assertTrue(names.containsAll(List.of("fieldValidation", "fieldManager", "dryRun", "force")),
                        () -> kind + " patch parameters: " + names);
                assertTrue(patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"));
            }
        }
        assertTrue(patches > 0, () -> "no patch operation for " + kind);
    }

    /** What kubectl explain's template does: GVK from the collection or item path, then the schema with that GVK. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void explainFindsTheSchemaOfEveryKindThroughItsPaths(ResourceKind<?> kind) {
        JsonNode document = document(kind);
        String prefix = kind.groupVersionPath() + (kind.namespaced() ? "/namespaces/{namespace}/" : "/") + kind.plural();
        JsonNode gvk = document.path("paths").path(prefix).path("get").path("x-kubernetes-group-version-kind");
        assertTrue(sameGvk(gvk, kind), () -> "list operation GVK: " + gvk);
        long matching = 0;
        for (JsonNode schema : document.path("components").path("schemas")) {
            for (JsonNode candidate : schema.path("x-kubernetes-group-version-kind")) {
                if (candidate.equals(gvk)) {
                    matching++;
                    assertTrue(schema.path("description").isTextual(), () -> kind + " has no description");
                }
            }
        }
        assertEquals(1, matching);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindHasAListSchemaWhoseItemsAreTheKind(ResourceKind<?> kind) {
        JsonNode schemas = document(kind).path("components").path("schemas");
        String kindSchema = schemas.properties().stream()
                .filter(e -> e.getValue().path("x-kubernetes-group-version-kind").path(0).path("kind").asText()
                        .equals(kind.kind()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        JsonNode list = schemas.path(kindSchema + "List");
        assertEquals("#/components/schemas/" + kindSchema,
                list.path("properties").path("items").path("items").path("allOf").path(0).path("$ref").asText());
        assertEquals(kind.listKind(), list.path("x-kubernetes-group-version-kind").path(0).path("kind").asText());
    }

    @Test
    void podSchemaCarriesItsGroupVersionKindAndDescription() {
        JsonNode pod = schema("api/v1", CORE + "Pod");
        assertEquals("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}",
                pod.path("x-kubernetes-group-version-kind").path(0).toString());
        assertTrue(pod.path("description").asText().startsWith("The smallest deployable unit"));
        assertEquals("#/components/schemas/" + CORE + "PodSpec",
                pod.path("properties").path("spec").path("allOf").path(0).path("$ref").asText());
    }

    @Test
    void everyReferenceResolvesWithinItsDocument() {
        for (String path : List.of("api/v1", "apis/apps/v1", "apis/batch/v1", "apis/coordination.k8s.io/v1",
                "apis/storage.k8s.io/v1")) {
            JsonNode document = OPENAPI.document(path).orElseThrow();
            List<String> refs = new ArrayList<>();
            collectRefs(document, refs);
            assertFalse(refs.isEmpty());
            for (String ref : refs) {
                assertTrue(ref.startsWith("#/components/schemas/"), ref);
                String name = ref.substring("#/components/schemas/".length());
                assertTrue(document.path("components").path("schemas").has(name), () -> path + ": dangling " + ref);
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void hashesAndBytesAreStableAcrossCallsAndInstances() throws Exception {
        OpenApiV3 other = new OpenApiV3(ResourceKinds.all(), OpenApiV3.DEFAULT_VERSION);
        for (ResourceKind<?> kind : ResourceKinds.all()) {
            String path = gvPath(kind);
            byte[] json = OPENAPI.documentJson(path).orElseThrow();
            assertArrayEquals(json, other.documentJson(path).orElseThrow());
            assertEquals(OPENAPI.hash(path), other.hash(path));
            String sha512 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(json));
            assertEquals(sha512, OPENAPI.hash(path).orElseThrow());
        }
        assertEquals(OPENAPI.index(), other.index());
    }

    @Test
    void returnedTreesAreCopiesThatCallersMayChange() {
        ((ObjectNode) OPENAPI.document("api/v1").orElseThrow()).remove("paths");
        ((ObjectNode) OPENAPI.index()).remove("paths");
        assertTrue(OPENAPI.document("api/v1").orElseThrow().has("paths"));
        assertTrue(OPENAPI.index().has("paths"));
    }

    @Test
    void unknownGroupVersionsHaveNoDocumentAndALeadingSlashIsAccepted() {
        assertTrue(OPENAPI.document("apis/example.com/v1").isEmpty());
        assertTrue(OPENAPI.document("/apis/apps/v1").isPresent());
    }

    static Stream<Arguments> mergeLists() {
        return Stream.of(
                Arguments.of("api/v1", CORE + "PodSpec", "containers", "name", "merge", List.of("name")),
                Arguments.of("api/v1", CORE + "PodSpec", "initContainers", "name", "merge", List.of("name")),
                Arguments.of("api/v1", CORE + "PodSpec", "volumes", "name", "merge,retainKeys", List.of("name")),
                Arguments.of("api/v1", CORE + "Container", "env", "name", "merge", List.of("name")),
                Arguments.of("api/v1", CORE + "Container", "ports", "containerPort", "merge",
                        List.of("containerPort", "protocol")),
                Arguments.of("api/v1", CORE + "Container", "volumeMounts", "mountPath", "merge", List.of("mountPath")),
                Arguments.of("api/v1", CORE + "PodStatus", "conditions", "type", "merge", List.of("type")),
                Arguments.of("api/v1", CORE + "NodeStatus", "addresses", "type", "merge", List.of("type")),
                Arguments.of("api/v1", CORE + "ServiceSpec", "ports", "port", "merge", List.of("port", "protocol")),
                Arguments.of("api/v1", META + "ObjectMeta", "ownerReferences", "uid", "merge", List.of("uid")),
                Arguments.of("apis/apps/v1", APPS + "DeploymentStatus", "conditions", "type", "merge", List.of("type")));
    }

    @ParameterizedTest(name = "{1}.{2} merges by {3}")
    @MethodSource("mergeLists")
    void mergeListsCarryTheirKubernetesPatchMetadata(String gv, String schema, String field, String mergeKey,
                                                    String strategy, List<String> mapKeys) {
        JsonNode property = schema(gv, schema).path("properties").path(field);
        assertEquals("array", property.path("type").asText());
        assertEquals(mergeKey, property.path("x-kubernetes-patch-merge-key").asText());
        assertEquals(strategy, property.path("x-kubernetes-patch-strategy").asText());
        assertEquals("map", property.path("x-kubernetes-list-type").asText());
        List<String> keys = new ArrayList<>();
        property.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        assertEquals(mapKeys, keys);
    }

    @Test
    void deploymentStrategyRetainsKeysSoSwitchingToRecreateDropsRollingUpdate() {
        JsonNode strategy = schema("apis/apps/v1", APPS + "DeploymentSpec").path("properties").path("strategy");
        assertEquals("retainKeys", strategy.path("x-kubernetes-patch-strategy").asText());
    }

    static Stream<Arguments> requiredFields() {
        return Stream.of(
                Arguments.of("api/v1", CORE + "Container", List.of("name")),
                Arguments.of("api/v1", CORE + "PodSpec", List.of("containers")),
                Arguments.of("api/v1", CORE + "VolumeMount", List.of("name", "mountPath")),
                Arguments.of("api/v1", CORE + "ServicePort", List.of("port")),
                Arguments.of("apis/apps/v1", APPS + "DeploymentSpec", List.of("selector", "template")),
                Arguments.of("apis/batch/v1", "io.k8s.api.batch.v1.CronJobSpec", List.of("schedule", "jobTemplate")));
    }

    @ParameterizedTest(name = "{1} requires {2}")
    @MethodSource("requiredFields")
    void requiredFieldsAreThoseKubernetesRequires(String gv, String schema, List<String> required) {
        List<String> actual = new ArrayList<>();
        schema(gv, schema).path("required").forEach(r -> actual.add(r.asText()));
        assertEquals(required, actual);
    }

    @Test
    void jsonNamesComeFromJsonPropertyAnnotations() {
        assertTrue(schema("api/v1", META + "ListMeta").path("properties").has("continue"));
        assertTrue(schema("api/v1", CORE + "DaemonEndpoint").path("properties").has("Port"));
    }

    @Test
    void scalarWrappersUseTheSchemasKubernetesUses() {
        JsonNode quantity = schema("api/v1", "io.k8s.apimachinery.pkg.api.resource.Quantity");
        assertEquals("[{\"type\":\"string\"},{\"type\":\"number\"}]", quantity.path("oneOf").toString());
        JsonNode intOrString = schema("api/v1", "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertEquals("int-or-string", intOrString.path("format").asText());
        assertEquals("[{\"type\":\"integer\"},{\"type\":\"string\"}]", intOrString.path("oneOf").toString());
        assertEquals("date-time", schema("api/v1", META + "Time").path("format").asText());
        JsonNode raw = schema("apis/apps/v1", "io.k8s.apimachinery.pkg.runtime.RawExtension");
        assertTrue(raw.path("x-kubernetes-preserve-unknown-fields").asBoolean());
    }

    static Stream<Arguments> typedFields() {
        return Stream.of(
                Arguments.of("api/v1", CORE + "ObjectReference", "name", "{\"type\":\"string\"}"),
                Arguments.of("api/v1", CORE + "ContainerStatus", "restartCount", "{\"type\":\"integer\",\"format\":\"int32\"}"),
                Arguments.of("api/v1", META + "ObjectMeta", "generation", "{\"type\":\"integer\",\"format\":\"int64\"}"),
                Arguments.of("api/v1", CORE + "Container", "tty", "{\"type\":\"boolean\"}"),
                Arguments.of("api/v1", CORE + "Event", "eventTime", "{\"allOf\":[{\"$ref\":\"#/components/schemas/" + META
                        + "MicroTime\"}]}"),
                Arguments.of("apis/coordination.k8s.io/v1", "io.k8s.api.coordination.v1.LeaseSpec", "renewTime",
                        "{\"allOf\":[{\"$ref\":\"#/components/schemas/" + META + "MicroTime\"}]}"),
                Arguments.of("api/v1", META + "ListMeta", "remainingItemCount", "{\"type\":\"integer\",\"format\":\"int64\"}"),
                Arguments.of("api/v1", CORE + "Secret", "data",
                        "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\",\"format\":\"byte\"}}"),
                Arguments.of("api/v1", CORE + "ResourceRequirements", "limits", "{\"type\":\"object\",\"additionalProperties\":"
                        + "{\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity\"}]}}"));
    }

    @ParameterizedTest(name = "{1}.{2}")
    @MethodSource("typedFields")
    void javaTypesMapToOpenApiTypes(String gv, String schema, String field, String expected) {
        ObjectNode property = schema(gv, schema).path("properties").path(field).deepCopy();
        property.remove("description");
        assertEquals(expected, property.toString());
    }

    @Test
    void scaleSubresourceIsDescribedAsAnAutoscalingScale() {
        JsonNode apps = OPENAPI.document("apis/apps/v1").orElseThrow();
        JsonNode patch = apps.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale")
                .path("patch");
        assertEquals("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}",
                patch.path("x-kubernetes-group-version-kind").toString());
        assertEquals("#/components/schemas/io.k8s.api.autoscaling.v1.Scale",
                patch.path("responses").path("200").path("content").path("application/json").path("schema")
                        .path("$ref").asText());
        assertNotNull(schema("apis/apps/v1", "io.k8s.api.autoscaling.v1.Scale").get("x-kubernetes-group-version-kind"));
    }

    @Test
    void namespacedKindsHaveCollectionItemAndAllNamespacesPathsWithKubernetesActions() {
        JsonNode paths = OPENAPI.document("api/v1").orElseThrow().path("paths");
        JsonNode collection = paths.path("/api/v1/namespaces/{namespace}/pods");
        assertEquals("list", collection.path("get").path("x-kubernetes-action").asText());
        assertEquals("post", collection.path("post").path("x-kubernetes-action").asText());
        assertEquals("deletecollection", collection.path("delete").path("x-kubernetes-action").asText());
        JsonNode item = paths.path("/api/v1/namespaces/{namespace}/pods/{name}");
        assertEquals(List.of("get", "put", "patch", "delete"), List.of("get", "put", "patch", "delete").stream()
                .filter(verb -> item.has(verb)).toList());
        assertEquals("listCoreV1PodForAllNamespaces", paths.path("/api/v1/pods").path("get").path("operationId").asText());
        assertEquals("patchCoreV1NamespacedPodStatus",
                paths.path("/api/v1/namespaces/{namespace}/pods/{name}/status").path("patch").path("operationId").asText());
        assertTrue(paths.path("/api/v1/nodes/{name}").has("patch"));
        assertFalse(paths.has("/api/v1/namespaces/{namespace}/nodes"));
    }
}
