package io.tugboat.kubectl.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Errors;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.ObjectPrinter;
import io.tugboat.kubectl.printers.TablePrinter;
import io.tugboat.kubectl.printers.TabWriter;
import io.tugboat.kubectl.resource.Api;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import io.tugboat.kubectl.resource.WatchFrames;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug get}: kubectl's most used verb. Human output is the server's Table (the same columns the real
 * kubectl prints, since it reads the same Table); the other formats print the objects themselves.
 *
 * <pre>
 *   tug get pods                       tug get deploy/web -o yaml
 *   tug get pods,svc -A --show-labels  tug get po -l app=web -o jsonpath='{.items[*].metadata.name}'
 *   tug get pods -w
 * </pre>
 */
@Command(name = "get", description = "Display one or many resources.")
public final class GetCommand extends Verb {

    @Parameters(paramLabel = "TYPE[.GROUP][,TYPE...] [NAME...] | TYPE/NAME...", arity = "0..*")
    List<String> args = new ArrayList<>();

    @Option(names = {"-o", "--output"}, description = "wide|yaml|json|name|jsonpath=TEMPLATE|custom-columns=SPEC")
    String output;

    @Option(names = {"-l", "--selector"}, description = "Label selector (e.g. app=web,tier!=db).")
    String selector;

    @Option(names = "--field-selector", description = "Field selector (e.g. status.phase=Running).")
    String fieldSelector;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean allNamespaces;

    @Option(names = {"-w", "--watch"}, description = "After listing, watch for changes.")
    boolean watch;

    @Option(names = "--watch-only", description = "Watch for changes without listing first.")
    boolean watchOnly;

    @Option(names = "--show-labels", description = "Add a LABELS column.")
    boolean showLabels;

    @Option(names = "--no-headers", description = "Leave out the header row.")
    boolean noHeaders;

    /** One kind's results: the table (human output) or the objects. */
    private record Result(ResourceKind<?> kind, JsonNode table, List<JsonNode> objects, String resourceVersion) {
    }

    @Override
    public Integer call() throws Exception {
        List<Target> targets = Target.parse(args);
        if (targets.isEmpty()) {
            throw new CliException("Required resource not specified.\nUse \"tug explain <resource>\" for a detailed "
                    + "description of that resource (e.g. tug explain pods).\nSee 'tug get -h' for help and examples");
        }
        ObjectPrinter printer = ObjectPrinter.forFormat(output, noHeaders);
        boolean human = printer == null;
        String ns = allNamespaces ? null : namespace();
        List<String> errors = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        boolean named = false;
        for (Target target : targets) {
            named |= !target.names().isEmpty();
            if (!watchOnly) {
                results.add(fetch(target, ns, human, errors));
            }
        }
        int objects = 0;
        for (Result result : results) {
            objects += human ? result.table().path("rows").size() : result.objects().size();
        }
        TabWriter writer = new TabWriter();
        TablePrinter.Options options = null;
        if (human) {
            long kindsShown = results.stream().filter(r -> r.table().path("rows").size() > 0).count();
            boolean first = true;
            for (Result result : results) {
                if (result.table().path("rows").size() == 0) {
                    continue;
                }
                options = new TablePrinter.Options("wide".equals(output), showLabels, allNamespaces && result.kind().namespaced(),
                        kindsShown > 1 ? Kinds.qualified(result.kind()) : null);
                if (!first && !noHeaders) {
                    out().println();
                }
                first = false;
                writer.reset();
                if (!noHeaders) {
                    writer.row(TablePrinter.header(result.table(), options));
                }
                TablePrinter.rows(result.table(), options).forEach(writer::row);
                out().print(writer.flush());
            }
        } else if (!(objects == 0 && printer.kind() == ObjectPrinter.Kind.NAME)) {
            List<JsonNode> all = new ArrayList<>();
            results.forEach(r -> all.addAll(r.objects()));
            boolean single = targets.size() == 1 && targets.get(0).names().size() == 1;
            if (!(all.isEmpty() && (watch || watchOnly))) {
                out().print(printer.print(all, single));
            }
        }
        out().flush();
        if (objects == 0 && errors.isEmpty() && !named && (human || printer.kind() == ObjectPrinter.Kind.NAME
                || printer.kind() == ObjectPrinter.Kind.CUSTOM_COLUMNS)) {
            boolean clusterScoped = targets.stream().noneMatch(t -> t.kind().namespaced());
            err().println(allNamespaces || clusterScoped ? "No resources found" : "No resources found in " + ns + " namespace.");
        }
        errors.forEach(err()::println);
        if (!errors.isEmpty()) {
            return 1;
        }
        if (watch || watchOnly) {
            if (targets.size() != 1 || targets.get(0).names().size() > 1) {
                throw new CliException("you may only specify a single resource type");
            }
            Target target = targets.get(0);
            String rv = results.isEmpty() ? null : results.get(0).resourceVersion();
            if (options == null) {
                options = new TablePrinter.Options("wide".equals(output), showLabels, allNamespaces, null);
            }
            watch(target, ns, rv, printer, writer, options, results.isEmpty() || objects == 0);
        }
        return 0;
    }

