package io.tugboat.kubectl.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug api-resources}: what the server's discovery documents list ({@code /api/v1}, then each group's
 * preferred version under {@code /apis}), subresources left out, in kubectl's columns and order (groups by name,
 * the core group first, resources by name within a group).
 */
@Command(name = "api-resources", description = "Print the supported API resources on the server.")
public final class ApiResourcesCommand extends Verb {

    @Option(names = "--namespaced", arity = "0..1", description = "Only namespaced (true) or cluster-scoped (false) kinds.")
    Boolean namespaced;

    @Option(names = {"-o", "--output"}, description = "wide|name")
    String output;

    @Option(names = "--no-headers")
    boolean noHeaders;

    @Override
    public Integer call() throws Exception {
        List<String> groupVersions = new ArrayList<>();
        groupVersions.add("v1");
        for (JsonNode group : api().get("/apis").path("groups")) {
            groupVersions.add(group.path("preferredVersion").path("groupVersion").asText());
        }
        // kubectl sorts by API group (stably; the core group "" first), whatever order discovery lists them in.
        groupVersions.sort(java.util.Comparator.comparing(gv -> gv.equals("v1") ? "" : gv.substring(0, gv.indexOf('/'))));
        TabWriter table = TabWriter.forTables();
        boolean wide = "wide".equals(output);
        if (!noHeaders && !"name".equals(output)) {
            List<String> header = new ArrayList<>(List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
            if (wide) {
                header.addAll(List.of("VERBS", "CATEGORIES"));
            }
            table.row(header);
        }
        for (String gv : groupVersions) {
            JsonNode list = api().get(gv.equals("v1") ? "/api/v1" : "/apis/" + gv);
            List<JsonNode> resources = new ArrayList<>();
            list.path("resources").forEach(resources::add);
            resources.sort(java.util.Comparator.comparing(r -> r.path("name").asText()));
            for (JsonNode resource : resources) {
                String name = resource.path("name").asText();
                if (name.contains("/") || namespaced != null && resource.path("namespaced").asBoolean() != namespaced) {
                    continue;
                }
                String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
                if ("name".equals(output)) {
                    out().println(group.isEmpty() ? name : name + "." + group);
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(name, join(resource.path("shortNames"), ","), gv,
                        Boolean.toString(resource.path("namespaced").asBoolean()), resource.path("kind").asText()));
                if (wide) {
                    row.add("[" + join(resource.path("verbs"), " ") + "]");
                    row.add(join(resource.path("categories"), ","));
                }
                table.row(row);
            }
        }
        out().print(table.flush());
        return 0;
    }

    private static String join(JsonNode array, String separator) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(separator, values);
    }
}
