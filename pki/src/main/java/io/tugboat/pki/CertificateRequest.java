package io.tugboat.pki;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a certificate should say: who it is for ({@code commonName}, {@code organizations} — the user and groups
 * the API server will see), what it may be used for, and, for serving certificates, the names and addresses
 * clients will dial (Subject Alternative Names; clients check those, not the Common Name).
 *
 * @param commonName    the subject's CN: a user name such as {@code system:node:node-1}, or a server's name
 * @param organizations the subject's O fields: groups such as {@code system:masters}; may be empty
 * @param usages        client authentication, server authentication, or both
 * @param dnsNames      DNS Subject Alternative Names (serving certificates)
 * @param ipAddresses   IP Subject Alternative Names (serving certificates)
 * @param validity      how long from now the certificate is valid
 */
public record CertificateRequest(String commonName, List<String> organizations, Set<Usage> usages,
                                 List<String> dnsNames, List<InetAddress> ipAddresses, Duration validity) {

    /** Extended key usages (RFC 5280): which side of a TLS handshake the certificate may stand for. */
    public enum Usage { CLIENT_AUTH, SERVER_AUTH }

    /** One year, as kubeadm issues. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    public CertificateRequest {
        Objects.requireNonNull(commonName, "commonName");
        organizations = List.copyOf(organizations);
        usages = Set.copyOf(usages);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(validity, "validity");
        if (usages.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs a usage");
        }
    }

    /** A client certificate: the API server authenticates it as user {@code user} in {@code groups}. */
    public static CertificateRequest client(String user, String... groups) {
        return new CertificateRequest(user, List.of(groups), Set.of(Usage.CLIENT_AUTH), List.of(), List.of(),
                DEFAULT_VALIDITY);
    }

    /** A serving certificate for the given DNS names and addresses. */
    public static CertificateRequest server(String commonName, List<String> dnsNames, List<InetAddress> ipAddresses) {
        return new CertificateRequest(commonName, List.of(), Set.of(Usage.SERVER_AUTH), dnsNames, ipAddresses,
                DEFAULT_VALIDITY);
    }
}
