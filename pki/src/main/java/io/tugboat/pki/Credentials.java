package io.tugboat.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate with its private key: what one party presents in a TLS handshake.
 *
 * @param certificate the certificate, signed by the cluster CA (or self-signed, for the CA itself)
 * @param key         the private key matching the certificate's public key
 */
public record Credentials(X509Certificate certificate, PrivateKey key) {

    /** The certificate as PEM. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** The key as PKCS#8 PEM. */
    public String keyPem() {
        return Pem.privateKey(key);
    }

    /** Writes {@code base.crt} (0644) and {@code base.key} (0600) in {@code dir}. */
    public void write(Path dir, String base) throws IOException {
        Pem.writePublic(dir.resolve(base + ".crt"), certificatePem());
        Pem.writeSecret(dir.resolve(base + ".key"), keyPem());
    }

    /** Reads {@code base.crt} and {@code base.key} from {@code dir}. */
    public static Credentials read(Path dir, String base) throws IOException {
        return new Credentials(Pem.readCertificate(dir.resolve(base + ".crt")), Pem.readPrivateKey(dir.resolve(base + ".key")));
    }
}
