package io.tugboat.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority: a self-signed CA certificate and its key, which sign every other
 * certificate of the cluster. Whoever holds {@code ca.key} can mint any identity, including
 * {@code system:masters}; it stays on the machine that runs {@code tug certs}.
 *
 * <p>Issued certificates follow what Kubernetes components expect (RFC 5280 profile as kubeadm issues it):
 * basic constraints CA:FALSE, key usage digitalSignature (critical), the extended key usages asked for,
 * Subject Alternative Names for serving certificates, subject and authority key identifiers, a random 128-bit
 * serial number.
 */
public final class CertificateAuthority {
    /** Ten years, as kubeadm's CA. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How far back {@code notBefore} is set, for peers whose clocks run slightly behind. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;
    private final Clock clock;

    private CertificateAuthority(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A new CA named {@code commonName}, valid from now for {@link #CA_VALIDITY}. */
    public static CertificateAuthority create(String commonName, Clock clock) {
        KeyPair pair = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair);
            return new CertificateAuthority(new Credentials(certificate, pair.getPrivate()), clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create a CA certificate", e);
        }
    }

    /** The CA whose certificate and key are {@code base.crt} and {@code base.key} in {@code dir}. */
    public static CertificateAuthority read(Path dir, String base, Clock clock) throws IOException {
        return new CertificateAuthority(Credentials.read(dir, base), clock);
    }

    /** The CA's own certificate and key. */
    public Credentials credentials() {
        return credentials;
    }

    /** The CA certificate: what every party trusts ({@code ca.crt}, the kubeconfig's certificate-authority-data). */
    public X509Certificate certificate() {
        return credentials.certificate();
    }

    /** A fresh key pair and a certificate for it, signed by this CA, saying what {@code request} asks. */
    public Credentials issue(CertificateRequest request) {
        KeyPair pair = newKeyPair();
        return new Credentials(sign(request, pair.getPublic()), pair.getPrivate());
    }

    private X509Certificate sign(CertificateRequest request, PublicKey subjectKey) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        for (String organization : request.organizations()) {
            subject.addRDN(BCStyle.O, organization);
        }
        subject.addRDN(BCStyle.CN, request.commonName());
        Instant now = clock.instant();
        Instant notAfter = now.plus(request.validity());
        Instant caNotAfter = certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter; // a certificate cannot outlive the CA that vouches for it
        }
        try {
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject.build(), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes(request)))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ids.createAuthorityKeyIdentifier(certificate()));
            List<GeneralName> names = new ArrayList<>();
            request.dnsNames().forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
            for (InetAddress ip : request.ipAddresses()) {
                names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return sign(builder, new KeyPair(certificate().getPublicKey(), credentials.key()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + request.commonName(), e);
        }
    }

    private static KeyPurposeId[] purposes(CertificateRequest request) {
        return request.usages().stream().sorted()
                .map(u -> u == CertificateRequest.Usage.CLIENT_AUTH ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth)
                .toArray(KeyPurposeId[]::new);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JDK", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
