package io.tugboat.pki;

import io.tugboat.client.TlsContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * PEM, the text wrapping of DER that every TLS tool reads: {@code -----BEGIN CERTIFICATE-----} blocks for
 * certificates and {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) for keys. Writing is here; reading is
 * {@link TlsContexts}' (in api-types), which every component already has.
 */
public final class Pem {

    private Pem() {
    }

    /** One certificate as a PEM block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** A private key as a PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("not a PKCS#8 key: " + key.getFormat());
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        try {
            return (X509Certificate) TlsContexts.certificates(Files.readAllBytes(file)).get(0);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the private key of a PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            return TlsContexts.privateKey(Files.readAllBytes(file));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code text} readable by its owner only (mode 0600), as Kubernetes expects of key files. The file is
     * created with that mode, so the key is never readable by others even for an instant.
     */
    public static void writeSecret(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes public material (a certificate), mode 0644. */
    public static void writePublic(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static String block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
