package io.tugboat.apiserver.rest.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.IntOrString;
import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;

/**
 * Names schemas the way Kubernetes names them, so a client that knows Kubernetes' OpenAPI finds its way around
 * ours: {@code io.tugboat.api.core.Pod} is {@code io.k8s.api.core.v1.Pod}, {@code io.tugboat.api.meta.ObjectMeta}
 * is {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}.
 *
 * <p>Every Java package of the object model holds exactly one group-version, so the package decides the prefix.
 */
final class SchemaNames {
    static final String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    private static final String MODEL_PACKAGE = "io.tugboat.api.";

    /** Java package (below io.tugboat.api) to the prefix of its Kubernetes schema names. */
    private static final Map<String, String> PREFIXES = Map.of(
            "core", "io.k8s.api.core.v1",
            "apps", "io.k8s.api.apps.v1",
            "batch", "io.k8s.api.batch.v1",
            "autoscaling", "io.k8s.api.autoscaling.v1",
            "coordination", "io.k8s.api.coordination.v1",
            "discovery", "io.k8s.api.discovery.v1",
            "storage", "io.k8s.api.storage.v1",
            "policy", "io.k8s.api.policy.v1",
            "meta", "io.k8s.apimachinery.pkg.apis.meta.v1");

    private SchemaNames() {
    }

    /**
     * The schema name of a type that has its own schema: a record of the object model or one of the scalar
     * wrappers (Quantity, IntOrString, JsonNode).
     */
    static String of(Class<?> type) {
        if (type == Quantity.class) {
            return QUANTITY;
        }
        if (type == IntOrString.class) {
            return INT_OR_STRING;
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return RAW_EXTENSION;
        }
        String name = type.getName();
        if (!type.isRecord() || !name.startsWith(MODEL_PACKAGE)) {
            throw new IllegalArgumentException("not a type of the object model: " + name);
        }
        String javaPackage = type.getPackageName().substring(MODEL_PACKAGE.length());
        String prefix = PREFIXES.get(javaPackage);
        if (prefix == null) {
            throw new IllegalStateException("no Kubernetes schema prefix for package io.tugboat.api." + javaPackage
                    + "; add it to SchemaNames.PREFIXES");
        }
        return prefix + "." + type.getSimpleName();
    }

    /** The schema name of the list kind of {@code kind}: {@code io.k8s.api.core.v1.PodList}. */
    static String listOf(ResourceKind<?> kind) {
        return of(kind.type()) + "List";
    }

    /**
     * The group, version and kind a top-level type is served as, read from its {@code API_VERSION} and
     * {@code KIND} constants; empty for nested types. This covers the stored kinds and the auxiliary ones
     * (Scale, Binding) alike.
     */
    static Optional<Gvk> gvkOf(Class<?> type) {
        if (!KubernetesObject.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        String apiVersion = constant(type, "API_VERSION");
        String kind = constant(type, "KIND");
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        return Optional.of(slash < 0
                ? new Gvk("", apiVersion, kind)
                : new Gvk(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind));
    }

    private static String constant(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                return (String) field.get(null);
            }
            return null;
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
        }
    }

    /** A group, version and kind, as the {@code x-kubernetes-group-version-kind} extension spells it. */
    record Gvk(String group, String version, String kind) {
        static Gvk of(ResourceKind<?> kind) {
            return new Gvk(kind.group(), kind.version(), kind.kind());
        }

        Gvk list() {
            return new Gvk(group, version, kind + "List");
        }
    }
}
