package io.tugboat.kubelet.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * The gateway address of Docker's default bridge, {@code docker0} (172.17.0.1 unless the engine was told otherwise):
 * where pods on that bridge reach the node. The kubelet's own pod bridge replaces it once it has one.
 */
public final class DockerBridge {
    private DockerBridge() {
    }

    /** docker0's IPv4 address, read from the host's interfaces; 172.17.0.1 if there is no such interface here. */
    public static InetAddress defaultGateway() {
        try {
            NetworkInterface bridge = NetworkInterface.getByName("docker0");
            if (bridge != null) {
                for (InetAddress a : java.util.Collections.list(bridge.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
            return InetAddress.getByAddress(new byte[] {(byte) 172, 17, 0, 1});
        } catch (SocketException | UnknownHostException e) {
            throw new IllegalStateException("cannot read the host's interfaces", e);
        }
    }
}
