package io.tugboat.apiserver.auth;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Client-certificate authentication, as Kubernetes' x509 authenticator: the certificate the client presented in
 * the TLS handshake must chain to one of the {@code --client-ca-file} CAs, be valid now and allow client
 * authentication (extended key usage {@code clientAuth}, or none stated); then its subject's Common Name is the
 * user name and each Organization is a group.
 *
 * <pre>
 *   Subject: O=system:masters, CN=kubernetes-admin   ──►   user "kubernetes-admin", groups [system:masters]
 * </pre>
 *
 * <p>Verified chains are remembered (the last 1024, each until its certificate expires), so a component's thousands
 * of requests with one certificate cost one path validation. Thread-safe.
 */
public final class X509Authenticator {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    /** Chains verified recently: a component sends thousands of requests with one certificate. */
    private static final int CACHE_SIZE = 1024;

    /** Verified chains and the user each names, least recently used first; an entry is used only while valid. */
    private final Map<List<X509Certificate>, UserInfo> verified = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<X509Certificate>, UserInfo> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final Clock clock;

    public X509Authenticator(List<X509Certificate> clientCas, Clock clock) {
        if (clientCas.isEmpty()) {
            throw new IllegalArgumentException("no client CA certificate");
        }
        clientCas.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
        this.clock = clock;
    }

    /**
     * The user the certificate chain {@code presented} (leaf first) stands for.
     *
     * @throws AuthenticationException when it was not issued by a client CA, has expired, may not authenticate
     *                                 clients, or names no user
     */
    public UserInfo authenticate(List<X509Certificate> presented) {
        X509Certificate leaf = presented.get(0);
        List<X509Certificate> key = List.copyOf(presented);
        synchronized (verified) {
            UserInfo known = verified.get(key);
            if (known != null && clock.instant().isBefore(leaf.getNotAfter().toInstant())) {
                return known;
            }
        }
        UserInfo user = verifiedUser(presented);
        synchronized (verified) {
            verified.put(key, user);
        }
        return user;
    }

    private UserInfo verifiedUser(List<X509Certificate> presented) {
        X509Certificate leaf = presented.get(0);
        verify(presented);
        String commonName = null;
        List<String> groups = new ArrayList<>();
        try {
            // getRdns() lists the RDNs in the order they are encoded, which is the order of the O fields.
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    commonName = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            throw new AuthenticationException("unreadable certificate subject");
        }
        if (commonName == null || commonName.isEmpty()) {
            throw new AuthenticationException("x509: the certificate's common name (the user name) is empty");
        }
        return UserInfo.of(commonName, groups);
    }

    private void verify(List<X509Certificate> presented) {
        X509Certificate leaf = presented.get(0);
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                throw new AuthenticationException("x509: certificate specifies an incompatible key usage");
            }
            // The path is the presented chain without the CAs themselves, which are the anchors.
            List<X509Certificate> path = new ArrayList<>();
            for (X509Certificate certificate : presented) {
                if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(certificate))) {
                    path.add(certificate);
                }
            }
            if (path.isEmpty()) {
                throw new AuthenticationException("x509: a CA certificate is not a client certificate");
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                    parameters);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("x509: certificate signed by unknown authority or not valid now ("
                    + e.getMessage() + ")");
        }
    }
}
