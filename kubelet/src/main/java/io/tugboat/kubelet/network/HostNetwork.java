package io.tugboat.kubelet.network;

import java.util.List;
import java.util.Set;

/**
 * The host's routing table and packet filter, as far as the pod network touches them: Tugboat's own routes and
 * its own iptables rules, never anyone else's. {@link LinuxHostNetwork} runs {@code ip} and {@code iptables};
 * tests use a fake.
 *
 * <p>Failures are {@link HostNetworkException}s. Implementations are called by one reconcile at a time.
 */
public interface HostNetwork {

    /** This host's IPv4 addresses (every interface's, loopback included). */
    Set<String> addresses();

    /** The routes Tugboat installed (see {@link LinuxHostNetwork#ROUTE_PROTOCOL}) whose destination lies in {@code within}. */
    List<HostRoute> routes(Ipv4Cidr within);

    /** Adds the route, or changes the existing route to its destination ({@code ip route replace}). */
    void replaceRoute(HostRoute route);

    /** Deletes the route; a missing one is not an error. */
    void deleteRoute(HostRoute route);

    /** The rules in {@code table}/{@code chain} whose comment starts with {@code commentPrefix}. */
    List<InstalledRule> rules(String table, String chain, String commentPrefix);

    /** Inserts the rule at the top of its chain. */
    void insertRule(IptablesRule rule);

    /** Deletes an installed rule by its specification. */
    void deleteRule(InstalledRule rule);

    /**
     * A rule as {@code iptables -S} lists it.
     *
     * @param spec the arguments after {@code -A CHAIN}, unquoted: what {@code -D CHAIN} needs
     */
    record InstalledRule(String table, String chain, String comment, List<String> spec) {
        public InstalledRule {
            spec = List.copyOf(spec);
        }
    }

    /** A command on the host failed. */
    final class HostNetworkException extends RuntimeException {
        public HostNetworkException(String message) {
            super(message);
        }

        public HostNetworkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