    private Result fetch(Target target, String ns, boolean human, List<String> errors) throws ApiException {
        ResourceKind<?> kind = target.kind();
        if (target.names().isEmpty()) {
            JsonNode list = api().list(kind, ns, selector, fieldSelector, human);
            String rv = list.path("metadata").path("resourceVersion").asText(null);
            if (human) {
                return new Result(kind, list, List.of(), rv);
            }
            List<JsonNode> items = new ArrayList<>();
            list.path("items").forEach(item -> items.add(withKind(kind, item)));
            return new Result(kind, null, items, rv);
        }
        ObjectNode table = null;
        List<JsonNode> items = new ArrayList<>();
        for (String name : target.names()) {
            try {
                if (human) {
                    JsonNode one = api().getTable(kind, ns == null ? namespace() : ns, name);
                    if (table == null) {
                        table = ((ObjectNode) one).deepCopy();
                    } else {
                        ((ArrayNode) table.withArray("rows")).addAll((ArrayNode) one.path("rows"));
                    }
                } else {
                    items.add(withKind(kind, api().get(kind, ns == null ? namespace() : ns, name)));
                }
            } catch (ApiException e) {
                if (e.code() == 0) {
                    throw e;
                }
                errors.add(Errors.fromServer(e));
            }
        }
        if (human && table == null) {
            table = io.tugboat.api.Codec.json().createObjectNode();
        }
        // A watch that follows must start after what was printed, or it would replay it as ADDED.
        String rv = null;
        for (JsonNode item : human ? table.path("rows") : io.tugboat.api.Codec.json().valueToTree(items)) {
            JsonNode metadata = human ? item.path("object").path("metadata") : item.path("metadata");
            rv = metadata.path("resourceVersion").asText(rv);
        }
        return new Result(kind, table, items, rv);
    }

    static JsonNode withKind(ResourceKind<?> kind, JsonNode item) {
        return Kinds.withKind(kind, item);
    }

    private void watch(Target target, String ns, String resourceVersion, ObjectPrinter printer, TabWriter writer,
                       TablePrinter.Options options, boolean printHeader) throws ApiException {
        String fields = fieldSelector;
        if (!target.names().isEmpty()) {
            String byName = "metadata.name=" + target.name();
            fields = fields == null || fields.isEmpty() ? byName : fields + "," + byName;
        }
        Duration timeout = root().requestTimeout();
        boolean human = printer == null;
        boolean headerDue = printHeader && !noHeaders;
        boolean firstDocument = true;
        try (InputStream in = api().watch(target.kind(), ns, selector, fields, resourceVersion,
                timeout == null ? null : (int) Math.max(1, timeout.toSeconds()), human)) {
            WatchFrames frames = new WatchFrames(in);
            for (JsonNode frame = frames.next(); frame != null; frame = frames.next()) {
                String type = frame.path("type").asText();
                JsonNode object = frame.path("object");
                if (type.equals("ERROR")) {
                    throw new CliException(object.path("message").asText("watch failed"));
                }
                if (type.equals("BOOKMARK")) {
                    continue;
                }
                if (human) {
                    if (headerDue) {
                        writer.row(TablePrinter.header(object, options));
                        headerDue = false;
                    }
                    TablePrinter.rows(object, options).forEach(writer::row);
                    out().print(writer.flush());
                } else {
                    if (printer.kind() == ObjectPrinter.Kind.YAML && !firstDocument) {
                        out().print("---\n");
                    }
                    ObjectPrinter rows = printer.kind() == ObjectPrinter.Kind.CUSTOM_COLUMNS && (!firstDocument || !printHeader)
                            ? printer.withoutHeaders() : printer;
                    firstDocument = false;
                    out().print(rows.print(List.of(withKind(target.kind(), object)), true));
                }
                out().flush();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
