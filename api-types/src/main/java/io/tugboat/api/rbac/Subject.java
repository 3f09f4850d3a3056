package io.tugboat.api.rbac;


/**
 * Who a binding grants to: a {@code User}, a {@code Group} (apiGroup {@code rbac.authorization.k8s.io}) or a
 * {@code ServiceAccount} (apiGroup {@code ""}, with a namespace).
 */
public record Subject(
        String kind,
        String apiGroup,
        String name,
        String namespace) {
    public Subject withKind(String kind) {
        return new Subject(kind, apiGroup, name, namespace);
    }

    public Subject withApiGroup(String apiGroup) {
        return new Subject(kind, apiGroup, name, namespace);
    }

    public Subject withName(String name) {
        return new Subject(kind, apiGroup, name, namespace);
    }

    public Subject withNamespace(String namespace) {
        return new Subject(kind, apiGroup, name, namespace);
    }

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public static Subject user(String name) {
        return new Subject(USER, "rbac.authorization.k8s.io", name, null);
    }

    public static Subject group(String name) {
        return new Subject(GROUP, "rbac.authorization.k8s.io", name, null);
    }

    public static Subject serviceAccount(String namespace, String name) {
        return new Subject(SERVICE_ACCOUNT, "", name, namespace);
    }
}
