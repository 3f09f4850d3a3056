package io.tugboat.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.pki.CertificateAuthority;
import io.tugboat.pki.CertificateRequest;
import io.tugboat.pki.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a client certificate must be to name a user, as Kubernetes' x509 authenticator checks it. */
class X509AuthenticatorTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final CertificateAuthority CA = CertificateAuthority.create("test-ca", NOW);
    final X509Authenticator authenticator = new X509Authenticator(List.of(CA.certificate()), NOW);

    @Test
    void theCommonNameIsTheUserAndEachOrganizationAGroup() {
        Credentials admin = CA.issue(CertificateRequest.client("kubernetes-admin", "system:masters", "ops"));
        assertEquals(UserInfo.of("kubernetes-admin", List.of("system:masters", "ops")),
                authenticator.authenticate(List.of(admin.certificate())));
        Credentials node = CA.issue(CertificateRequest.client("system:node:n1", "system:nodes"));
        assertEquals("n1", authenticator.authenticate(List.of(node.certificate(), CA.certificate())).nodeName(),
                "a kubelet's identity; the chain may carry the CA too");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Credentials mallory = CertificateAuthority.create("other-ca", NOW).issue(CertificateRequest.client("mallory", "system:masters"));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> authenticator.authenticate(List.of(mallory.certificate())));
        assertTrue(e.getMessage().startsWith("x509: certificate signed by unknown authority"), e.getMessage());
    }

    @Test
    void aServingOnlyCertificateIsNotAClientCertificate() {
        Credentials server = CA.issue(new CertificateRequest("web", List.of(), Set.of(CertificateRequest.Usage.SERVER_AUTH),
                List.of("web"), List.of(), Duration.ofDays(30)));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> authenticator.authenticate(List.of(server.certificate())));
        assertTrue(e.getMessage().contains("incompatible key usage"), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Credentials old = CA.issue(new CertificateRequest("alice", List.of(), Set.of(CertificateRequest.Usage.CLIENT_AUTH),
                List.of(), List.of(), Duration.ofDays(1)));
        X509Authenticator later = new X509Authenticator(List.of(CA.certificate()), Clock.offset(NOW, Duration.ofDays(2)));
        assertThrows(AuthenticationException.class, () -> later.authenticate(List.of(old.certificate())));
    }

    @Test
    void aRememberedCertificateStillExpires() {
        Credentials old = CA.issue(new CertificateRequest("alice", List.of(), Set.of(CertificateRequest.Usage.CLIENT_AUTH),
                List.of(), List.of(), Duration.ofDays(1)));
        MutableClock clock = new MutableClock(NOW.instant());
        X509Authenticator remembering = new X509Authenticator(List.of(CA.certificate()), clock);
        assertEquals("alice", remembering.authenticate(List.of(old.certificate())).name());
        assertEquals("alice", remembering.authenticate(List.of(old.certificate())).name());
        clock.now = NOW.instant().plus(Duration.ofDays(2));
        assertThrows(AuthenticationException.class, () -> remembering.authenticate(List.of(old.certificate())));
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theCaItselfNamesNoUser() {
        assertThrows(AuthenticationException.class, () -> authenticator.authenticate(List.of(CA.certificate())));
    }
}
