package io.tugboat.kubectl.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One component of the local cluster as a background process, known by its pid file.
 *
 * <p>A pid file alone can lie: the process may have died and its pid been reused. So a process counts as
 * ours only while it is alive <em>and</em> its command line still contains the marker it was started with
 * (the component's name as passed to {@code tug}, or the etcd data directory).
 */
public final class LocalProcess {
    private final String name;
    private final Path pidFile;
    private final Path logFile;
    private final String marker;

    /**
     * @param name   the component's name in messages and file names ({@code apiserver}, {@code kubelet-node-1})
     * @param marker a string that appears in the command line of this component's process and no other
     */
    public LocalProcess(ClusterDir dir, String name, String marker) {
        this.name = name;
        this.pidFile = dir.pidFile(name);
        this.logFile = dir.log(name);
        this.marker = marker;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The running process this component was started as, if it is still running. */
    public Optional<ProcessHandle> running() {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> commandLine(p).contains(marker));
    }

    /**
     * Starts {@code command} detached from this terminal: a session of its own ({@code setsid}), stdin from
     * /dev/null, stdout and stderr appended to the log file. Returns the new process's handle.
     */
    public ProcessHandle start(List<String> command) throws IOException {
        List<String> detached = new ArrayList<>();
        detached.add("setsid");
        detached.addAll(command);
        Files.writeString(logFile, "==> " + java.time.Instant.now() + " " + display(command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(detached);
        // glibc gives each thread that mallocs an arena of its own (up to 8 per core), and a JVM has dozens of
        // threads: two arenas keep the components' native memory, and so their resident size, small.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process process = builder
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true)
                .start();
        // setsid execs in place (a child of the JVM is never a process-group leader), so this is the
        // component's own pid.
        Files.writeString(pidFile, process.pid() + "\n");
        return process.toHandle();
    }

    /** The command line for the log's header, with the (long) class path abbreviated. */
    private static String display(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        int cp = shown.indexOf("-cp");
        if (cp >= 0 && cp + 1 < shown.size()) {
            shown.set(cp + 1, "...");
        }
        return String.join(" ", shown);
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL if it has not exited within {@code grace}. Returns whether
     * there was a process to stop.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        Optional<ProcessHandle> process = running();
        if (process.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle handle = process.get();
        String commandLine = commandLine(handle);
        handle.destroy();
        try {
            handle.onExit().get(ClassDataArchives.stopGrace(commandLine, grace).toMillis(), TimeUnit.MILLISECONDS);
            // It exited on its own: a class-data archive it wrote at exit is whole.
            ClassDataArchives.complete(commandLine);
        } catch (TimeoutException e) {
            ClassDataArchives.discard(commandLine);
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException stillThere) {
                throw new IllegalStateException(name + " (pid " + handle.pid() + ") did not exit after SIGKILL");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        deletePidFile();
        return true;
    }

    /** The last {@code lines} lines of the log, for a message about a component that failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // A stale pid file is harmless: running() checks the command line before trusting it.
        }
    }

    private static String commandLine(ProcessHandle process) {
        // /proc/PID/cmdline holds the arguments NUL-separated; ProcessHandle.Info may truncate them.
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                    .replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }
}
