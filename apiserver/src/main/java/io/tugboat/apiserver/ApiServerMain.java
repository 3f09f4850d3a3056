package io.tugboat.apiserver;

import io.tugboat.apiserver.auth.AuthorizationModes;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.apiserver.tls.ClientTls;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug apiserver}: runs the API server in the foreground until it is interrupted (SIGINT/SIGTERM).
 * Flags are named as kube-apiserver's. It serves HTTPS only unless {@code --insecure-port} asks for plain HTTP
 * on loopback; see docs/security.md.
 */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
        description = "Serve the Kubernetes REST API, storing objects in etcd.")
public final class ApiServerMain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--etcd-servers", split = ",", defaultValue = "http://127.0.0.1:2379",
            description = "etcd endpoints, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> etcdServers;

    @Option(names = "--etcd-prefix", defaultValue = "/registry", description = "Key prefix in etcd (default: ${DEFAULT-VALUE}).")
    String etcdPrefix;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = {"--secure-port", "--port"}, defaultValue = "6443",
            description = "HTTPS port (default: ${DEFAULT-VALUE}); 0 serves no HTTPS (then --insecure-port is required).")
    int port;

    @Option(names = "--tls-cert-file", description = "PEM serving certificate (chain). Without it a self-signed one is made at start.")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", description = "PEM (PKCS#8) private key of --tls-cert-file.")
    Path tlsKeyFile;

    @Option(names = "--client-ca-file", description = "PEM CA bundle: client certificates it issued authenticate as CN (user) and O (groups).")
    Path clientCaFile;

    @Option(names = "--token-auth-file", description = "CSV file of bearer tokens: token,user,uid,\"group1,group2\".")
    Path tokenAuthFile;

    @Option(names = "--authorization-mode", split = ",", defaultValue = AuthorizationModes.NODE + "," + AuthorizationModes.RBAC,
            description = "Authorizers asked in order, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> authorizationModes;

    @Option(names = "--etcd-cafile", description = "PEM CA bundle etcd's serving certificate must chain to (https:// etcd servers).")
    Path etcdCaFile;

    @Option(names = "--etcd-certfile", description = "PEM client certificate presented to etcd.")
    Path etcdCertFile;

    @Option(names = "--etcd-keyfile", description = "PEM private key of --etcd-certfile.")
    Path etcdKeyFile;

    @Option(names = "--kubelet-client-certificate", description = "PEM client certificate presented to kubelets (logs, exec, attach, port-forward).")
    Path kubeletClientCertificate;

    @Option(names = "--kubelet-client-key", description = "PEM private key of --kubelet-client-certificate.")
    Path kubeletClientKey;

    @Option(names = "--kubelet-certificate-authority",
            description = "PEM CA bundle kubelets' serving certificates must chain to. Any kubelet flag switches kubelet calls to HTTPS.")
    Path kubeletCertificateAuthority;

    @Option(names = "--insecure-port", defaultValue = "0",
            description = "Plain-HTTP port without authentication, for local debugging; 0 (default) serves none.")
    int insecurePort;

    @Option(names = "--insecure-bind-address", defaultValue = "127.0.0.1",
            description = "Address of --insecure-port; must be loopback (default: ${DEFAULT-VALUE}).")
    String insecureBindAddress;

    @Option(names = "--max-requests-inflight", defaultValue = "400",
            description = "Read-only requests served at once before answering 429 (default: ${DEFAULT-VALUE}).")
    int maxReadOnly;

    @Option(names = "--max-mutating-requests-inflight", defaultValue = "200",
            description = "Mutating requests served at once before answering 429 (default: ${DEFAULT-VALUE}).")
    int maxMutating;

    @Option(names = "--watch-cache-size", defaultValue = "1024",
            description = "Recent changes kept per resource for resuming watches (default: ${DEFAULT-VALUE}).")
    int watchCacheSize;

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
            description = "IPv4 range Service ClusterIPs are allocated from (default: ${DEFAULT-VALUE}).")
    String serviceClusterIpRange;

    @Option(names = "--service-node-port-range", defaultValue = "30000-32767",
            description = "Port range NodePorts are allocated from (default: ${DEFAULT-VALUE}).")
    String nodePortRange;

    @Option(names = "--default-not-ready-toleration-seconds", defaultValue = "300",
            description = "tolerationSeconds of the not-ready:NoExecute toleration every new pod gets (default: ${DEFAULT-VALUE}).")
    long defaultNotReadyTolerationSeconds;

    @Option(names = "--default-unreachable-toleration-seconds", defaultValue = "300",
            description = "tolerationSeconds of the unreachable:NoExecute toleration every new pod gets (default: ${DEFAULT-VALUE}).")
    long defaultUnreachableTolerationSeconds;

    @Override
    public Integer call() throws Exception {
        String[] range = nodePortRange.split("-");
        if (range.length != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--service-node-port-range must look like 30000-32767");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--tls-cert-file and --tls-private-key-file go together");
        }
        boolean plainOnly = port == 0;
        if (plainOnly && insecurePort == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--secure-port=0 serves no HTTPS; give --insecure-port too, or there is nothing to serve");
        }
        ApiServer.Config config = ApiServer.Config.defaults(etcdServers)
                .withEtcdPrefix(etcdPrefix)
                .withBindAddress(plainOnly ? insecureBindAddress : bindAddress)
                .withPort(plainOnly ? insecurePort : port)
                .withInFlightLimits(maxMutating, maxReadOnly)
                .withWatchCacheCapacity(watchCacheSize)
                .withServiceRanges(serviceClusterIpRange, Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()));
        CountDownLatch stopped = new CountDownLatch(1);
        if ((etcdCertFile == null) != (etcdKeyFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--etcd-certfile and --etcd-keyfile go together");
        }
        if ((kubeletClientCertificate == null) != (kubeletClientKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--kubelet-client-certificate and --kubelet-client-key go together");
        }
        ApiServer configured = new ApiServer(config)
                .withDefaultTolerationSeconds(defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds)
                .withAuthorizationModes(authorizationModes);
        if (etcdCaFile != null || etcdCertFile != null) {
            configured.withEtcdTls(new ClientTls(etcdCaFile, etcdCertFile, etcdKeyFile));
        }
        if (kubeletCertificateAuthority != null || kubeletClientCertificate != null) {
            configured.withKubeletClientTls(new ClientTls(kubeletCertificateAuthority, kubeletClientCertificate, kubeletClientKey));
        }
        if (plainOnly) {
            configured.withPlainHttpOnly();
        } else {
            if (tlsCertFile != null) {
                configured.withServingCertificate(tlsCertFile, tlsKeyFile);
            }
            if (clientCaFile != null) {
                configured.withClientCa(clientCaFile);
            }
            if (tokenAuthFile != null) {
                configured.withTokenAuthFile(tokenAuthFile);
            }
            if (insecurePort != 0) {
                configured.withInsecurePort(insecureBindAddress, insecurePort);
            }
        }
        ApiServer server;
        try {
            server = configured.start();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a setting that cannot work (plain HTTP off loopback, an unreadable certificate): say so, no stack trace
            spec.commandLine().getErr().println("error: " + e.getMessage());
            configured.close();
            return 1;
        }
        try (server) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "apiserver-shutdown"));
            stopped.await();
        }
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ApiServerMain()).execute(args);
        if (code != 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.exit(code);
        }
    }

}
