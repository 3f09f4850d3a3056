package io.tugboat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tug scheduler} as a separate process, the way it runs in a cluster: same classpath as the benchmark, its
 * own heap, its output in a log file. The benchmark asks {@link #exitSummary()} while it waits, so a scheduler that
 * dies (or is still a stub that exits at once) is reported as such instead of looking like a slow one.
 */
final class SchedulerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private SchedulerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SchedulerProcess start(Path kubeconfig, Path log, String heap) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tugboat.scheduler.SchedulerMain");
        command.add("--kubeconfig=" + kubeconfig);
        command.add("--leader-elect=false");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new SchedulerProcess(process, log);
    }

    Path log() {
        return log;
    }

    /** Null while the process runs; otherwise how it ended and the end of its log. */
    String exitSummary() {
        if (process.isAlive()) {
            return null;
        }
        return "the scheduler process exited with code " + process.exitValue() + " (log: " + log + "); its last lines:\n"
                + tail(12);
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return "    " + String.join("\n    ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "    (log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
