package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.rbac.AggregationRule;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.auth.ProtobufMessage;
import java.util.List;
import java.util.Optional;

/**
 * The four RBAC kinds in Kubernetes' protobuf encoding, which {@code kubectl create role}, {@code create
 * clusterrole}, {@code create rolebinding} and {@code create clusterrolebinding} send. Field numbers from
 * {@code k8s.io/api/rbac/v1/generated.proto} and {@code apimachinery/pkg/apis/meta/v1/generated.proto}:
 * <pre>
 *   Role, ClusterRole       { 1: metadata, 2: rules*, 3: aggregationRule { 1: clusterRoleSelectors* } }
 *   RoleBinding, ...Binding { 1: metadata, 2: subjects*, 3: roleRef }
 *   PolicyRule  { 1: verbs*, 2: apiGroups*, 3: resources*, 4: resourceNames*, 5: nonResourceURLs* }
 *   Subject     { 1: kind, 2: apiGroup, 3: name, 4: namespace }     RoleRef { 1: apiGroup, 2: kind, 3: name }
 *   ObjectMeta  { 1: name, 2: generateName, 3: namespace, 6: resourceVersion, 11: labels, 12: annotations }
 *   LabelSelector { 1: matchLabels, 2: matchExpressions* { 1: key, 2: operator, 3: values* } }
 * </pre>
 * Other metadata (owner references, finalizers) is not read: kubectl's create commands do not send it.
 */
public final class RbacProtobuf {
    private RbacProtobuf() {
    }

    /** The decoded object if {@code kind} is an RBAC kind, else empty. */
    public static Optional<KubernetesObject> decode(ResourceKind<?> kind, byte[] body) {
        if (kind != ResourceKinds.ROLES && kind != ResourceKinds.CLUSTER_ROLES && kind != ResourceKinds.ROLE_BINDINGS
                && kind != ResourceKinds.CLUSTER_ROLE_BINDINGS) {
            return Optional.empty();
        }
        ProtobufMessage m = ProtobufMessage.ofKubernetesBody(body);
        ObjectMeta meta = meta(m.message(1));
        if (kind == ResourceKinds.ROLES) {
            return Optional.of(Role.of(meta, rules(m)));
        }
        if (kind == ResourceKinds.CLUSTER_ROLES) {
            ProtobufMessage aggregation = m.message(3);
            return Optional.of(ClusterRole.of(meta, aggregation == null ? null
                    : new AggregationRule(aggregation.messages(1).stream().map(RbacProtobuf::selector).toList()), rules(m)));
        }
        List<Subject> subjects = m.messages(2).stream()
                .map(s -> new Subject(str(s.string(1)), str(s.string(2)), str(s.string(3)), str(s.string(4)))).toList();
        ProtobufMessage ref = m.message(3);
        RoleRef roleRef = ref == null ? null : new RoleRef(str(ref.string(1)), str(ref.string(2)), str(ref.string(3)));
        return Optional.of(kind == ResourceKinds.ROLE_BINDINGS ? RoleBinding.of(meta, subjects.isEmpty() ? null : subjects, roleRef)
                : ClusterRoleBinding.of(meta, subjects.isEmpty() ? null : subjects, roleRef));
    }

    private static List<PolicyRule> rules(ProtobufMessage m) {
        return m.messages(2).stream().map(r -> new PolicyRule(r.strings(1), orNull(r.strings(2)), orNull(r.strings(3)),
                orNull(r.strings(4)), orNull(r.strings(5)))).toList();
    }

    private static List<String> orNull(List<String> values) {
        return values.isEmpty() ? null : values;
    }

    private static LabelSelector selector(ProtobufMessage m) {
        List<LabelSelectorRequirement> expressions = m.messages(2).stream()
                .map(e -> new LabelSelectorRequirement(e.string(1), e.string(2), orNull(e.strings(3)))).toList();
        return new LabelSelector(m.stringMap(1), expressions.isEmpty() ? null : expressions);
    }

    private static ObjectMeta meta(ProtobufMessage m) {
        if (m == null) {
            return new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        return new ObjectMeta(str(m.string(1)), str(m.string(2)), str(m.string(3)), null, null, str(m.string(6)), null,
                null, null, null, m.stringMap(11), m.stringMap(12), null, null);
    }

    /** Go strings are never absent: an empty one means the field was not set, as JSON's omitempty would say. */
    private static String str(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
