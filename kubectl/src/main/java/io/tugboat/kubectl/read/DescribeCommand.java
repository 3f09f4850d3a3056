package io.tugboat.kubectl.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Errors;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug describe TYPE [NAME_PREFIX]} / {@code TYPE/NAME}: a readable page per object, ending with the
 * Events about it, found as kubectl finds them: {@code involvedObject.name}, {@code .namespace}, {@code .kind}
 * and {@code .uid} field selectors. A name that matches no object exactly is taken as a prefix, as kubectl does.
 */
@Command(name = "describe", description = "Show details of a specific resource or group of resources.")
public final class DescribeCommand extends Verb {

    @Parameters(arity = "1..*", paramLabel = "TYPE [NAME_PREFIX] | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Option(names = {"-l", "--selector"})
    String selector;

    @Option(names = {"-A", "--all-namespaces"})
    boolean allNamespaces;

    @Option(names = "--show-events", arity = "0..1", fallbackValue = "true", defaultValue = "true")
    boolean showEvents;

    @Override
    public Integer call() throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Target target : Target.parse(args)) {
            ResourceKind<?> kind = target.kind();
            String ns = allNamespaces ? null : namespace();
            if (target.names().isEmpty()) {
                api().list(kind, ns, selector, null, false).path("items").forEach(item -> objects.add(withKind(kind, item)));
                continue;
            }
            for (String name : target.names()) {
                try {
                    objects.add(api().get(kind, namespace(), name));
                } catch (ApiException.NotFoundException e) {
                    List<JsonNode> prefixed = new ArrayList<>();
                    api().list(kind, namespace(), selector, null, false).path("items").forEach(item -> {
                        if (item.path("metadata").path("name").asText().startsWith(name)) {
                            prefixed.add(withKind(kind, item));
                        }
                    });
                    if (prefixed.isEmpty()) {
                        errors.add(Errors.fromServer(e));
                    }
                    objects.addAll(prefixed);
                }
            }
        }
        if (objects.isEmpty() && errors.isEmpty()) {
            err().println(allNamespaces ? "No resources found" : "No resources found in " + namespace() + " namespace.");
        }
        Describers describers = new Describers(api());
        boolean first = true;
        for (JsonNode object : objects) {
            DescribeWriter w = new DescribeWriter(Instant.now());
            describers.describe(object, w);
            if (showEvents && Describers.showsEvents(object.path("kind").asText())) {
                events(object, w);
            }
            if (!first) {
                out().println();
                out().println();
            }
            first = false;
            out().print(w.text());
        }
        out().flush();
        errors.forEach(err()::println);
        if (!errors.isEmpty()) {
            return 1;
        }
        return 0;
    }

    private static JsonNode withKind(ResourceKind<?> kind, JsonNode item) {
        return GetCommand.withKind(kind, item);
    }

    private void events(JsonNode object, DescribeWriter w) throws ApiException {
        JsonNode metadata = object.path("metadata");
        String ns = metadata.path("namespace").asText("");
        String selector = "involvedObject.name=" + metadata.path("name").asText() + ",involvedObject.namespace=" + ns
                + ",involvedObject.kind=" + object.path("kind").asText() + ",involvedObject.uid=" + metadata.path("uid").asText();
        JsonNode list;
        try {
            list = api().list(ResourceKinds.EVENTS, ns.isEmpty() ? null : ns, null, selector, false);
        } catch (ApiException e) {
            if (e.code() == 0) {
                throw e;
            }
            throw new CliException("cannot list the events of " + metadata.path("name").asText() + ": " + e.getMessage());
        }
        List<JsonNode> events = new ArrayList<>();
        list.path("items").forEach(events::add);
        if (events.isEmpty()) {
            w.field(0, "Events", "<none>");
            return;
        }
        events.sort(Comparator.comparing(e -> lastSeen(e)));
        w.line(0, "Events:");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode event : events) {
            int count = event.path("count").asInt(1);
            String last = w.age(textNode(lastSeen(event)));
            String age = count > 1 ? last + " (x" + count + " over " + w.age(event.path("firstTimestamp")) + ")" : last;
            JsonNode source = event.path("source");
            String from = source.path("component").asText(event.path("reportingComponent").asText(""));
            if (source.has("host")) {
                from += ", " + source.path("host").asText();
            }
            rows.add(List.of(event.path("type").asText(""), event.path("reason").asText(""), age, from,
                    event.path("message").asText("").strip()));
        }
        w.table(1, List.of("Type", "Reason", "Age", "From", "Message"), List.of("----", "------", "----", "----", "-------"), rows);
    }

    private static String lastSeen(JsonNode event) {
        for (String field : new String[] {"lastTimestamp", "eventTime", "firstTimestamp"}) {
            String value = event.path(field).asText("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return event.path("metadata").path("creationTimestamp").asText("");
    }

    private static JsonNode textNode(String text) {
        return io.tugboat.api.Codec.json().getNodeFactory().textNode(text);
    }
}
