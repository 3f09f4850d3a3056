package io.tugboat.api;

import io.tugboat.api.meta.KubernetesObject;
import java.util.List;

/**
 * Everything Tugboat needs to know about one kind of stored object, in one place: how it is named on the wire
 * ({@code apiVersion}/{@code kind}), where it lives in the REST API ({@code /apis/<group>/<version>/namespaces/<ns>/<plural>})
 * and in etcd ({@code /registry/<plural>/...}), and which Java record it decodes to. The API server's router,
 * discovery documents and storage, the clients and the CLI's name resolution ({@code po}, {@code deploy},
 * {@code deployment.apps}) all read it from {@link ResourceKinds}, so adding a kind is one entry there.
 *
 * @param group        API group, empty for the core group ({@code v1})
 * @param version      API version within the group
 * @param kind         the {@code kind} of objects and the name of the Java record
 * @param plural       the resource name in URLs and etcd keys ({@code pods})
 * @param singular     the singular name kubectl accepts ({@code pod})
 * @param shortNames   kubectl short names ({@code po})
 * @param namespaced   whether objects live in a namespace
 * @param type         the Java record objects decode to
 * @param subresources subresources served under an object ({@code status}, {@code scale}, {@code binding}, {@code log})
 * @param categories   discovery categories ({@code all} is what {@code kubectl get all} expands)
 */
public record ResourceKind<T extends KubernetesObject>(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        List<String> shortNames,
        boolean namespaced,
        Class<T> type,
        List<String> subresources,
        List<String> categories) {

    public ResourceKind {
        shortNames = List.copyOf(shortNames);
        subresources = List.copyOf(subresources);
        categories = List.copyOf(categories);
    }

    /** {@code v1} for the core group, {@code group/version} otherwise, as in an object's {@code apiVersion}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The kind of list responses: {@code PodList}. */
    public String listKind() {
        return kind + "List";
    }

    /** The path prefix of the group-version: {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** {@code plural.group} as kubectl prints and accepts it ({@code deployments.apps}; just {@code pods} for core). */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** Casts an object known to be of this kind. */
    public T cast(KubernetesObject object) {
        return type.cast(object);
    }

    @Override
    public String toString() {
        return apiVersion() + ", Kind=" + kind;
    }
}
