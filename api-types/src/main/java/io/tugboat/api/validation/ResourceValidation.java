package io.tugboat.api.validation;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource names and quantities: {@code resources.requests} and {@code resources.limits} of a container, node
 * capacity, claim sizes.
 *
 * <p>The rules, from {@code validateResourceRequirements}: a container resource is cpu, memory,
 * ephemeral-storage, a hugepage size, or a domain-qualified extended resource ({@code example.com/gpu}); every
 * quantity is non-negative; a request may not exceed its limit; and extended resources, which cannot be
 * overcommitted, need whole numbers and a request equal to the limit. A malformed quantity never gets here: the
 * codec refuses it while decoding.
 */
final class ResourceValidation {

    private ResourceValidation() {
    }

    private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
            "configmaps", "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
            "services.loadbalancers");
    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> INTEGER_RESOURCES = Set.of("pods", "resourcequotas", "services",
            "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
            "services.loadbalancers");

    static List<FieldError> containerResources(ResourceRequirements requirements, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (requirements == null) {
            return errs;
        }
        FieldPath limPath = path.child("limits");
        FieldPath reqPath = path.child("requests");
        Map<String, Quantity> limits = MetaValidation.sorted(requirements.limits());
        for (Map.Entry<String, Quantity> e : limits.entrySet()) {
            FieldPath p = limPath.key(e.getKey());
            errs.addAll(containerResourceName(e.getKey(), p));
            errs.addAll(quantityValue(e.getKey(), e.getValue(), p));
        }
        for (Map.Entry<String, Quantity> e : MetaValidation.sorted(requirements.requests()).entrySet()) {
            String name = e.getKey();
            Quantity request = e.getValue();
            FieldPath p = reqPath.key(name);
            errs.addAll(containerResourceName(name, p));
            errs.addAll(quantityValue(name, request, p));
            Quantity limit = limits.get(name);
            if (limit != null && request != null) {
                int cmp = request.compareTo(limit);
                if (cmp != 0 && !isOvercommitAllowed(name)) {
                    errs.add(FieldError.invalid(reqPath, request.toString(),
                            "must be equal to " + name + " limit of " + limit));
                } else if (cmp > 0) {
                    errs.add(FieldError.invalid(reqPath, request.toString(),
                            "must be less than or equal to " + name + " limit of " + limit));
                }
            } else if (limit == null && !isOvercommitAllowed(name)) {
                errs.add(FieldError.required(limPath, "Limit must be set for non overcommitable resources"));
            }
        }
        return errs;
    }

    /** A quantity must not be negative, and integer resources must be whole numbers. */
    static List<FieldError> quantityValue(String resource, Quantity value, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (value == null) {
            return errs;
        }
        if (value.value().signum() < 0) {
            errs.add(FieldError.invalid(path, value.toString(), MetaValidation.IS_NEGATIVE_ERROR));
        }
        if (isIntegerResource(resource) && value.value().remainder(BigDecimal.ONE).signum() != 0) {
            errs.add(FieldError.invalid(path, value, "must be an integer"));
        }
        return errs;
    }

    /** {@code Invalid value: "0": must be greater than zero}, for sizes that must be positive. */
    static List<FieldError> positive(Quantity value, FieldPath path) {
        if (value != null && value.value().signum() <= 0) {
            return List.of(FieldError.invalid(path, value.toString(), "must be greater than zero"));
        }
        return List.of();
    }

    private static List<FieldError> containerResourceName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(resourceName(name, path));
        if (!name.contains("/")) {
            if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !isHugePages(name)) {
                errs.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
            }
        } else if (!isNative(name) && !isExtended(name)) {
            errs.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    private static List<FieldError> resourceName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Formats.qualifiedName(name)) {
            errs.add(FieldError.invalid(path, name, msg));
        }
        if (!errs.isEmpty()) {
            return errs;
        }
        if (!name.contains("/") && !STANDARD_RESOURCES.contains(name) && !isHugePages(name)
                && !name.startsWith("requests.hugepages-")) {
            errs.add(FieldError.invalid(path, name, "must be a standard resource type or fully qualified"));
        }
        return errs;
    }

    private static boolean isHugePages(String name) {
        return name.startsWith("hugepages-");
    }

    /** No domain, or a kubernetes.io domain: Kubernetes' own resources. */
    private static boolean isNative(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    private static boolean isExtended(String name) {
        if (isNative(name) || name.startsWith("requests.")) {
            return false;
        }
        return Formats.qualifiedName("requests." + name).isEmpty();
    }

    private static boolean isIntegerResource(String name) {
        return INTEGER_RESOURCES.contains(name) || isExtended(name);
    }

    /** Native resources other than hugepages may be overcommitted (requests below limits). */
    private static boolean isOvercommitAllowed(String name) {
        return isNative(name) && !isHugePages(name);
    }
}
