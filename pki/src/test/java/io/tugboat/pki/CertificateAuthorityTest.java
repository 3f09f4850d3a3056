package io.tugboat.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.TlsContexts;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private final CertificateAuthority ca = CertificateAuthority.create("tugboat-ca", CLOCK);

    @Test
    void theCaIsSelfSignedAndMaySignCertificates() throws Exception {
        X509Certificate cert = ca.certificate();
        cert.verify(cert.getPublicKey());
        assertEquals("CN=tugboat-ca", cert.getSubjectX500Principal().getName());
        assertTrue(cert.getBasicConstraints() >= 0, "CA:TRUE");
        assertTrue(cert.getKeyUsage()[5], "keyCertSign");
        assertEquals(NOW.plus(CertificateAuthority.CA_VALIDITY), cert.getNotAfter().toInstant());
    }

    @Test
    void aClientCertificateNamesTheUserAndGroupsTheApiServerWillSee() throws Exception {
        Credentials admin = ca.issue(CertificateRequest.client("kubernetes-admin", "system:masters", "ops"));
        X509Certificate cert = admin.certificate();
        cert.verify(ca.certificate().getPublicKey());
        // RFC 2253 lists the RDNs last-first: the CN was added last.
        assertEquals("CN=kubernetes-admin,O=ops,O=system:masters", cert.getSubjectX500Principal().getName());
        assertEquals(ca.certificate().getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals(-1, cert.getBasicConstraints(), "CA:FALSE");
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertFalse(cert.getKeyUsage()[5], "no keyCertSign");
        assertEquals(List.of(CLIENT_AUTH), cert.getExtendedKeyUsage());
        assertEquals(null, cert.getSubjectAlternativeNames());
        assertEquals(NOW.minus(CertificateAuthority.BACKDATE), cert.getNotBefore().toInstant());
        assertEquals(NOW.plus(CertificateRequest.DEFAULT_VALIDITY), cert.getNotAfter().toInstant());
    }

    @Test
    void aServingCertificateCarriesItsNamesAndAddresses() throws Exception {
        Credentials server = ca.issue(CertificateRequest.server("kube-apiserver",
                List.of("kubernetes", "kubernetes.default.svc"),
                List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.96.0.1"), InetAddress.getByName("::1"))));
        X509Certificate cert = server.certificate();
        assertEquals(List.of(SERVER_AUTH), cert.getExtendedKeyUsage());
        Set<String> sans = cert.getSubjectAlternativeNames().stream().map(e -> e.get(0) + "=" + e.get(1))
                .collect(Collectors.toSet());
        assertEquals(Set.of("2=kubernetes", "2=kubernetes.default.svc", "7=127.0.0.1", "7=10.96.0.1", "7=0:0:0:0:0:0:0:1"), sans);
        assertTrue(ClusterPki.covers(cert, List.of("kubernetes"), List.of(InetAddress.getByName("::1"))));
        assertFalse(ClusterPki.covers(cert, List.of("kubernetes"), List.of(InetAddress.getByName("192.168.1.5"))));
    }

    @Test
    void nothingOutlivesTheCa(@TempDir Path dir) throws Exception {
        // A CA made 3,600 days ago has 50 days left: what it issues today expires with it, not in a year.
        CertificateAuthority.create("old", Clock.offset(CLOCK, Duration.ofDays(-3600))).credentials().write(dir, "old");
        CertificateAuthority old = CertificateAuthority.read(dir, "old", CLOCK);
        Credentials issued = old.issue(CertificateRequest.client("late"));
        assertEquals(old.certificate().getNotAfter(), issued.certificate().getNotAfter());
        assertEquals(NOW.plus(Duration.ofDays(50)), issued.certificate().getNotAfter().toInstant());
    }

    @Test
    void aCertificateFromAnotherCaDoesNotVerify() {
        CertificateAuthority other = CertificateAuthority.create("other", CLOCK);
        Credentials stranger = other.issue(CertificateRequest.client("mallory", "system:masters"));
        assertThrows(SignatureException.class, () -> stranger.certificate().verify(ca.certificate().getPublicKey()));
    }

    @Test
    void pemRoundTripsThroughTheReadersEveryComponentUses() throws Exception {
        Credentials node = ca.issue(CertificateRequest.client("system:node:n1", "system:nodes"));
        String certPem = node.certificatePem();
        String keyPem = node.keyPem();
        assertTrue(certPem.startsWith("-----BEGIN CERTIFICATE-----\n"), certPem);
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyPem);
        assertEquals(node.certificate(), TlsContexts.certificates(certPem.getBytes(StandardCharsets.US_ASCII)).get(0));
        assertEquals(node.key(), TlsContexts.privateKey(keyPem.getBytes(StandardCharsets.US_ASCII)));
    }
}
