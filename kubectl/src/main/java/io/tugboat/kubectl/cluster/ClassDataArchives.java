package io.tugboat.kubectl.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Application class-data sharing (AppCDS) for the component JVMs, the main lever on {@code tug up}'s start-up
 * time: loading, parsing and verifying the classes of Netty, Jackson, gRPC and our own code is most of the CPU a
 * component spends before it serves, and a CDS archive maps them ready-made (the API server reaches ready with
 * about 40 % less CPU).
 *
 * <p>Archives are JDK 17 dynamic archives, one per component kind ({@code apiserver}, {@code scheduler},
 * {@code controller-manager}, {@code kubelet}), kept next to the jars in {@code <dir of tug.jar>/cds/} so they
 * outlive {@code tug down --purge} and go with {@code mvn clean}. Their names carry a digest of the JVM and of
 * every jar on the class path (name, size, modification time): a rebuild or another JDK simply means new
 * archives. The life of one archive:
 * <ol>
 *   <li>no archive yet: the component runs with {@code -XX:ArchiveClassesAtExit=<name>.jsa.part-<token>}, and
 *       the JVM writes the classes it loaded when it exits;</li>
 *   <li>{@code tug down} stopped that process within its grace period (so the JVM finished writing): the part
 *       file becomes {@code <name>.jsa} ({@link #complete});</li>
 *   <li>later starts run with {@code -XX:SharedArchiveFile=<name>.jsa}.</li>
 * </ol>
 * The rename is what makes this safe: a JVM given a truncated archive (one killed mid-write) crashes, so a
 * part file is never used. Of several processes of one kind (two kubelets) only one writes.
 */
final class ClassDataArchives {
    private static final Duration WRITE_GRACE = Duration.ofSeconds(60);
    private static final Pattern DUMP_FLAG = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+\\.jsa)\\.part-\\S+");

    private final Path dir;
    private final String key;

    private ClassDataArchives(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /**
     * The archives for components run with {@code classpath} (as {@code tug up} passes it on), or none when the
     * class path has no {@code tug.jar} (tug run from an IDE or a test's class path: nothing stable to key on).
     */
    static Optional<ClassDataArchives> forClasspath(String classpath) {
        List<Path> entries = new ArrayList<>();
        Path jar = null;
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry);
            entries.add(path);
            if (path.getFileName() != null && path.getFileName().toString().equals("tug.jar")) {
                jar = path;
            }
        }
        if (jar == null || jar.toAbsolutePath().getParent() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClassDataArchives(jar.toAbsolutePath().getParent().resolve("cds"), digest(entries)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JVM (home and version) and every jar's name, size and modification time. */
    private static String digest(List<Path> entries) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(sha, System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n");
        for (Path entry : entries) {
            List<Path> files;
            if (Files.isDirectory(entry)) {
                try (Stream<Path> list = Files.list(entry)) {
                    files = list.sorted().toList();
                }
            } else {
                files = List.of(entry);
            }
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    update(sha, file.toAbsolutePath() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + "\n");
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The finished archive of one component kind. */
    Path archive(String kind) {
        return dir.resolve(kind + "-" + key + ".jsa");
    }

    /**
     * The JVM flags for one process of {@code kind}: use the archive if it exists; else, if {@code mayWrite},
     * write one at exit; else none.
     */
    List<String> flags(String kind, boolean mayWrite) {
        Path archive = archive(kind);
        if (Files.isRegularFile(archive)) {
            // -Xlog:cds=off: CDS warns about every class it cannot share (picocli's Java 5 classes...).
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
        }
        if (!mayWrite) {
            return List.of();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive + ".part-" + Long.toString(System.nanoTime(), 36),
                "-Xlog:cds=off");
    }

    /**
     * After a process stopped within its grace period: if its command line wrote an archive, the part file it
     * wrote becomes the archive (unless another process's already did). Never throws: an archive is an
     * optimisation.
     */
    static void complete(String commandLine) {
        Matcher m = DUMP_FLAG.matcher(commandLine);
        if (!m.find()) {
            return;
        }
        Path part = Path.of(m.group(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Path archive = Path.of(m.group(1));
        try {
            if (Files.isRegularFile(part) && !Files.exists(archive)) {
                Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(part);
            }
        } catch (IOException | UncheckedIOException e) {
            // Left as a part file, never used; the next run writes another.
        }
    }

    /**
     * How long to wait for a process to exit after SIGTERM: writing an archive (once per build) takes a few
     * seconds of CPU, far more on a busy machine, so a process that writes one gets at least a minute.
     */
    static Duration stopGrace(String commandLine, Duration grace) {
        return DUMP_FLAG.matcher(commandLine).find() && grace.compareTo(WRITE_GRACE) < 0 ? WRITE_GRACE : grace;
    }

    /** After a process was killed: what it may have half-written is of no use. */
    static void discard(String commandLine) {
        Matcher m = DUMP_FLAG.matcher(commandLine);
        if (m.find()) {
            try {
                Files.deleteIfExists(Path.of(m.group(0).substring("-XX:ArchiveClassesAtExit=".length())));
            } catch (IOException e) {
                // harmless: never used
            }
        }
    }
}
