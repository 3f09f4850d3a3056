package io.tugboat.kubelet.network;

/**
 * A host-gw route: packets for another node's pods go to that node's address, which forwards them to its bridge —
 * {@code ip route replace 10.244.2.0/24 via 192.168.56.12}.
 *
 * @param destination the other node's pod range
 * @param via         the other node's InternalIP (on a network this host reaches directly)
 */
public record HostRoute(Ipv4Cidr destination, String via) {
    @Override
    public String toString() {
        return destination + " via " + via;
    }
}
