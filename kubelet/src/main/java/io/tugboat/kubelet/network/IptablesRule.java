package io.tugboat.kubelet.network;

import java.util.ArrayList;
import java.util.List;

/**
 * One iptables rule the kubelet owns. The comment is its identity: it names the owning node and says everything the
 * rule does, so a rule whose meaning changed (a new podCIDR) has a new comment, and a rule with the owner's prefix
 * that no plan wants any more is stale and deleted.
 *
 * @param table   {@code filter} or {@code nat}
 * @param chain   e.g. {@code DOCKER-USER}, {@code POSTROUTING}
 * @param match   the match arguments, e.g. {@code -s 10.244.1.0/24}
 * @param target  the {@code -j} target
 * @param comment {@code tugboat <node>: ...}, see {@link #ownerPrefix}
 */
public record IptablesRule(String table, String chain, List<String> match, String target, String comment) {
    public IptablesRule {
        match = List.copyOf(match);
    }

    /** The comment prefix of every rule {@code node}'s kubelet owns; node names contain no colon. */
    public static String ownerPrefix(String node) {
        return "tugboat " + node + ":";
    }

    /** The rule's specification, as given after {@code -I CHAIN} / {@code -C CHAIN} / {@code -D CHAIN}. */
    public List<String> spec() {
        List<String> args = new ArrayList<>(match);
        args.addAll(List.of("-m", "comment", "--comment", comment, "-j", target));
        return args;
    }

    @Override
    public String toString() {
        return "-t " + table + " " + chain + " " + String.join(" ", match) + " -j " + target + " (" + comment + ")";
    }
}
