package io.tugboat.apiserver.auth;

/**
 * An authorizer's answer. {@link Verdict#NO_OPINION} passes the question to the next authorizer in the chain;
 * the reason, when there is one, is appended to the 403 message as Kubernetes does.
 */
public record Decision(Verdict verdict, String reason) {
    public enum Verdict { ALLOW, DENY, NO_OPINION }

    public static Decision allow(String reason) {
        return new Decision(Verdict.ALLOW, reason == null ? "" : reason);
    }

    public static Decision deny(String reason) {
        return new Decision(Verdict.DENY, reason == null ? "" : reason);
    }

    public static Decision noOpinion(String reason) {
        return new Decision(Verdict.NO_OPINION, reason == null ? "" : reason);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }
}
