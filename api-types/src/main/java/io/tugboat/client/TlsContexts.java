package io.tugboat.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} a kubeconfig describes: trust the cluster CA (PEM), present the client
 * certificate and key (PEM; PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"). Its PEM readers are public:
 * every component that reads the cluster's certificate files uses them (JDK only, no extra library).
 */
public final class TlsContexts {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private TlsContexts() {
    }

    static SSLContext create(Kubeconfig.Connection connection) throws GeneralSecurityException {
        TrustManager[] trust = null;
        if (connection.insecureSkipTlsVerify()) {
            trust = new TrustManager[] {new TrustAll()};
        } else if (connection.certificateAuthority() != null) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (Certificate cert : certificates(connection.certificateAuthority())) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            trust = factory.getTrustManagers();
        }
        javax.net.ssl.KeyManager[] keys = null;
        if (connection.clientCertificate() != null && connection.clientKey() != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            char[] password = "tugboat".toCharArray();
            store.setKeyEntry("client", privateKey(connection.clientKey()), password,
                    certificates(connection.clientCertificate()).toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, new SecureRandom());
        return context;
    }

    /** Every certificate in PEM data (a single certificate, a chain or a CA bundle). */
    public static List<Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in PEM data");
        }
        return new ArrayList<>(certs);
    }

    /** The first private key in PEM data: PKCS#8 (RSA, EC, Ed25519) or PKCS#1 RSA. */
    public static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException {
        Matcher matcher = PEM.matcher(new String(pem, StandardCharsets.US_ASCII));
        while (matcher.find()) {
            String type = matcher.group(1);
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2).trim());
            switch (type) {
                case "PRIVATE KEY" -> {
                    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
                        try {
                            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                        } catch (GeneralSecurityException e) {
                            // try the next algorithm
                        }
                    }
                    throw new GeneralSecurityException("unsupported PKCS#8 private key");
                }
                case "RSA PRIVATE KEY" -> {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                            wrapPkcs8(der, new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00})));
                }
                case "EC PRIVATE KEY" -> throw new GeneralSecurityException(
                        "SEC1 \"EC PRIVATE KEY\" is not supported; convert with: openssl pkcs8 -topk8 -nocrypt");
                default -> {
                    // skip other blocks (e.g. EC PARAMETERS)
                }
            }
        }
        throw new GeneralSecurityException("no private key in PEM data");
    }

    /** PKCS#8 PrivateKeyInfo { version 0, AlgorithmIdentifier, OCTET STRING key } around a PKCS#1 key. */
    private static byte[] wrapPkcs8(byte[] pkcs1, byte[] algorithmIdentifierContent) {
        byte[] algorithm = der(0x30, algorithmIdentifierContent);
        byte[] octets = der(0x04, pkcs1);
        byte[] version = {0x02, 0x01, 0x00};
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int length = content.length;
        byte[] header;
        if (length < 0x80) {
            header = new byte[] {(byte) tag, (byte) length};
        } else if (length < 0x100) {
            header = new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        } else if (length < 0x10000) {
            header = new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        } else {
            header = new byte[] {(byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
        }
        byte[] out = new byte[header.length + length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(content, 0, out, header.length, length);
        return out;
    }

    /** insecure-skip-tls-verify: accept any server certificate, as kubectl does when told to. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
