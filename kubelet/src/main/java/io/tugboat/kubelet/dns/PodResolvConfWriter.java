package io.tugboat.kubelet.dns;

import io.tugboat.api.core.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a pod's {@code resolv.conf} into its directory, for every one of its containers to bind-mount at
 * {@code /etc/resolv.conf} — the way containerd's CRI plugin does, rather than Docker's {@code --dns} options: on a
 * user-defined Docker network (a pod bridge) Docker would write its embedded resolver, 127.0.0.11, into the file and
 * our server would only be its upstream. Containers joined to the sandbox's network ({@code container:<id>}) would
 * share the sandbox's file, but a bind mount of our own file is the same for every network mode, hostNetwork included.
 */
public final class PodResolvConfWriter {
    private static final Logger log = LoggerFactory.getLogger(PodResolvConfWriter.class);

    private final PodDns dns;
    private final Path nodeResolvConf;
    private final Function<String, Path> podDir;

    /**
     * @param nodeResolvConf the node's file, read at each write (Kubernetes reads it at each pod start too)
     * @param podDir         pod uid → the pod's directory (removed with the pod)
     */
    public PodResolvConfWriter(PodDns dns, Path nodeResolvConf, Function<String, Path> podDir) {
        this.dns = dns;
        this.nodeResolvConf = nodeResolvConf;
        this.podDir = podDir;
    }

    /** Writes (or keeps, if unchanged) the pod's file and returns its path on the host. */
    public Path write(Pod pod) throws IOException {
        ResolvConf node = Files.isReadable(nodeResolvConf) ? ResolvConf.parse(Files.readString(nodeResolvConf))
                : new ResolvConf(java.util.List.of(), java.util.List.of(), java.util.List.of());
        PodDns.Decision decision = dns.decide(pod, node);
        decision.warning().ifPresent(w -> log.warn("pod {}/{}: {}", pod.metadata().namespace(), pod.metadata().name(), w));
        Path file = podDir.apply(pod.metadata().uid()).resolve("resolv.conf");
        String text = decision.resolvConf().render();
        if (Files.exists(file) && Files.readString(file).equals(text)) {
            return file; // a running container has it mounted: leave its inode alone
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "resolv.conf", ".tmp");
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        temp.toFile().setReadable(true, false);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
