package io.tugboat.apiserver.auth;

/**
 * Decides whether a request may proceed, from its {@link RequestAttributes} alone. Implementations are pure and
 * thread-safe; those that need cluster state (RBAC's roles and bindings, the node authorizer's pod-to-node graph)
 * read it from the API server's own watch cache, never from etcd per request.
 *
 * <p>Contract: never throws for any input; answers {@link Decision.Verdict#NO_OPINION} for what it does not
 * govern, so that authorizers can be chained ({@link #chain}).
 */
@FunctionalInterface
public interface Authorizer {
    Decision authorize(RequestAttributes attributes);

    /** Allows everything: the authorization mode {@code AlwaysAllow}. */
    Authorizer ALWAYS_ALLOW = attributes -> Decision.allow("");

    /**
     * The first of {@code authorizers} to answer ALLOW or DENY decides; members of {@code system:masters} are
     * allowed before any is asked, as in Kubernetes. No opinion from all: NO_OPINION (which the server treats as
     * forbidden), with the reasons joined.
     */
    static Authorizer chain(Authorizer... authorizers) {
        return attributes -> {
            if (attributes.user().inGroup(UserInfo.MASTERS)) {
                return Decision.allow("");
            }
            StringBuilder reasons = new StringBuilder();
            for (Authorizer authorizer : authorizers) {
                Decision decision = authorizer.authorize(attributes);
                if (decision.verdict() != Decision.Verdict.NO_OPINION) {
                    return decision;
                }
                if (!decision.reason().isEmpty()) {
                    reasons.append(reasons.length() == 0 ? "" : ", ").append(decision.reason());
                }
            }
            return Decision.noOpinion(reasons.toString());
        };
    }
}
