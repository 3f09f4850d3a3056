package io.tugboat.kubectl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.Kubeconfig;
import io.tugboat.pki.ClusterPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void theFirstServiceAddressIsTheRangesFirstUsableOne() throws Exception {
        assertEquals(InetAddress.getByName("10.96.0.1"), CertsCommand.firstAddress("10.96.0.0/12"));
        assertEquals(InetAddress.getByName("10.96.0.1"), CertsCommand.firstAddress("10.100.7.9/12"));
        assertEquals(InetAddress.getByName("fd00::1"), CertsCommand.firstAddress("fd00::/108"));
    }

    @Test
    void certsThenANodeWriteKubeconfigsThatPresentTheirCertificates() throws Exception {
        Run first = run("certs", "--dir=" + dir, "--server=https://192.168.56.10:6443", "--apiserver-ip=192.168.56.10");
        assertEquals(0, first.code, first.out);
        assertTrue(first.out.contains("[certs] ca                                written"), first.out);
        Run again = run("certs", "--dir=" + dir, "--server=https://192.168.56.10:6443", "--apiserver-ip=192.168.56.10");
        assertTrue(again.out.contains("[certs] apiserver                         kept"), again.out);

        Run node = run("certs", "node", "worker-1", "--dir=" + dir, "--server=https://192.168.56.10:6443", "--ip=192.168.56.21");
        assertEquals(0, node.code, node.out);
        Path conf = dir.resolve("nodes/worker-1.conf");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        Kubeconfig.Connection connection = Kubeconfig.load(conf.toString()).connection();
        assertEquals("https://192.168.56.10:6443", connection.server());
        assertArrayEquals(Files.readAllBytes(dir.resolve("ca.crt")), connection.certificateAuthority());
        assertArrayEquals(Files.readAllBytes(dir.resolve("nodes/worker-1.crt")), connection.clientCertificate());
        assertArrayEquals(Files.readAllBytes(dir.resolve("nodes/worker-1.key")), connection.clientKey());
        assertEquals("CN=system:node:worker-1,O=system:nodes",
                new ClusterPki(dir, java.time.Clock.systemUTC()).read(ClusterPki.nodeClient("worker-1"))
                        .certificate().getSubjectX500Principal().getName());
    }

    @Test
    void anAddressThatIsNotAnIpIsAUsageError() {
        Run bad = run("certs", "node", "w", "--dir=" + dir, "--ip=example.org");
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("not an IP address: example.org"), bad.err);
        assertTrue(!Files.exists(dir.resolve("nodes")), "nothing written");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CertsCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        int code = commandLine.execute(rest);
        return new Run(code, out.toString(), err.toString());
    }
}
