package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;

/**
 * Reads the test tables: JSON written inline in a test, and YAML files under
 * {@code src/test/resources/patch/} holding one case per list entry.
 */
final class PatchCases {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private PatchCases() {
    }

    /** Parses JSON written in a test; single quotes allowed so tables stay readable. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in test: " + text, e);
        }
    }

    /** The cases of a YAML file, each named by its {@code name} member for the test report. */
    static List<Named<JsonNode>> yaml(String resource) {
        try (InputStream in = PatchCases.class.getResourceAsStream("/patch/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource patch/" + resource);
            }
            List<Named<JsonNode>> cases = new ArrayList<>();
            for (JsonNode c : YAML.readTree(in)) {
                cases.add(Named.of(c.get("name").asText(), c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
