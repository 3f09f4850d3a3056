package io.tugboat.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    private static final String CONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: %s
            - name: dev
              cluster:
                server: http://127.0.0.1:6443
                certificate-authority: ca.crt
            users:
            - name: admin
              user:
                client-certificate: admin.crt
                client-key-data: %s
            - name: robot
              user:
                token: s3cr3t
            contexts:
            - name: prod-admin
              context: {cluster: prod, user: admin}
            - name: dev-robot
              context: {cluster: dev, user: robot, namespace: team-a}
            current-context: dev-robot
            """.formatted(Base64.getEncoder().encodeToString("CA-PEM".getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder().encodeToString("KEY-PEM".getBytes(StandardCharsets.UTF_8)));

    @Test
    void theCurrentContextPicksClusterUserAndNamespace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "DEV-CA");
        Path file = dir.resolve("config");
        Files.writeString(file, CONFIG);
        Kubeconfig.Connection dev = Kubeconfig.load(file.toString()).connection();
        assertEquals("http://127.0.0.1:6443", dev.server());
        assertEquals("s3cr3t", dev.token());
        assertEquals("team-a", dev.namespaceOrDefault());
        assertArrayEquals("DEV-CA".getBytes(StandardCharsets.UTF_8), dev.certificateAuthority());
        assertEquals(List.of("prod-admin", "dev-robot"), Kubeconfig.load(file.toString()).contexts());
    }

    @Test
    void dataFieldsAreBase64AndFilesAreRelativeToTheKubeconfig(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("admin.crt"), "CERT-PEM");
        Path file = dir.resolve("config");
        Files.writeString(file, CONFIG);
        Kubeconfig.Connection prod = Kubeconfig.load(file.toString()).connection("prod-admin");
        assertArrayEquals("CA-PEM".getBytes(StandardCharsets.UTF_8), prod.certificateAuthority());
        assertArrayEquals("CERT-PEM".getBytes(StandardCharsets.UTF_8), prod.clientCertificate());
        assertArrayEquals("KEY-PEM".getBytes(StandardCharsets.UTF_8), prod.clientKey());
        assertNull(prod.token());
        assertEquals("default", prod.namespaceOrDefault());
    }

    @Test
    void theKubeconfigTugboatWritesReadsBackAsOneCredentiallessContext() {
        Kubeconfig written = Kubeconfig.parse(Kubeconfig.forServer("http://127.0.0.1:16443"), Path.of("."));
        Kubeconfig.Connection connection = written.connection();
        assertEquals("http://127.0.0.1:16443", connection.server());
        assertEquals("tugboat", connection.contextName());
        assertEquals("default", connection.namespaceOrDefault());
        assertEquals(null, connection.token());
        assertEquals(null, connection.clientCertificate());
    }

    @Test
    void unknownContextsAndMissingFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, CONFIG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kubeconfig.load(file.toString()).connection("nope"));
        assertEquals("context \"nope\" does not exist in the kubeconfig", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kubeconfig.load(dir.resolve("missing").toString()));
    }
}
