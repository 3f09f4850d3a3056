package io.tugboat.kubectl.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The directory that holds one local cluster's state: kubeconfig, settings, etcd data, logs and process ids
 * (layout in the package documentation).
 */
public record ClusterDir(Path root) {

    /** {@code ~/.tugboat}: one local cluster per user, wherever the checkout is. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".tugboat");
    }

    public Path kubeconfig() {
        return root.resolve("kubeconfig");
    }

    public Path settingsFile() {
        return root.resolve("cluster.properties");
    }

    /** The cluster's certificates and kubeconfigs, laid out as {@code tug certs} writes them. */
    public Path pki() {
        return root.resolve("pki");
    }

    /**
     * The API server's {@code --token-auth-file}: Kubernetes' static token CSV ({@code token,user,uid,"group1,group2"}),
     * empty at first; the API server reads it when it starts.
     */
    public Path tokenFile() {
        return pki().resolve("tokens.csv");
    }

    public Path etcdData() {
        return root.resolve("etcd");
    }

    public Path log(String component) {
        return root.resolve("logs").resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return root.resolve("pids").resolve(component + ".pid");
    }

    /** Creates the directory and its {@code logs/} and {@code pids/} subdirectories. */
    public void create() throws IOException {
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("pids"));
    }

    /** The settings {@code up} recorded, or empty properties when there is no cluster here. */
    public Properties readSettings() {
        Properties settings = new Properties();
        if (Files.exists(settingsFile())) {
            try (Reader in = Files.newBufferedReader(settingsFile())) {
                settings.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return settings;
    }

    public void writeSettings(Properties settings) throws IOException {
        try (Writer out = Files.newBufferedWriter(settingsFile())) {
            settings.store(out, "written by tug up; read by tug down and tug status");
        }
    }
}
