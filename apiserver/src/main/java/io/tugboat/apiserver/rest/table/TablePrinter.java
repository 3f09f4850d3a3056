package io.tugboat.apiserver.rest.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.Rfc3339;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.Table;
import io.tugboat.api.meta.TableColumnDefinition;
import io.tugboat.api.meta.TableRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns objects into the {@code meta.k8s.io/v1} Table that {@code kubectl get} asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}: the same columns and cells Kubernetes' server-side
 * printers produce (pkg/printers/internalversion/printers.go), so {@code kubectl get pods} against Tugboat reads
 * like it does against a real cluster.
 *
 * <pre>
 * {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1042"},
 *  "columnDefinitions": [{"name": "Name", "type": "string", "format": "name", ...}, {"name": "Ready", ...}, ...],
 *  "rows": [{"cells": ["web-7d4b9", "1/1", "Running", "0", "5m"],
 *            "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": {...}}}]}
 * </pre>
 *
 * Kinds without a printer of their own get Kubernetes' default columns, {@code Name} and {@code Created At}.
 * The printer is stateless and thread-safe; the current time is a parameter so that AGE is testable.
 */
public final class TablePrinter {
    /** The apiVersion of Table and of the PartialObjectMetadata in its rows. */
    public static final String META_API_VERSION = "meta.k8s.io/v1";

    private static final RowPrinter<KubernetesObject> DEFAULT = RowPrinter.of(
            List.of(Columns.name(),
                    new TableColumnDefinition("Created At", "date", "", "When the object was created.", 0)),
            (object, now) -> {
                Instant created = Formats.metadata(object).creationTimestamp();
                // Kubernetes formats Go's zero time for an object that has none.
                return List.of(Formats.name(object), created == null ? "0001-01-01T00:00:00Z" : Rfc3339.format(created));
            });

    private final Map<Class<?>, RowPrinter<?>> printers = Map.ofEntries(
            Map.entry(ResourceKinds.PODS.type(), new PodPrinter()),
            Map.entry(ResourceKinds.NODES.type(), new NodePrinter()),
            Map.entry(ResourceKinds.NAMESPACES.type(), CorePrinters.NAMESPACES),
            Map.entry(ResourceKinds.SERVICES.type(), CorePrinters.SERVICES),
            Map.entry(ResourceKinds.ENDPOINTS.type(), CorePrinters.ENDPOINTS),
            Map.entry(ResourceKinds.CONFIG_MAPS.type(), CorePrinters.CONFIG_MAPS),
            Map.entry(ResourceKinds.SECRETS.type(), CorePrinters.SECRETS),
            Map.entry(ResourceKinds.EVENTS.type(), CorePrinters.EVENTS),
            Map.entry(ResourceKinds.LEASES.type(), CorePrinters.LEASES),
            Map.entry(ResourceKinds.ENDPOINT_SLICES.type(), DiscoveryPrinters.ENDPOINT_SLICES),
            Map.entry(ResourceKinds.PERSISTENT_VOLUMES.type(), StoragePrinters.PERSISTENT_VOLUMES),
            Map.entry(ResourceKinds.PERSISTENT_VOLUME_CLAIMS.type(), StoragePrinters.PERSISTENT_VOLUME_CLAIMS),
            Map.entry(ResourceKinds.STORAGE_CLASSES.type(), StoragePrinters.STORAGE_CLASSES),
            Map.entry(ResourceKinds.DEPLOYMENTS.type(), AppsPrinters.DEPLOYMENTS),
            Map.entry(ResourceKinds.REPLICA_SETS.type(), AppsPrinters.REPLICA_SETS),
            Map.entry(ResourceKinds.STATEFUL_SETS.type(), AppsPrinters.STATEFUL_SETS),
            Map.entry(ResourceKinds.DAEMON_SETS.type(), AppsPrinters.DAEMON_SETS),
            Map.entry(ResourceKinds.CONTROLLER_REVISIONS.type(), AppsPrinters.CONTROLLER_REVISIONS),
            Map.entry(ResourceKinds.JOBS.type(), BatchPrinters.JOBS),
            Map.entry(ResourceKinds.CRON_JOBS.type(), BatchPrinters.CRON_JOBS));

    /** The columns a kind prints, wide ones (priority 1) included. */
    public List<TableColumnDefinition> columns(ResourceKind<?> kind) {
        return printerFor(kind).columns();
    }

    /** A Table of the objects, without list metadata (a GET of one object, or a watch event). */
    public Table print(ResourceKind<?> kind, List<? extends KubernetesObject> objects, IncludeObject includeObject,
                       Instant now) {
        return print(kind, objects, null, includeObject, now);
    }

    /**
     * A Table of the objects of one kind.
     *
     * @param kind          the kind of every object
     * @param objects       the objects, in the order of the rows
     * @param listMetadata  the list's metadata (resourceVersion, continue), copied to the table; null for none
     * @param includeObject what each row carries besides its cells
     * @param now           the time ages are measured against
     * @throws IllegalArgumentException if an object is not of {@code kind}
     */
    public Table print(ResourceKind<?> kind, List<? extends KubernetesObject> objects, ListMeta listMetadata,
                       IncludeObject includeObject, Instant now) {
        RowPrinter<KubernetesObject> printer = printerFor(kind);
        List<TableRow> rows = new ArrayList<>(objects.size());
        for (KubernetesObject object : objects) {
            if (!kind.type().isInstance(object)) {
                throw new IllegalArgumentException("cannot print a " + object.getClass().getSimpleName() + " as "
                        + kind.kind());
            }
            rows.add(new TableRow(printer.cells(object, now), rowObject(object, includeObject)));
        }
        ListMeta metadata = listMetadata != null ? listMetadata : new ListMeta(null, null, null, null);
        return new Table(META_API_VERSION, "Table", metadata, printer.columns(), rows);
    }

    @SuppressWarnings("unchecked") // the map pairs each type with a printer of that type
    private RowPrinter<KubernetesObject> printerFor(ResourceKind<?> kind) {
        return (RowPrinter<KubernetesObject>) printers.getOrDefault(kind.type(), DEFAULT);
    }

    private static JsonNode rowObject(KubernetesObject object, IncludeObject includeObject) {
        return switch (includeObject) {
            case NONE -> null;
            case OBJECT -> Codec.toTree(object);
            case METADATA -> {
                ObjectNode partial = JsonNodeFactory.instance.objectNode();
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", META_API_VERSION);
                partial.set("metadata", Codec.toTree(Formats.metadata(object)));
                yield partial;
            }
        };
    }
}
