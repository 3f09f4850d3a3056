package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Fixtures.NOW;
import static io.tugboat.apiserver.rest.table.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.Table;
import io.tugboat.api.meta.TableColumnDefinition;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TablePrinterTest {
    private final TablePrinter printer = new TablePrinter();

    private static final Pod POD = yaml("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
              uid: 6f1c
              resourceVersion: "812"
              labels: {app: web}
              creationTimestamp: "2024-05-01T11:59:00Z"
            spec:
              containers: [{name: app, image: tugboat/busybox:1}]
            status: {phase: Pending}
            """, Pod.class);

    static Stream<ResourceKind<?>> kinds() {
        return ResourceKinds.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindStartsWithANameColumnOrLastSeenAndDescribesEveryColumn(ResourceKind<?> kind) {
        List<TableColumnDefinition> columns = printer.columns(kind);
        TableColumnDefinition first = columns.get(0);
        if (kind == ResourceKinds.EVENTS) {
            assertEquals("Last Seen", first.name());
        } else {
            assertEquals("Name", first.name());
            assertEquals("name", first.format());
        }
        for (TableColumnDefinition column : columns) {
            assertTrue(List.of("string", "integer", "boolean", "date").contains(column.type()), column.toString());
            assertFalse(column.description().isEmpty(), column.toString());
            assertTrue(column.priority() == 0 || column.priority() == 1, column.toString());
        }
    }

    @Test
    void aTableCarriesTheListMetadataAndOneRowPerObject() {
        ListMeta list = new ListMeta(null, "1042", "token-2", 7L);
        Table table = printer.print(ResourceKinds.PODS, List.of(POD, POD), list, IncludeObject.METADATA, NOW);
        assertEquals("meta.k8s.io/v1", table.apiVersion());
        assertEquals("Table", table.kind());
        assertEquals(list, table.metadata());
        assertEquals(2, table.rows().size());
        assertEquals(List.of("web", "0/1", "Pending", "0", "60s", "<none>", "<none>", "<none>", "<none>"),
                table.rows().get(0).cells());
    }

    @Test
    void rowsCarryPartialObjectMetadataByDefaultSoKubectlCanPrintNamespaces() {
        JsonNode object = printer.print(ResourceKinds.PODS, List.of(POD), IncludeObject.METADATA, NOW)
                .rows().get(0).object();
        assertEquals("PartialObjectMetadata", object.path("kind").asText());
        assertEquals("meta.k8s.io/v1", object.path("apiVersion").asText());
        assertEquals("shop", object.path("metadata").path("namespace").asText());
        assertEquals("web", object.path("metadata").path("labels").path("app").asText());
        assertEquals("2024-05-01T11:59:00Z", object.path("metadata").path("creationTimestamp").asText());
        assertFalse(object.has("spec"));
    }

    @Test
    void rowsCarryTheWholeObjectWhenAskedFor() {
        JsonNode object = printer.print(ResourceKinds.PODS, List.of(POD), IncludeObject.OBJECT, NOW)
                .rows().get(0).object();
        assertEquals(Codec.toTree(POD), object);
    }

    @Test
    void rowsCarryNoObjectWhenAskedForNone() throws Exception {
        Table table = printer.print(ResourceKinds.PODS, List.of(POD), IncludeObject.NONE, NOW);
        assertNull(table.rows().get(0).object());
        JsonNode json = Codec.json().readTree(Codec.toJson(table));
        assertFalse(json.path("rows").path(0).has("object"));
        assertEquals("{}", json.path("metadata").toString());
        assertEquals("{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"description\":"
                        + "\"Name of the object, unique in its namespace.\",\"priority\":0}",
                json.path("columnDefinitions").path(0).toString());
    }

    @Test
    void kindsWithoutAPrinterGetNameAndCreatedAt() {
        ResourceKind<Scale> scales = new ResourceKind<>("autoscaling", "v1", "Scale", "scales", "scale", List.of(),
                true, Scale.class, List.of(), List.of());
        Scale scale = yaml("""
                apiVersion: autoscaling/v1
                kind: Scale
                metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T10:00:00Z"}
                spec: {replicas: 3}
                """, Scale.class);
        Table table = printer.print(scales, List.of(scale), IncludeObject.NONE, NOW);
        assertEquals(List.of("Name", "Created At"), table.columnDefinitions().stream()
                .map(TableColumnDefinition::name).toList());
        assertEquals("date", table.columnDefinitions().get(1).type());
        assertEquals(List.of("web", "2024-05-01T10:00:00Z"), table.rows().get(0).cells());
    }

    @Test
    void printingAnObjectOfAnotherKindIsABug() {
        Namespace namespace = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: x}}", Namespace.class);
        assertThrows(IllegalArgumentException.class,
                () -> printer.print(ResourceKinds.PODS, List.of(namespace), IncludeObject.NONE, NOW));
    }

    @Test
    void includeObjectParameterDefaultsToMetadataAndRejectsUnknownValues() {
        assertEquals(Optional.of(IncludeObject.METADATA), IncludeObject.fromParameter(null));
        assertEquals(Optional.of(IncludeObject.METADATA), IncludeObject.fromParameter(""));
        assertEquals(Optional.of(IncludeObject.OBJECT), IncludeObject.fromParameter("Object"));
        assertEquals(Optional.of(IncludeObject.NONE), IncludeObject.fromParameter("None"));
        assertEquals(Optional.empty(), IncludeObject.fromParameter("object"));
    }
}
