package io.tugboat.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KubeletMainDnsFlagsTest {
    @Test
    void servesClusterDnsForClusterLocalByDefault() {
        KubeletMain main = parse();
        assertTrue(main.serveClusterDns);
        assertEquals("cluster.local", main.clusterDomain);
        assertEquals(List.of(), main.clusterDns);
        assertEquals(Path.of("/etc/resolv.conf"), main.resolvConf);
    }

    @Test
    void takesTheDnsFlags() {
        KubeletMain main = parse("--serve-cluster-dns=false", "--cluster-domain=tugboat.example", "--cluster-dns=192.0.2.53,192.0.2.54",
                "--resolv-conf=/run/systemd/resolve/resolv.conf");
        assertFalse(main.serveClusterDns);
        assertEquals("tugboat.example", main.clusterDomain);
        assertEquals(List.of("192.0.2.53", "192.0.2.54"), main.clusterDns);
        assertEquals(Path.of("/run/systemd/resolve/resolv.conf"), main.resolvConf);
    }

    private static KubeletMain parse(String... flags) {
        KubeletMain main = new KubeletMain();
        String[] args = new String[flags.length + 2];
        args[0] = "--kubeconfig=/dev/null";
        args[1] = "--node-name=n1";
        System.arraycopy(flags, 0, args, 2, flags.length);
        new CommandLine(main).parseArgs(args);
        return main;
    }
}
