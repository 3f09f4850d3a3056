package io.tugboat.kubectl.cluster;

import io.tugboat.pki.ClusterPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

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
        return pki.sslContext(clientCert);
    }
}
