package io.tugboat.kubectl.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.kubectl.cli.CliException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubeconfig files themselves, for the {@code config} verbs that read or change them: the same search order
 * as {@link io.tugboat.client.Kubeconfig} ({@code --kubeconfig}, else each file of {@code $KUBECONFIG}, else
 * {@code ~/.kube/config}).
 */
final class KubeconfigFiles {
    record File(Path path, ObjectNode root) {
    }

    private KubeconfigFiles() {
    }

    static List<File> load(String explicit) {
        List<Path> paths = new ArrayList<>();
        if (explicit != null && !explicit.isEmpty()) {
            paths.add(Path.of(explicit));
        } else if (System.getenv("KUBECONFIG") != null && !System.getenv("KUBECONFIG").isEmpty()) {
            for (String part : System.getenv("KUBECONFIG").split(java.io.File.pathSeparator)) {
                if (!part.isEmpty()) {
                    paths.add(Path.of(part));
                }
            }
        } else {
            paths.add(Path.of(System.getProperty("user.home"), ".kube", "config"));
        }
        List<File> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.exists(path)) {
                try {
                    files.add(new File(path, (ObjectNode) Codec.readTree(Files.readAllBytes(path), true)));
                } catch (IOException | DecodeException e) {
                    throw new CliException("cannot read kubeconfig " + path + ": " + e.getMessage());
                }
            }
        }
        if (files.isEmpty()) {
            throw new CliException("no kubeconfig found (tried " + paths + ")");
        }
        return files;
    }

    /** The entries of one section across files; the first file naming an entry wins, as kubectl merges. */
    static List<JsonNode> merged(List<File> files, String section) {
        List<JsonNode> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (File file : files) {
            for (JsonNode entry : file.root().path(section)) {
                String name = entry.path("name").asText();
                if (!names.contains(name)) {
                    names.add(name);
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    static String currentContext(List<File> files) {
        for (File file : files) {
            String current = file.root().path("current-context").asText("");
            if (!current.isEmpty()) {
                return current;
            }
        }
        return "";
    }

    static void write(File file) {
        try {
            Files.writeString(file.path(), io.tugboat.kubectl.printers.KubeYaml.write(file.root()));
        } catch (IOException e) {
            throw new CliException("cannot write " + file.path() + ": " + e.getMessage());
        }
    }
}
