package io.tugboat.apiserver.rest.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a strategic merge patch needs to know about one object type: which of its fields are merged
 * differently from plain JSON, and the types of the fields below them.
 *
 * <p>This is the Java form of the {@code patchStrategy} and {@code patchMergeKey} struct tags in the
 * Kubernetes Go types. The Go field
 * <pre>
 * Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
 * </pre>
 * becomes {@code .mergeList("containers", "name", CONTAINER)}. A type only lists the fields that
 * matter; any other field gets {@link Field#DEFAULT}: an object is merged key by key and a list is
 * replaced as a whole, which is also how Kubernetes treats a field without tags. Types form a tree
 * ({@code Pod → spec: PodSpec → containers: Container → env}), so a schema for a kind is its root.
 *
 * <p>Instances are immutable and safe to share.
 */
public final class PatchSchema {

    private static final PatchSchema UNSTRUCTURED = new PatchSchema("unstructured", Map.of());

    private final String name;
    private final Map<String, Field> fields;

    private PatchSchema(String name, Map<String, Field> fields) {
        this.name = name;
        this.fields = Map.copyOf(fields);
    }

    /** Starts describing a type; {@code name} is the Go type name, for messages and debugging. */
    public static Builder type(String name) {
        return new Builder(name);
    }

    /**
     * The schema of a type nothing is known about: every object merged key by key, every list
     * replaced. Used for unknown kinds and for the inside of fields without a declared type.
     */
    public static PatchSchema unstructured() {
        return UNSTRUCTURED;
    }

    /** The Go type name this schema describes. */
    public String name() {
        return name;
    }

    /** How to patch the field with this JSON name; {@link Field#DEFAULT} for fields not declared. */
    public Field field(String jsonName) {
        return fields.getOrDefault(jsonName, Field.DEFAULT);
    }

    @Override
    public String toString() {
        return name + fields;
    }

    /** How a list or object field is combined with its patch. */
    public enum Strategy {
        /** No tag: objects are merged key by key, lists are replaced as a whole ("atomic"). */
        DEFAULT,
        /**
         * {@code patchStrategy:"merge"} on a list: elements are matched by the merge key and merged
         * one by one (lists of objects), or the list is treated as a set (lists of primitives).
         */
        MERGE,
        /** {@code patchStrategy:"replace"}: the patch value is taken literally, directives and all. */
        REPLACE
    }

    /**
     * The patch rule for one field.
     *
     * @param strategy   how the field is combined with its patch
     * @param mergeKey   for {@link Strategy#MERGE} lists of objects, the member that identifies an
     *                   element ({@code name} for containers); otherwise {@code null}
     * @param retainKeys whether the field also has {@code patchStrategy:"retainKeys"}: a client
     *                   computing a patch sends {@code $retainKeys} for it, so that keys it drops are
     *                   cleared on the server. Applying a patch honours {@code $retainKeys} wherever
     *                   it appears, so this flag describes the API rather than changing the merge.
     * @param type       the type of the field (of its elements, for lists); never {@code null}
     */
    public record Field(Strategy strategy, String mergeKey, boolean retainKeys, PatchSchema type) {

        /** The rule for an undeclared field. */
        public static final Field DEFAULT = new Field(Strategy.DEFAULT, null, false, UNSTRUCTURED);

        public Field {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Builds a {@link PatchSchema}; each method declares one field and returns the builder. */
    public static final class Builder {

        private final String name;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A nested object without a tag of its own, whose type has rules further down. */
        public Builder object(String field, PatchSchema type) {
            return declare(field, new Field(Strategy.DEFAULT, null, false, type));
        }

        /** A nested object tagged {@code patchStrategy:"retainKeys"} (a union such as {@code strategy}). */
        public Builder retainKeysObject(String field, PatchSchema type) {
            return declare(field, new Field(Strategy.DEFAULT, null, true, type));
        }

        /** A list of objects tagged {@code patchStrategy:"merge" patchMergeKey:"<mergeKey>"}. */
        public Builder mergeList(String field, String mergeKey) {
            return mergeList(field, mergeKey, UNSTRUCTURED);
        }

        /** Like {@link #mergeList(String, String)}, with the type of the elements. */
        public Builder mergeList(String field, String mergeKey, PatchSchema elementType) {
            return declare(field, new Field(Strategy.MERGE, Objects.requireNonNull(mergeKey), false, elementType));
        }

        /** A list of objects tagged {@code patchStrategy:"merge,retainKeys"} (pod {@code volumes}). */
        public Builder mergeListRetainingKeys(String field, String mergeKey, PatchSchema elementType) {
            return declare(field, new Field(Strategy.MERGE, Objects.requireNonNull(mergeKey), true, elementType));
        }

        /** A list of primitives tagged {@code patchStrategy:"merge"}: a set ({@code finalizers}). */
        public Builder mergeSet(String field) {
            return declare(field, new Field(Strategy.MERGE, null, false, UNSTRUCTURED));
        }

        /**
         * A list without patch tags, replaced as a whole. This is the default for any list; declaring
         * it records a fact worth knowing (a patch to {@code tolerations} replaces all of them).
         */
        public Builder atomicList(String field) {
            return declare(field, Field.DEFAULT);
        }

        /** A field tagged {@code patchStrategy:"replace"}: the patch value is taken literally. */
        public Builder replace(String field) {
            return declare(field, new Field(Strategy.REPLACE, null, false, UNSTRUCTURED));
        }

        private Builder declare(String field, Field rule) {
            if (fields.putIfAbsent(Objects.requireNonNull(field, "field"), rule) != null) {
                throw new IllegalArgumentException(name + "." + field + " is declared twice");
            }
            return this;
        }

        public PatchSchema build() {
            return new PatchSchema(name, fields);
        }
    }
}
