package io.tugboat.apiserver.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated caller, as Kubernetes' {@code user.Info}: a name (the CN of a client certificate, the user
 * column of the token file), an optional uid, groups (a certificate's O fields, the token file's groups column,
 * plus the implicit {@code system:authenticated}) and free-form extra attributes.
 *
 * @param name   the user name, never null or empty
 * @param uid    a unique id when the authenticator has one, else {@code ""}
 * @param groups the groups the user is in, never null
 * @param extra  authenticator-specific attributes, never null
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    /** Every authenticated user is in this group. */
    public static final String AUTHENTICATED = "system:authenticated";
    /** The group of the anonymous user. */
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    /** Members are allowed everything, whatever the authorizers say (the admin's certificate carries it). */
    public static final String MASTERS = "system:masters";
    /** The group of kubelets ({@code system:node:<name>}). */
    public static final String NODES = "system:nodes";
    /** The prefix of a kubelet's user name; the rest is its node's name. */
    public static final String NODE_USER_PREFIX = "system:node:";

    /** The user of requests that offered no credentials, where anonymous access is allowed. */
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of(UNAUTHENTICATED), Map.of());

    /**
     * The user of requests on the plain-HTTP loopback listener, which exists only when explicitly asked for
     * (tests, a local debugging session): a member of {@link #MASTERS}, as Kubernetes' old insecure port was.
     */
    public static final UserInfo UNSECURED = new UserInfo("system:unsecured", "", List.of(MASTERS, AUTHENTICATED), Map.of());

    public UserInfo {
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A user with a name and groups, no uid or extra. */
    public static UserInfo of(String name, List<String> groups) {
        return new UserInfo(name, "", groups, Map.of());
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /** The node name if this is a kubelet's identity ({@code system:node:<name>} in {@code system:nodes}), else null. */
    public String nodeName() {
        if (!inGroup(NODES) || !name.startsWith(NODE_USER_PREFIX) || name.length() == NODE_USER_PREFIX.length()) {
            return null;
        }
        return name.substring(NODE_USER_PREFIX.length());
    }
}
