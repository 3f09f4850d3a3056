package io.tugboat.kubectl.cluster;

import io.tugboat.client.Kubeconfig;
import io.tugboat.pki.ClusterPki;
import io.tugboat.pki.Credentials;
import io.tugboat.pki.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tug certs}: the cluster's certificate authority and every certificate the control plane needs, plus a
 * kubeconfig per control-plane client with its certificate embedded; {@code tug certs node NAME --ip ADDR} adds
 * one kubelet's certificates and kubeconfig. Both keep what exists, so running them again is safe (a serving
 * certificate that no longer covers the addresses asked for is issued again). See {@link ClusterPki} for the
 * layout and docs/security.md for how the pieces are used.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Create the cluster CA and the control plane's certificates and kubeconfigs (kept when present).",
        subcommands = CertsCommand.Node.class)
public final class CertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Where the PKI lives. Default: ~/.tugboat/pki.")
    Path dir;

    @Option(names = "--server", defaultValue = "https://127.0.0.1:6443", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The API server URL the kubeconfigs name. Default: ${DEFAULT-VALUE}.")
    String server;

    @Option(names = "--apiserver-ip", split = ",",
            description = "Addresses the API server is reached at, besides 127.0.0.1 and the first service IP (repeatable).")
    List<String> apiServerIps = new ArrayList<>();

    @Option(names = "--apiserver-name", split = ",",
            description = "DNS names the API server is reached at, besides kubernetes[.default[.svc[.cluster.local]]] and localhost.")
    List<String> apiServerNames = new ArrayList<>();

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
            description = "The service range; its first address is the API server's in-cluster IP. Default: ${DEFAULT-VALUE}.")
    String serviceRange;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClusterPki pki = new ClusterPki(pkiDir(dir), Clock.systemUTC());
        List<String> written = pki.ensureControlPlane(apiServerNames, addresses(spec.commandLine(), apiServerIps), firstAddress(serviceRange));
        report(out, pki, List.of(ClusterPki.CA, ClusterPki.APISERVER, ClusterPki.ETCD_SERVER, ClusterPki.ADMIN,
                ClusterPki.SCHEDULER, ClusterPki.CONTROLLER_MANAGER, ClusterPki.APISERVER_KUBELET_CLIENT,
                ClusterPki.APISERVER_ETCD_CLIENT), written);
        for (String client : List.of(ClusterPki.ADMIN, ClusterPki.SCHEDULER, ClusterPki.CONTROLLER_MANAGER)) {
            Path conf = writeKubeconfig(pki, client, server);
            out.printf("[kubeconfig] %-28s %s%n", client + ".conf", conf);
        }
        out.printf("%nUse it: export KUBECONFIG=%s%n", pki.dir().resolve(ClusterPki.ADMIN + ".conf"));
        return 0;
    }

    /** {@code tug certs node NAME --ip ADDR}: one more kubelet's client and serving certificates and kubeconfig. */
    @Command(name = "node", mixinStandardHelpOptions = true,
            description = "Issue a kubelet's certificates (client: system:node:NAME; serving: NAME and its addresses) and kubeconfig.")
    static final class Node implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        CertsCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The node name (the kubelet's --node-name).")
        String name;

        @Option(names = "--ip", split = ",", description = "The node's addresses (repeatable); 127.0.0.1 is always included.")
        List<String> ips = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ClusterPki pki = new ClusterPki(pkiDir(parent.dir), Clock.systemUTC());
            List<String> written = pki.ensureNode(name, addresses(spec.commandLine(), ips));
            report(out, pki, List.of(ClusterPki.nodeClient(name), ClusterPki.nodeServing(name)), written);
            Path conf = writeKubeconfig(pki, ClusterPki.nodeClient(name), parent.server);
            out.printf("[kubeconfig] %-28s %s%n", ClusterPki.nodeClient(name) + ".conf", conf);
            return 0;
        }
    }

    static Path pkiDir(Path dir) {
        return dir != null ? dir.toAbsolutePath() : ClusterDir.defaultRoot().resolve("pki");
    }

    /** {@code base.conf} beside the certificate: a kubeconfig presenting it, trusting the CA; mode 0600. */
    static Path writeKubeconfig(ClusterPki pki, String base, String server) throws IOException {
        Credentials credentials = pki.read(base);
        String user = credentials.certificate().getSubjectX500Principal().getName().replaceAll("^CN=([^,]+).*$", "$1");
        Path conf = pki.dir().resolve(base + ".conf");
        Pem.writeSecret(conf, Kubeconfig.forCertificate(server, Pem.certificate(pki.ca().certificate()), user,
                credentials.certificatePem(), credentials.keyPem()));
        return conf;
    }

    private static void report(PrintWriter out, ClusterPki pki, List<String> bases, List<String> written) {
        for (String base : bases) {
            out.printf("[certs] %-33s %-8s %s%n", base, written.contains(base) ? "written" : "kept", pki.certificate(base));
        }
    }

    /** The addresses given; anything that is not an IP literal is a usage error (no DNS lookups here). */
    static List<InetAddress> addresses(picocli.CommandLine commandLine, List<String> ips) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String ip : ips) {
            try {
                if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                    throw new UnknownHostException(ip);
                }
                addresses.add(InetAddress.getByName(ip));
            } catch (UnknownHostException e) {
                throw new picocli.CommandLine.ParameterException(commandLine, "not an IP address: " + ip);
            }
        }
        return addresses;
    }

    /** The first usable address of a CIDR range: {@code 10.96.0.0/12} → {@code 10.96.0.1}. */
    static InetAddress firstAddress(String cidr) throws UnknownHostException {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR range: " + cidr);
        }
        byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        BigInteger base = new BigInteger(1, network).shiftRight(network.length * 8 - prefix).shiftLeft(network.length * 8 - prefix);
        byte[] first = base.add(BigInteger.ONE).toByteArray();
        byte[] address = new byte[network.length];
        System.arraycopy(first, Math.max(0, first.length - address.length), address,
                Math.max(0, address.length - first.length), Math.min(first.length, address.length));
        return InetAddress.getByAddress(address);
    }
}
