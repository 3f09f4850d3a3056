package io.tugboat.kubectl.printers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.tugboat.api.Codec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * YAML as kubectl prints it: kubectl turns the object into JSON and then into YAML through a Go map, so every
 * mapping's keys come out in alphabetical order, whatever order the server sent.
 *
 * <p>Quoting follows go-yaml, kubectl's emitter: a string is double-quoted only when a reader would take it
 * for something else ({@code "true"}, {@code "8080"}, a timestamp); otherwise it is written plain, and the
 * emitter itself falls back to single quotes where plain text is not allowed ({@code '*'}) and folds long
 * plain lines at 80 columns. Jackson's default would double-quote any string holding a comma or a colon,
 * which kubectl never does; SnakeYAML's emitter, a port of the same libyaml as go-yaml, does the rest
 * identically.
 */
public final class KubeYaml {
    private static final ObjectMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .stringQuotingChecker(new GoYamlQuoting())
            .build());

    private KubeYaml() {
    }

    /** Double quotes exactly where go-yaml puts them; plain otherwise, leaving the rest to the emitter. */
    private static final class GoYamlQuoting extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteValue(String value) {
            // SnakeYAML's resolver also claims "=" (YAML 1.1's value key) and "*" as non-strings; go-yaml does
            // not, and its emitter single-quotes them as any text starting with an indicator.
            return value.isEmpty() || Codec.yamlNeedsDoubleQuotes(value) && !value.equals("*") && !value.equals("=");
        }
    }

    /** One document, no {@code ---} marker, ending in a newline. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** A deep copy with every object's keys in alphabetical order. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }
}
