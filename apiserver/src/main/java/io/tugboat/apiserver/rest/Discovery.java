package io.tugboat.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The discovery documents clients read to learn what the server serves: {@code /version}, {@code /api}
 * (APIVersions), {@code /apis} (APIGroupList), and one APIResourceList per group-version listing each
 * resource with its verbs, short names and categories, and each subresource as {@code pods/status}. This is
 * what {@code kubectl api-resources} prints and how kubectl maps {@code deploy} to {@code deployments.apps}.
 */
public final class Discovery {
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    private Discovery() {
    }

    public static ObjectNode version() {
        ObjectNode node = Codec.json().createObjectNode();
        node.put("major", "1");
        node.put("minor", "32");
        node.put("gitVersion", "v1.32.0-tugboat");
        node.put("gitCommit", "tugboat");
        node.put("gitTreeState", "clean");
        node.put("buildDate", "2026-11-26T00:00:00Z");
        node.put("goVersion", "java" + System.getProperty("java.specification.version"));
        node.put("compiler", "javac");
        node.put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
        return node;
    }

    /** {@code /api}: the core group's versions. */
    public static ObjectNode coreVersions(String serverAddress) {
        ObjectNode node = Codec.json().createObjectNode();
        node.put("kind", "APIVersions");
        node.putArray("versions").add("v1");
        ArrayNode cidrs = node.putArray("serverAddressByClientCIDRs");
        ObjectNode cidr = cidrs.addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return node;
    }

    /** The named groups, in registry order, then authorization.k8s.io (whose reviews are not stored kinds). */
    private static Map<String, Set<String>> groups() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (ResourceKind<?> kind : ResourceKinds.all()) {
            if (!kind.group().isEmpty()) {
                groups.computeIfAbsent(kind.group(), g -> new LinkedHashSet<>()).add(kind.version());
            }
        }
        groups.put(REVIEW_GROUP, new LinkedHashSet<>(List.of("v1")));
        return groups;
    }

    private static final String REVIEW_GROUP = "authorization.k8s.io";
    /** Create-only, cluster-scoped resources of authorization.k8s.io/v1: plural → kind. */
    private static final Map<String, String> REVIEWS = Map.of(
            "selfsubjectaccessreviews", "SelfSubjectAccessReview",
            "selfsubjectrulesreviews", "SelfSubjectRulesReview",
            "subjectaccessreviews", "SubjectAccessReview");

    private static ObjectNode reviewResources() {
        ObjectNode node = Codec.json().createObjectNode();
        node.put("kind", "APIResourceList");
        node.put("apiVersion", "v1");
        node.put("groupVersion", REVIEW_GROUP + "/v1");
        ArrayNode resources = node.putArray("resources");
        new java.util.TreeMap<>(REVIEWS).forEach((plural, kind) -> {
            ObjectNode r = resources.addObject();
            r.put("name", plural);
            r.put("singularName", plural.substring(0, plural.length() - 1));
            r.put("namespaced", false);
            r.put("kind", kind);
            r.putArray("verbs").add("create");
        });
        return node;
    }

    /** {@code /apis}: every named group. */
    public static ObjectNode groupList() {
        ObjectNode node = Codec.json().createObjectNode();
        node.put("kind", "APIGroupList");
        node.put("apiVersion", "v1");
        ArrayNode list = node.putArray("groups");
        groups().forEach((group, versions) -> list.add(group(group, versions)));
        return node;
    }

    /** {@code /apis/<group>}. */
    public static Optional<ObjectNode> group(String name) {
        Set<String> versions = groups().get(name);
        if (versions == null) {
            return Optional.empty();
        }
        ObjectNode node = group(name, versions);
        node.put("kind", "APIGroup");
        node.put("apiVersion", "v1");
        return Optional.of(node);
    }

    private static ObjectNode group(String name, Set<String> versions) {
        ObjectNode node = Codec.json().createObjectNode();
        node.put("name", name);
        ArrayNode list = node.putArray("versions");
        for (String version : versions) {
            ObjectNode v = list.addObject();
            v.put("groupVersion", name + "/" + version);
            v.put("version", version);
        }
        ObjectNode preferred = node.putObject("preferredVersion");
        String first = versions.iterator().next();
        preferred.put("groupVersion", name + "/" + first);
        preferred.put("version", first);
        return node;
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}: the APIResourceList, or empty if not served. */
    public static Optional<ObjectNode> resourceList(String group, String version) {
        if (group.equals(REVIEW_GROUP)) {
            return version.equals("v1") ? Optional.of(reviewResources()) : Optional.empty();
        }
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        ObjectNode node = Codec.json().createObjectNode();
        node.put("kind", "APIResourceList");
        node.put("apiVersion", "v1");
        node.put("groupVersion", groupVersion);
        ArrayNode resources = node.putArray("resources");
        boolean any = false;
        for (ResourceKind<?> kind : ResourceKinds.all()) {
            if (!kind.group().equals(group) || !kind.version().equals(version)) {
                continue;
            }
            any = true;
            ObjectNode r = resources.addObject();
            r.put("name", kind.plural());
            r.put("singularName", kind.singular());
            r.put("namespaced", kind.namespaced());
            r.put("kind", kind.kind());
            VERBS.forEach(r.putArray("verbs")::add);
            if (!kind.shortNames().isEmpty()) {
                kind.shortNames().forEach(r.putArray("shortNames")::add);
            }
            if (!kind.categories().isEmpty()) {
                kind.categories().forEach(r.putArray("categories")::add);
            }
            for (String sub : kind.subresources()) {
                ObjectNode s = resources.addObject();
                s.put("name", kind.plural() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", kind.namespaced());
                switch (sub) {
                    case "scale" -> {
                        s.put("group", "autoscaling");
                        s.put("version", "v1");
                        s.put("kind", "Scale");
                        List.of("get", "patch", "update").forEach(s.putArray("verbs")::add);
                    }
                    case "binding" -> {
                        s.put("kind", "Binding");
                        s.putArray("verbs").add("create");
                    }
                    case "eviction" -> {
                        // kubectl drain evicts only if it finds pods/eviction with kind Eviction and a group
                        // and version here (policy/v1); otherwise it falls back to DELETE.
                        s.put("group", "policy");
                        s.put("version", "v1");
                        s.put("kind", "Eviction");
                        s.putArray("verbs").add("create");
                    }
                    case "finalize" -> {
                        s.put("kind", kind.kind());
                        s.putArray("verbs").add("update");
                    }
                    case "log" -> {
                        s.put("kind", "Pod");
                        s.putArray("verbs").add("get");
                    }
                    case "exec", "attach", "portforward" -> {
                        s.put("kind", switch (sub) {
                            case "exec" -> "PodExecOptions";
                            case "attach" -> "PodAttachOptions";
                            default -> "PodPortForwardOptions";
                        });
                        List.of("create", "get").forEach(s.putArray("verbs")::add);
                    }
                    default -> {
                        s.put("kind", kind.kind());
                        List.of("get", "patch", "update").forEach(s.putArray("verbs")::add);
                    }
                }
            }
        }
        return any ? Optional.of(node) : Optional.empty();
    }
}
