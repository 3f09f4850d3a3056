package io.tugboat.apiserver.rest.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Decoded;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import java.time.Instant;
import java.util.List;

/** Objects for printer tests, written as the YAML a cluster would return, and the fixed "now" they are seen at. */
final class Fixtures {
    /** Every fixture's timestamps are relative to this instant. */
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private Fixtures() {
    }

    /** Decodes a fixture, insisting that every field exists in the model (so fixtures cannot silently rot). */
    static <T> T yaml(String text, Class<T> type) {
        try {
            Decoded<T> decoded = Codec.fromYaml(text, type);
            assertEquals(List.of(), decoded.unknownFields(), "fixture fields unknown to the model");
            return decoded.value();
        } catch (DecodeException e) {
            throw new AssertionError("bad fixture: " + e.getMessage(), e);
        }
    }

    /** The cells of one object's row. */
    static <T extends KubernetesObject> List<Object> cells(ResourceKind<T> kind, T object) {
        return new TablePrinter().print(kind, List.of(object), IncludeObject.NONE, NOW).rows().get(0).cells();
    }
}
