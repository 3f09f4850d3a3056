package io.tugboat.scheduler.framework;

/**
 * A host port a pod's container claims on its node: {@code (hostIP, protocol, port)}, with Kubernetes' defaults
 * {@code 0.0.0.0} and {@code TCP}.
 */
public record HostPort(String ip, String protocol, int port) {
    public static final String ANY_IP = "0.0.0.0";

    public static HostPort of(String ip, String protocol, int port) {
        return new HostPort(ip == null || ip.isEmpty() ? ANY_IP : ip,
                protocol == null || protocol.isEmpty() ? "TCP" : protocol, port);
    }

    /** Two claims conflict on the same protocol and port when their IPs are equal or either is {@code 0.0.0.0}. */
    public boolean conflictsWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (ip.equals(other.ip) || ANY_IP.equals(ip) || ANY_IP.equals(other.ip));
    }
}
