package io.tugboat.api.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Decoded;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.KubernetesObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies built to hurt the server. The API server decodes whatever a client sends, so each of these must end
 * in a {@link DecodeException} (a 400), quickly and in little memory; a {@code StackOverflowError} or an
 * {@code OutOfMemoryError} would take a server thread, or the server, down with it.
 */
class HostileInputTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: evil}\n";

    static Stream<Arguments> hostileYaml() {
        return Stream.of(
                arguments("a billion laughs", billionLaughs()),
                arguments("fifty aliases that each double the one before", doublingAliases(25)),
                arguments("a 100 kB string aliased fifty times", aliasedString(100_000, 50)),
                arguments("a list that contains itself", CONFIG_MAP + "extra: &a [*a]\n"),
                arguments("a map that contains itself", CONFIG_MAP + "extra: &a {self: *a}\n"),
                arguments("flow collections nested 100,000 deep", CONFIG_MAP + "extra: " + "[".repeat(100_000)
                        + "]".repeat(100_000) + "\n"),
                arguments("block mappings nested 1,000 deep", blockNesting(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileYaml")
    void hostileYamlIsADecodeExceptionThroughEveryEntryPoint(String name, String yaml) {
        assertThrows(DecodeException.class, () -> Codec.decodeYamlDocuments(yaml));
        assertThrows(DecodeException.class, () -> Codec.decodeObject(yaml.getBytes(StandardCharsets.UTF_8), true));
        assertThrows(DecodeException.class, () -> Codec.fromYaml(yaml, ConfigMap.class));
    }

    static Stream<Arguments> hostileJson() {
        String head = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"evil\"},\"extra\":";
        return Stream.of(
                arguments("arrays nested 100,000 deep", head + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                arguments("objects nested 10,000 deep", head + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileJson")
    void deeplyNestedJsonIsADecodeException(String name, String json) {
        assertThrows(DecodeException.class, () -> Codec.decodeObject(json.getBytes(StandardCharsets.UTF_8), false));
        assertThrows(DecodeException.class, () -> Codec.fromJson(json, ConfigMap.class));
    }

    @Test
    void nestingRealObjectsNeedIsAccepted() throws DecodeException {
        // Real objects are a dozen or two levels deep; an unknown field 90 deep is still skipped and reported.
        List<Decoded<KubernetesObject>> docs = Codec.decodeYamlDocuments(blockNesting(90));
        assertEquals(List.of("extra"), docs.get(0).unknownFields());
    }

    @Test
    void aliasesExpandingToFarMoreThanTheirTextAreAcceptedWithinTheBudget() throws DecodeException {
        // Forty aliases of a 10 kB script: 400 kB from 10 kB of text, well inside what honest anchors do.
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Pod
                metadata: {name: anchors}
                spec:
                  containers:
                  - name: c0
                    command: &script ["%s"]
                """.formatted("x".repeat(10_000)));
        for (int i = 1; i <= 40; i++) {
            yaml.append("  - {name: c").append(i).append(", command: *script}\n");
        }
        Pod pod = (Pod) Codec.decodeYamlDocuments(yaml.toString()).get(0).value();
        assertEquals(41, pod.spec().containers().size());
        assertEquals(10_000, pod.spec().containers().get(40).command().get(0).length());
    }

    /** The classic: nine lists of nine aliases of the one before, 9^9 strings from a kilobyte of text. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder(CONFIG_MAP + "extra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        return yaml.toString();
    }

    /**
     * Stays under SnakeYAML's limit of 50 aliases, and still describes 2^levels lists: every level is a list of
     * two aliases of the level below.
     */
    private static String doublingAliases(int levels) {
        StringBuilder yaml = new StringBuilder(CONFIG_MAP + "extra:\n  l0: &l0 [lol]\n");
        for (int level = 1; level <= levels; level++) {
            yaml.append("  l").append(level).append(": &l").append(level)
                    .append(" [*l").append(level - 1).append(", *l").append(level - 1).append("]\n");
        }
        return yaml.toString();
    }

    /** SnakeYAML does not count scalar aliases at all, yet each one is the whole string once encoded again. */
    private static String aliasedString(int length, int copies) {
        StringBuilder yaml = new StringBuilder(CONFIG_MAP + "data:\n  big: &big " + "x".repeat(length) + "\nextra: [");
        for (int i = 0; i < copies; i++) {
            yaml.append(i == 0 ? "*big" : ", *big");
        }
        return yaml.append("]\n").toString();
    }

    private static String blockNesting(int depth) {
        StringBuilder yaml = new StringBuilder(CONFIG_MAP + "extra:\n");
        for (int level = 1; level < depth; level++) {
            yaml.append("  ".repeat(level)).append("a:\n");
        }
        return yaml.toString();
    }
}
