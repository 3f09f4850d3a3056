package io.tugboat.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPkiTest {
    @TempDir
    Path dir;

    private final InetAddress serviceIp = address("10.96.0.1");

    @Test
    void theControlPlaneSetIsWrittenOnceAndKeptAfterwards() throws Exception {
        ClusterPki pki = new ClusterPki(dir, Clock.systemUTC());
        List<String> written = pki.ensureControlPlane(List.of("cp.example"), List.of(address("192.168.56.10")), serviceIp);
        assertEquals(List.of("ca", "apiserver", "etcd-server", "admin", "scheduler", "controller-manager",
                "apiserver-kubelet-client", "apiserver-etcd-client"), written);
        for (String base : written) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.key(base))), base);
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.certificate(base))), base);
            pki.read(base).certificate().verify(pki.ca().certificate().getPublicKey());
        }
        assertEquals("CN=system:kube-scheduler", pki.read("scheduler").certificate().getSubjectX500Principal().getName());
        assertEquals(List.of(), pki.ensureControlPlane(List.of("cp.example"), List.of(address("192.168.56.10")), serviceIp));
    }

    @Test
    void theEtcdClientCarriesTheNameEtcdAdmitsAndIsReissuedWithoutIt() throws Exception {
        ClusterPki pki = new ClusterPki(dir, Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), serviceIp);
        assertTrue(ClusterPki.covers(pki.read(ClusterPki.APISERVER_ETCD_CLIENT).certificate(),
                List.of(ClusterPki.ETCD_CLIENT_HOSTNAME), List.of()));
        // a certificate issued before the name existed
        pki.ca().issue(CertificateRequest.client(ClusterPki.APISERVER_ETCD_CLIENT_USER)).write(dir, ClusterPki.APISERVER_ETCD_CLIENT);
        assertEquals(List.of(ClusterPki.APISERVER_ETCD_CLIENT), pki.ensureControlPlane(List.of(), List.of(), serviceIp));
        assertEquals("CN=kube-apiserver-etcd-client",
                pki.read(ClusterPki.APISERVER_ETCD_CLIENT).certificate().getSubjectX500Principal().getName());
    }

    @Test
    void aNewAddressReissuesTheApiServerCertificateOnly() throws Exception {
        ClusterPki pki = new ClusterPki(dir, Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(address("192.168.56.10")), serviceIp);
        String caBefore = Files.readString(pki.certificate("ca"));
        String adminBefore = Files.readString(pki.certificate("admin"));
        String apiBefore = Files.readString(pki.certificate("apiserver"));

        assertEquals(List.of("apiserver"), pki.ensureControlPlane(List.of(), List.of(address("192.168.56.11")), serviceIp));
        assertEquals(caBefore, Files.readString(pki.certificate("ca")));
        assertEquals(adminBefore, Files.readString(pki.certificate("admin")));
        assertNotEquals(apiBefore, Files.readString(pki.certificate("apiserver")));
        assertTrue(ClusterPki.covers(pki.read("apiserver").certificate(), ClusterPki.APISERVER_DNS_NAMES,
                List.of(address("127.0.0.1"), serviceIp, address("192.168.56.11"))));
    }

    @Test
    void aNodeGetsAClientIdentityForTheNodeAuthorizerAndAServingCertificate() throws Exception {
        ClusterPki pki = new ClusterPki(dir, Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), serviceIp);
        assertEquals(List.of("nodes/worker-1", "nodes/worker-1-serving"), pki.ensureNode("worker-1", List.of(address("192.168.56.21"))));
        assertEquals("CN=system:node:worker-1,O=system:nodes",
                pki.read(ClusterPki.nodeClient("worker-1")).certificate().getSubjectX500Principal().getName());
        assertTrue(ClusterPki.covers(pki.read(ClusterPki.nodeServing("worker-1")).certificate(), List.of("worker-1"),
                List.of(address("192.168.56.21"), address("127.0.0.1"))));
        assertEquals(List.of(), pki.ensureNode("worker-1", List.of(address("192.168.56.21"))));
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
