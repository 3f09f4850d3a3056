package io.tugboat.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate files of one cluster in one directory, laid out like kubeadm's {@code /etc/kubernetes/pki}:
 *
 * <pre>
 *   ca.crt ca.key                                  the cluster CA
 *   apiserver.crt                                  API server, serving
 *   apiserver-kubelet-client.crt                   API server → kubelets (logs, exec)
 *   apiserver-etcd-client.crt                      API server → etcd
 *   etcd-server.crt                                etcd, serving on loopback
 *   admin.crt scheduler.crt controller-manager.crt clients of the API server
 *   nodes/NAME.crt  nodes/NAME-serving.crt          a kubelet: its client identity and its HTTPS port
 * </pre>
 * (each {@code .crt} beside its {@code .key}, mode 0600). Every method is idempotent: what exists is kept,
 * what is missing is issued — except a serving certificate that no longer covers every name and address asked
 * for (say, a VM got a new IP), which is issued again, since clients would refuse it.
 */
public final class ClusterPki {
    public static final String CA = "ca";
    public static final String APISERVER = "apiserver";
    public static final String APISERVER_KUBELET_CLIENT = "apiserver-kubelet-client";
    public static final String APISERVER_ETCD_CLIENT = "apiserver-etcd-client";
    public static final String ETCD_SERVER = "etcd-server";
    public static final String ADMIN = "admin";
    public static final String SCHEDULER = "scheduler";
    public static final String CONTROLLER_MANAGER = "controller-manager";

    /** The user names and groups Kubernetes' default RBAC rules and authorizers know. */
    public static final String ADMIN_USER = "kubernetes-admin";
    public static final String MASTERS_GROUP = "system:masters";
    public static final String SCHEDULER_USER = "system:kube-scheduler";
    public static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";
    public static final String APISERVER_KUBELET_CLIENT_USER = "kube-apiserver-kubelet-client";
    public static final String APISERVER_ETCD_CLIENT_USER = "kube-apiserver-etcd-client";
    public static final String NODES_GROUP = "system:nodes";

    /**
     * The DNS name in the API server's etcd client certificate, which etcd admits alone
     * ({@code --client-cert-allowed-hostname}). With one CA for the whole cluster, "signed by the CA" is true of
     * every node's certificate too; this name is what keeps a kubelet's certificate out of etcd (kubeadm gets the
     * same effect from a separate etcd CA). etcd matches the name against Subject Alternative Names only.
     */
    public static final String ETCD_CLIENT_HOSTNAME = "kube-apiserver-etcd-client";

    /** The names every in-cluster client may use for the API server, whatever else the caller adds. */
    public static final List<String> APISERVER_DNS_NAMES = List.of("kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost");

    private final Path dir;
    private final Clock clock;

