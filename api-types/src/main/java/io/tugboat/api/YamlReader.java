package io.tugboat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML the way Kubernetes does: the document is turned into plain JSON values first and only then
 * decoded into the object model.
 *
 * <p>Why not Jackson's YAML parser: it does not expand aliases ({@code *ref} comes back as the anchor's name),
 * which silently corrupts manifests that use anchors. SnakeYAML's composer expands them, and its
 * {@link LoaderOptions} bound the damage a hostile document can do: at most 50 alias references into
 * collections (a "billion laughs" bomb is refused), {@value Codec#MAX_NESTING_DEPTH} levels of nesting, no
 * recursive keys, 16 MiB of text. Only standard types are constructed ({@link SafeConstructor}), and
 * timestamps are left as strings, so {@code creationTimestamp: 2024-05-01T12:00:00Z} reaches the decoder as
 * the RFC 3339 text it expects.
 */
final class YamlReader {
    /**
     * Turns SnakeYAML's maps and lists into a JSON tree. Not {@link Codec#json()}: that mapper leaves out null
     * map values when it writes, and a tree is written, so {@code key: null} would vanish from the input. A
     * null means something in a JSON-typed field ({@code ControllerRevision.data}) and in a merge patch
     * (delete this key); it must reach the decoder as it does from JSON.
     */
    private static final ObjectMapper TREES = JsonMapper.builder().build();

    private YamlReader() {
    }

    /** Every non-empty document of a {@code ---}-separated stream, as JSON trees. */
    static List<JsonNode> readAll(String yaml) throws DecodeException {
        List<JsonNode> documents = new ArrayList<>();
        try {
            for (Object document : newYaml().loadAll(yaml)) {
                if (document == null || (document instanceof String s && s.isBlank())
                        || (document instanceof Map<?, ?> m && m.isEmpty())) {
                    continue;
                }
                documents.add(TREES.valueToTree(document));
            }
        } catch (YAMLException | IllegalArgumentException e) {
            throw new DecodeException("error converting YAML to JSON: " + firstLine(e.getMessage()), null, e);
        }
        return documents;
    }

    /** Exactly one document. */
    static JsonNode readSingle(String yaml) throws DecodeException {
        List<JsonNode> documents = readAll(yaml);
        if (documents.isEmpty()) {
            throw new DecodeException("empty document");
        }
        if (documents.size() > 1) {
            throw new DecodeException("expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(Codec.MAX_NESTING_DEPTH);
        options.setCodePointLimit(16 * 1024 * 1024);
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new NoTimestampResolver());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " " + message.substring(newline + 1).strip().replace('\n', ' ');
    }

    /** The standard YAML 1.1 resolver minus timestamps: those stay strings, as they do for Kubernetes. */
    private static final class NoTimestampResolver extends Resolver {
        @Override
        public void addImplicitResolver(org.yaml.snakeyaml.nodes.Tag tag, Pattern regexp, String first, int limit) {
            if (!tag.equals(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}
