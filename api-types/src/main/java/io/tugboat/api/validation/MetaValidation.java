package io.tugboat.api.validation;

import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules every object shares: its {@code metadata} on create and on update, label and annotation syntax, owner
 * references and finalizers. Mirrors {@code ValidateObjectMeta} and {@code ValidateObjectMetaUpdate} of
 * apimachinery ({@code pkg/api/validation/objectmeta.go}) plus the finalizer rule core adds.
 *
 * <p>Go iterates maps in random order; we iterate labels and annotations sorted by key, so the causes come out in
 * the same order every time.
 */
final class MetaValidation {

    private MetaValidation() {
    }

    static final String IS_NEGATIVE_ERROR = "must be greater than or equal to 0";
    static final String IMMUTABLE_ERROR = "field is immutable";
    static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);

    private static final ObjectMeta EMPTY = new ObjectMeta(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);
    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

    static ObjectMeta orEmpty(ObjectMeta meta) {
        return meta == null ? EMPTY : meta;
    }

    static String str(String s) {
        return s == null ? "" : s;
    }

    /**
     * Metadata of an object being created. The name must be set, unless only {@code generateName} is: the API
     * server generates the name from it (Kubernetes does so before validating; Tugboat's callers may validate
     * first, so a valid prefix is accepted in place of a name).
     */
    static List<FieldError> objectMeta(ObjectMeta meta, boolean namespaced, Formats.NameRule nameRule, FieldPath path) {
        ObjectMeta m = orEmpty(meta);
        List<FieldError> errs = new ArrayList<>();
        String generateName = str(m.generateName());
        String name = str(m.name());
        if (!generateName.isEmpty()) {
            for (String msg : nameRule.check(generateName, true)) {
                errs.add(FieldError.invalid(path.child("generateName"), generateName, msg));
            }
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                errs.add(FieldError.required(path.child("name"), "name or generateName is required"));
            }
        } else {
            for (String msg : nameRule.check(name, false)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
        }
        String namespace = str(m.namespace());
        if (namespaced) {
            if (namespace.isEmpty()) {
                errs.add(FieldError.required(path.child("namespace"), ""));
            } else {
                for (String msg : Formats.LABEL_NAME.check(namespace, false)) {
                    errs.add(FieldError.invalid(path.child("namespace"), namespace, msg));
                }
            }
        } else if (!namespace.isEmpty()) {
            errs.add(FieldError.forbidden(path.child("namespace"), "not allowed on this type"));
        }
        errs.addAll(nonNegative(m.generation() == null ? 0 : m.generation(), path.child("generation")));
        errs.addAll(labels(m.labels(), path.child("labels")));
        errs.addAll(annotations(m.annotations(), path.child("annotations")));
        errs.addAll(ownerReferences(m.ownerReferences(), path.child("ownerReferences")));
        errs.addAll(finalizers(m.finalizers(), path.child("finalizers")));
        return errs;
    }

    /**
     * Metadata of an object being updated: identity and timestamps may not change, the update must name the
     * resourceVersion it was based on (the API server fills it in for unconditional updates before validating),
     * and labels, annotations and references must still be well formed.
     */
    static List<FieldError> objectMetaUpdate(ObjectMeta newMeta, ObjectMeta oldMeta, FieldPath path) {
        ObjectMeta n = orEmpty(newMeta);
        ObjectMeta o = orEmpty(oldMeta);
        List<FieldError> errs = new ArrayList<>();
        if (o.deletionTimestamp() != null) {
            List<String> added = new ArrayList<>(list(n.finalizers()));
            added.removeAll(list(o.finalizers()));
            if (!added.isEmpty()) {
                List<String> sorted = added.stream().distinct().sorted().toList();
                errs.add(FieldError.forbidden(path.child("finalizers"),
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + goStringSlice(sorted)));
            }
        }
        if (str(n.resourceVersion()).isEmpty()) {
            errs.add(FieldError.invalid(path.child("resourceVersion"), "", "must be specified for an update"));
        }
        long newGeneration = n.generation() == null ? 0 : n.generation();
        long oldGeneration = o.generation() == null ? 0 : o.generation();
        if (newGeneration < oldGeneration) {
            errs.add(FieldError.invalid(path.child("generation"), newGeneration, "must not be decremented"));
        }
        errs.addAll(immutable(str(n.name()), str(o.name()), path.child("name")));
        errs.addAll(immutable(str(n.namespace()), str(o.namespace()), path.child("namespace")));
        errs.addAll(immutable(str(n.uid()), str(o.uid()), path.child("uid")));
        errs.addAll(immutable(n.creationTimestamp(), o.creationTimestamp(), path.child("creationTimestamp")));
        errs.addAll(immutable(n.deletionTimestamp(), o.deletionTimestamp(), path.child("deletionTimestamp")));
        errs.addAll(immutable(n.deletionGracePeriodSeconds(), o.deletionGracePeriodSeconds(),
                path.child("deletionGracePeriodSeconds")));
        errs.addAll(labels(n.labels(), path.child("labels")));
        errs.addAll(annotations(n.annotations(), path.child("annotations")));
        errs.addAll(ownerReferences(n.ownerReferences(), path.child("ownerReferences")));
        errs.addAll(finalizers(n.finalizers(), path.child("finalizers")));
        return errs;
    }

    /** Go's {@code %#v} of a {@code []string}: {@code []string{"a", "b"}}. */
    private static String goStringSlice(List<String> values) {
        return "[]string{" + String.join(", ", values.stream().map(GoFormat::quote).toList()) + "}";
    }

    /** Every key a label key, every value a label value; errors point at the map, not at the key. */
    static List<FieldError> labels(Map<String, String> labels, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (Map.Entry<String, String> e : sorted(labels).entrySet()) {
            errs.addAll(labelName(e.getKey(), path));
            String value = str(e.getValue());
            for (String msg : Formats.labelValue(value)) {
                errs.add(FieldError.invalid(path, value, msg));
            }
        }
        return errs;
    }

    static List<FieldError> labelName(String key, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Formats.qualifiedName(str(key))) {
            errs.add(FieldError.invalid(path, str(key), msg));
        }
        return errs;
    }

    /** Keys are label keys compared case-insensitively; keys and values together at most 256 KiB. */
    static List<FieldError> annotations(Map<String, String> annotations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        long totalSize = 0;
        for (Map.Entry<String, String> e : sorted(annotations).entrySet()) {
            String key = e.getKey();
            for (String msg : Formats.qualifiedName(key.toLowerCase(java.util.Locale.ROOT))) {
                errs.add(FieldError.invalid(path, key, msg));
            }
            totalSize += Formats.byteLength(key) + Formats.byteLength(str(e.getValue()));
        }
        if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errs;
    }

    /**
     * Each reference names its owner completely, and at most one claims to be the controller. Kubernetes reports
     * these at {@code metadata.ownerReferences.uid} — without an index — so do we.
     */
    static List<FieldError> ownerReferences(List<OwnerReference> refs, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String firstController = null;
        for (OwnerReference ref : list(refs)) {
            String apiVersion = str(ref.apiVersion());
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            if (version.isEmpty()) {
                errs.add(FieldError.invalid(path.child("apiVersion"), apiVersion, "version must not be empty"));
            }
            if (str(ref.kind()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("kind"), "", "must not be empty"));
            }
            if (str(ref.name()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("name"), "", "must not be empty"));
            }
            if (str(ref.uid()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("uid"), "", "must not be empty"));
            }
            if (apiVersion.equals("v1") && "Event".equals(ref.kind())) {
                errs.add(FieldError.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
            }
            if (Boolean.TRUE.equals(ref.controller())) {
                String current = str(ref.kind()) + "/" + str(ref.name());
                if (firstController != null) {
                    errs.add(FieldError.invalid(path, refs, "Only one reference can have Controller set to true. "
                            + "Found \"true\" in references for " + firstController + " and " + current));
                } else {
                    firstController = current;
                }
            }
        }
        return errs;
    }

    /**
     * Finalizer names are label keys; one without a domain prefix must be one of Kubernetes' own, and orphaning
     * and foreground deletion exclude each other.
     */
    static List<FieldError> finalizers(List<String> finalizers, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        boolean orphan = false;
        boolean foreground = false;
        for (String f : list(finalizers)) {
            for (String msg : Formats.qualifiedName(str(f))) {
                errs.add(FieldError.invalid(path, str(f), msg));
            }
            orphan |= "orphan".equals(f);
            foreground |= "foregroundDeletion".equals(f);
        }
        if (orphan && foreground) {
            errs.add(FieldError.invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
        }
        List<String> names = list(finalizers);
        for (int i = 0; i < names.size(); i++) {
            errs.addAll(kubeFinalizerName(str(names.get(i)), path.index(i)));
        }
        return errs;
    }

    static List<FieldError> kubeFinalizerName(String name, FieldPath path) {
        if (!name.contains("/") && !STANDARD_FINALIZERS.contains(name)) {
            return List.of(FieldError.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"));
        }
        return List.of();
    }

    static List<FieldError> nonNegative(long value, FieldPath path) {
        return value < 0 ? List.of(FieldError.invalid(path, value, IS_NEGATIVE_ERROR)) : List.of();
    }

    /** {@code Invalid value: <new>: field is immutable} when the values differ semantically. */
    static List<FieldError> immutable(Object newValue, Object oldValue, FieldPath path) {
        if (Semantic.equal(newValue, oldValue)) {
            return List.of();
        }
        return List.of(FieldError.invalid(path, newValue, IMMUTABLE_ERROR));
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    static boolean isTrue(Boolean b) {
        return Objects.equals(b, Boolean.TRUE);
    }
}
