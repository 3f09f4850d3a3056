package io.tugboat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
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
 * recursive keys, 16 MiB of text. The conversion to a JSON tree adds the limits those options miss: fifty
 * aliases that each double the one before still describe a huge tree, and an alias may refer to its own
 * parent. Only standard types are constructed ({@link SafeConstructor}), and timestamps are left as strings,
 * so {@code creationTimestamp: 2024-05-01T12:00:00Z} reaches the decoder as the RFC 3339 text it expects.
 */
final class YamlReader {
    /**
     * How much aliases may add to a stream beyond what its text spells out, counting one per node plus the
     * characters of every string. SnakeYAML expands an alias by sharing the anchored value, so a 600-byte
     * document whose 50 aliases each double the one before describes a tree of 2^25 nodes, and a thousand
     * aliases of a megabyte string describe a gigabyte: cheap to parse, ruinous to turn into a tree or to
     * encode again. Without aliases a tree is never much bigger than its text, so this only ever stops aliasing.
     */
    static final int MAX_ALIAS_EXPANSION = 1_000_000;

    private YamlReader() {
    }

    /** Every non-empty document of a {@code ---}-separated stream, as JSON trees. */
    static List<JsonNode> readAll(String yaml) throws DecodeException {
        List<JsonNode> documents = new ArrayList<>();
        TreeBuilder trees = new TreeBuilder((long) yaml.length() + MAX_ALIAS_EXPANSION);
        try {
            for (Object document : newYaml().loadAll(yaml)) {
                if (document == null || (document instanceof String s && s.isBlank())
                        || (document instanceof Map<?, ?> m && m.isEmpty())) {
                    continue;
                }
                documents.add(trees.build(document, 0));
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

    /**
     * Turns the values SnakeYAML constructed into a JSON tree, within the limits a JSON document has: at most
     * {@value Codec#MAX_NESTING_DEPTH} levels deep, which an alias that refers to its own parent
     * ({@code a: &a [*a]}) exceeds at once, and at most {@code maxSize} nodes and string characters in all.
     * Null map values are kept, as they are from JSON: they mean something in a JSON-typed field and in a
     * merge patch (delete this key).
     */
    private static final class TreeBuilder {
        private final long maxSize;
        private long size;

        TreeBuilder(long maxSize) {
            this.maxSize = maxSize;
        }

        private void grow(long units) throws DecodeException {
            size += units;
            if (size > maxSize) {
                throw new DecodeException("error converting YAML to JSON: the document's aliases expand it to more than "
                        + maxSize + " nodes and characters");
            }
        }

        JsonNode build(Object value, int depth) throws DecodeException {
            grow(1);
            if (depth > Codec.MAX_NESTING_DEPTH) {
                throw new DecodeException("error converting YAML to JSON: nesting deeper than " + Codec.MAX_NESTING_DEPTH
                        + " levels (does an alias refer to its own parent?)");
            }
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (value == null) {
                return f.nullNode();
            } else if (value instanceof Map<?, ?> map) {
                ObjectNode object = f.objectNode();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = key(entry.getKey());
                    grow(key.length());
                    object.set(key, build(entry.getValue(), depth + 1));
                }
                return object;
            } else if (value instanceof Collection<?> collection) {
                ArrayNode array = f.arrayNode();
                for (Object element : collection) {
                    array.add(build(element, depth + 1));
                }
                return array;
            } else if (value instanceof String text) {
                grow(text.length());
                return f.textNode(text);
            } else if (value instanceof Boolean bool) {
                return f.booleanNode(bool);
            } else if (value instanceof Integer number) {
                return f.numberNode(number);
            } else if (value instanceof Long number) {
                return f.numberNode(number);
            } else if (value instanceof BigInteger number) {
                return f.numberNode(number);
            } else if (value instanceof Double number) {
                return f.numberNode(number);
            } else if (value instanceof byte[] bytes) {
                grow(bytes.length);
                return f.binaryNode(bytes);
            }
            throw new DecodeException("error converting YAML to JSON: unsupported value of type "
                    + value.getClass().getSimpleName());
        }

        /** Keys become strings as Kubernetes' YAML-to-JSON conversion makes them: {@code 1: x} has key "1". */
        private static String key(Object key) throws DecodeException {
            if (key instanceof String || key instanceof Number || key instanceof Boolean) {
                return key.toString();
            }
            throw new DecodeException("error converting YAML to JSON: unsupported map key " + key);
        }
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