    public ClusterPki(Path dir, Clock clock) {
        this.dir = dir.toAbsolutePath();
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** {@code dir/base.crt}. */
    public Path certificate(String base) {
        return dir.resolve(base + ".crt");
    }

    /** {@code dir/base.key}. */
    public Path key(String base) {
        return dir.resolve(base + ".key");
    }

    /** The base name of node {@code name}'s client certificate ({@code nodes/NAME}). */
    public static String nodeClient(String name) {
        return "nodes/" + name;
    }

    /** The base name of node {@code name}'s kubelet serving certificate ({@code nodes/NAME-serving}). */
    public static String nodeServing(String name) {
        return "nodes/" + name + "-serving";
    }

    /** The user a kubelet's client certificate authenticates as ({@code system:node:NAME}). */
    public static String nodeUser(String name) {
        return "system:node:" + name;
    }

    /** The CA, created first if {@code ca.crt} does not exist yet. */
    public CertificateAuthority ca() throws IOException {
        if (Files.exists(certificate(CA)) && Files.exists(key(CA))) {
            return CertificateAuthority.read(dir, CA, clock);
        }
        CertificateAuthority ca = CertificateAuthority.create("tugboat-ca", clock);
        ca.credentials().write(dir, CA);
        return ca;
    }

    /**
     * Everything the control plane needs: the CA, the API server's serving certificate for
     * {@link #APISERVER_DNS_NAMES} plus {@code extraNames}, 127.0.0.1, {@code serviceIp} (the first address of
     * the service range, which in-cluster clients reach it by) and {@code addresses}; etcd's serving certificate;
     * and the client certificates of the admin, scheduler, controller-manager and of the API server itself
     * towards kubelets and etcd.
     *
     * @return the base names of the files written by this call (empty when everything existed)
     */
    public List<String> ensureControlPlane(Collection<String> extraNames, Collection<InetAddress> addresses,
                                           InetAddress serviceIp) throws IOException {
        List<String> written = new ArrayList<>();
        boolean caExisted = Files.exists(certificate(CA));
        CertificateAuthority ca = ca();
        if (!caExisted) {
            written.add(CA);
        }
        Set<String> dns = new LinkedHashSet<>(APISERVER_DNS_NAMES);
        dns.addAll(extraNames);
        Set<InetAddress> ips = new LinkedHashSet<>();
        ips.add(loopback());
        ips.add(serviceIp);
        ips.addAll(addresses);
        serving(ca, APISERVER, "kube-apiserver", List.copyOf(dns), List.copyOf(ips), written);
        serving(ca, ETCD_SERVER, "etcd-server", List.of("localhost"), List.of(loopback()), written);
        client(ca, ADMIN, CertificateRequest.client(ADMIN_USER, MASTERS_GROUP), written);
        client(ca, SCHEDULER, CertificateRequest.client(SCHEDULER_USER), written);
        client(ca, CONTROLLER_MANAGER, CertificateRequest.client(CONTROLLER_MANAGER_USER), written);
        client(ca, APISERVER_KUBELET_CLIENT, CertificateRequest.client(APISERVER_KUBELET_CLIENT_USER, MASTERS_GROUP), written);
        etcdClient(ca, written);
        return written;
    }

    /**
     * A kubelet's certificates: its client identity {@code system:node:NAME} in {@code system:nodes} (what the
     * node authorizer keys on) and the serving certificate of its HTTPS port for {@code name} and
     * {@code addresses}. Adding a node to a running cluster is this call on the machine holding the CA.
     *
     * @return the base names of the files written by this call
     */
    public List<String> ensureNode(String name, Collection<InetAddress> addresses) throws IOException {
        List<String> written = new ArrayList<>();
        CertificateAuthority ca = ca();
        client(ca, nodeClient(name), CertificateRequest.client(nodeUser(name), NODES_GROUP), written);
        Set<InetAddress> ips = new LinkedHashSet<>(addresses);
        ips.add(loopback());
        serving(ca, nodeServing(name), name, List.of(name, "localhost"), List.copyOf(ips), written);
        return written;
    }

    /** Reads the certificate and key named {@code base}. */
    public Credentials read(String base) throws IOException {
        return Credentials.read(dir, base);
    }

    /**
     * A TLS context for calling the cluster's components: it trusts the cluster CA alone (not the JDK's public
     * CAs) and presents the certificate and key {@code clientCert} (a base name such as {@code admin}) when not null.
     */
    public SSLContext sslContext(String clientCert) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", read(CA).certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (clientCert != null) {
                Credentials credentials = read(clientCert);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", credentials.key(), new char[0], new Certificate[] {credentials.certificate()});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void client(CertificateAuthority ca, String base, CertificateRequest request, List<String> written)
            throws IOException {
        if (Files.exists(certificate(base)) && Files.exists(key(base))) {
            return;
        }
        ca.issue(request).write(dir, base);
        written.add(base);
    }

    /** The etcd client certificate, issued again if it lacks {@link #ETCD_CLIENT_HOSTNAME} (issued before it existed). */
    private void etcdClient(CertificateAuthority ca, List<String> written) throws IOException {
        String base = APISERVER_ETCD_CLIENT;
        if (Files.exists(certificate(base)) && Files.exists(key(base))
                && covers(Pem.readCertificate(certificate(base)), List.of(ETCD_CLIENT_HOSTNAME), List.of())) {
            return;
        }
        ca.issue(new CertificateRequest(APISERVER_ETCD_CLIENT_USER, List.of(), Set.of(CertificateRequest.Usage.CLIENT_AUTH),
                List.of(ETCD_CLIENT_HOSTNAME), List.of(), CertificateRequest.DEFAULT_VALIDITY)).write(dir, base);
        written.add(base);
    }

    private void serving(CertificateAuthority ca, String base, String commonName, List<String> dns,
                         List<InetAddress> ips, List<String> written) throws IOException {
        if (Files.exists(certificate(base)) && Files.exists(key(base))
                && covers(Pem.readCertificate(certificate(base)), dns, ips)) {
            return;
        }
        ca.issue(CertificateRequest.server(commonName, dns, ips)).write(dir, base);
        written.add(base);
    }

    /** Whether {@code certificate}'s Subject Alternative Names include every name and address given. */
    static boolean covers(X509Certificate certificate, List<String> dns, List<InetAddress> ips) {
        Set<String> have = new LinkedHashSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                certificate.getSubjectAlternativeNames().forEach(entry -> have.add(String.valueOf(entry.get(1))));
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        Set<String> want = new LinkedHashSet<>(dns);
        ips.forEach(ip -> want.add(ip.getHostAddress()));
        // The JDK reports IPv6 SANs in full form; compare both sides through InetAddress where they parse.
        return want.stream().allMatch(w -> have.contains(w) || have.stream().anyMatch(h -> sameAddress(h, w)));
    }

    private static boolean sameAddress(String a, String b) {
        if (!looksLikeAddress(a) || !looksLikeAddress(b)) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean looksLikeAddress(String s) {
        return s.contains(":") || s.matches("[0-9.]+");
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
