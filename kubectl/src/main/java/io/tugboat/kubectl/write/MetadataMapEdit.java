package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code label} and {@code annotate} share: arguments {@code TYPE NAME... key=value key-}, the
 * {@code --overwrite} rule (an existing key is an error without it, as in kubectl), and a JSON merge patch of
 * {@code metadata.labels} or {@code metadata.annotations} per object ({@code null} removes a key).
 */
abstract class MetadataMapEdit extends Verb {

    @Parameters(arity = "1..*", paramLabel = "TYPE NAME | TYPE/NAME  KEY=VALUE... KEY-...")
    List<String> args = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow replacing existing values.")
    boolean overwrite;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Option(names = "--all", description = "Every object of the type in the namespace.")
    boolean all;

    /** {@code labels} or {@code annotations}. */
    abstract String field();

    /** {@code labeled} or {@code annotated}. */
    abstract String pastTense();

    @Override
    public Integer call() throws Exception {
        List<String> resources = new ArrayList<>();
        Map<String, String> changes = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                changes.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (arg.endsWith("-") && !resources.isEmpty()) {
                changes.put(arg.substring(0, arg.length() - 1), null);
            } else {
                resources.add(arg);
            }
        }
        if (changes.isEmpty()) {
            throw new CliException("at least one " + (field().equals("labels") ? "label" : "annotation") + " update is required");
        }
        for (Target target : Target.parse(resources)) {
            List<String> names = new ArrayList<>(target.names());
            if (names.isEmpty()) {
                if (!all && selector == null) {
                    throw new CliException("resource(s) were provided, but no name was specified");
                }
                api().list(target.kind(), namespace(), selector, null, false).path("items")
                        .forEach(item -> names.add(item.path("metadata").path("name").asText()));
            }
            for (String name : names) {
                edit(target, name, changes);
            }
        }
        return 0;
    }

    private void edit(Target target, String name, Map<String, String> changes) throws ApiException {
        JsonNode current = api().get(target.kind(), namespace(), name).path("metadata").path(field());
        ObjectNode patch = Codec.json().createObjectNode();
        ObjectNode map = patch.putObject("metadata").putObject(field());
        for (Map.Entry<String, String> change : changes.entrySet()) {
            JsonNode existing = current.get(change.getKey());
            if (change.getValue() == null) {
                if (existing != null) {
                    map.putNull(change.getKey());
                } else {
                    out().println((field().equals("labels") ? "label" : "annotation") + " \"" + change.getKey() + "\" not found.");
                }
            } else {
                if (existing != null && !overwrite) {
                    throw new CliException("'" + change.getKey() + "' already has a value (" + existing.asText()
                            + "), and --overwrite is false");
                }
                if (existing == null || !existing.asText().equals(change.getValue())) {
                    map.put(change.getKey(), change.getValue());
                }
            }
        }
        String display = Kinds.qualified(target.kind()) + "/" + name;
        if (map.isEmpty()) {
            out().println(display + " not " + pastTense());
            return;
        }
        api().patch(target.kind(), namespace(), name, null, "application/merge-patch+json", patch, null);
        out().println(display + " " + pastTense());
    }
}
