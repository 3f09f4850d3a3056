package io.tugboat.kubelet.proxy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The right to write one network namespace's proxy rules: an exclusive lock on a file under {@code /run/tugboat}.
 *
 * <p>Why a lock at all: iptables rules belong to a network namespace, not to a process. {@code tug up --nodes=2}
 * runs two kubelets on one host, each with a service proxy; both would compute the same rules (every proxy sees
 * every Service) and take turns rewriting them, and the first to stop would delete the chains the other still
 * needs. So exactly one proxy per namespace writes; the others stand by, trying the lock every second, and the
 * first to get it after the writer exits rebuilds the rules. A kernel file lock is released when its process dies,
 * even by {@code kill -9}, so a crashed writer never blocks a successor. {@code /run} is a tmpfs private to the
 * host (and to a Docker-in-Docker node's container), which matches "one per network namespace" for the setups
 * Tugboat supports; two proxies in different namespaces that share {@code /run} would wrongly wait for each other.
 *
 * <p>Java's file locks are per process (POSIX {@code fcntl}): a second proxy in the same JVM (tests) would be
 * granted the lock its neighbour holds, and closing any channel of the file would drop it. A JVM-wide set of held
 * paths keeps in-process proxies apart.
 */
final class ProxyLock implements AutoCloseable {
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private ProxyLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code path}, or empty when another proxy (in this JVM or another process) holds it. */
    static Optional<ProxyLock> tryAcquire(Path path) throws IOException {
        Path file = path.toAbsolutePath();
        if (!HELD_IN_THIS_JVM.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new ProxyLock(file, channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // cannot happen while HELD_IN_THIS_JVM guards the path; treated as "held" all the same
        } catch (IOException | RuntimeException e) {
            HELD_IN_THIS_JVM.remove(file);
            closeQuietly(channel);
            throw e;
        }
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(file);
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(path);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
