package io.tugboat.kubectl.cluster;

import io.tugboat.pki.ClusterPki;
import io.tugboat.pki.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The health checks of {@code tug up} and {@code tug status} over the cluster's TLS: every endpoint's certificate is
 * checked against the cluster CA (and its name against 127.0.0.1), and etcd, which admits only clients with a
 * certificate, is shown the API server's etcd client certificate. The API server's {@code /readyz} and a kubelet's
 * {@code /healthz} answer anonymous callers, as in Kubernetes.
 */
final class HealthChecks {
    private final ClusterPki pki;
    private final Map<String, HttpClient> clients = new HashMap<>();

    HealthChecks(ClusterPki pki) {
        this.pki = pki;
    }

    /** Whether {@code component}'s health endpoint answers 200 now. */
    boolean healthy(LocalCluster.Component component) throws InterruptedException {
        return healthy(component.healthUrl(), component.healthClientCert());
    }

    /** Whether {@code url} answers 200, presenting the certificate {@code clientCert} (a PKI base name) if not null. */
    boolean healthy(String url, String clientCert) throws InterruptedException {
        try {
            HttpResponse<String> response = client(clientCert).send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpClient client(String clientCert) {
        return clients.computeIfAbsent(clientCert == null ? "" : clientCert, base -> {
            try {
                return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                        .sslContext(sslContext(pki, base.isEmpty() ? null : base)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Trusts the cluster CA; presents the certificate and key {@code clientCert} when not null. */
    static SSLContext sslContext(ClusterPki pki, String clientCert) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", pki.read(ClusterPki.CA).certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (clientCert != null) {
                Credentials credentials = pki.read(clientCert);
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
            throw new IOException("cannot use the certificates in " + pki.dir() + ": " + e.getMessage(), e);
        }
    }
}
