package io.tugboat.kubelet.proxy;

import io.tugboat.kubelet.proxy.ProxyRules.Jump;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code iptables}, {@code iptables-save} and {@code iptables-restore} commands, run as child processes. Every
 * call passes {@code -w}: with the legacy backend the xtables lock is shared with Docker and other writers, and
 * waiting for it beats failing.
 *
 * <p>A command prefix ({@code nsenter --net=/var/run/netns/x}) makes every command act on another network namespace
 * than this process's: a test uses it to give two simulated hosts a proxy each. Production runs with none.
 */
public class Iptables {
    private static final long TIMEOUT_SECONDS = 60;

    private final List<String> commandPrefix;

    /** Runs the commands as they are, in this process's network namespace. */
    public Iptables() {
        this(List.of());
    }

    /** Runs every command behind {@code commandPrefix} (say {@code nsenter --net=...}). */
    public Iptables(List<String> commandPrefix) {
        this.commandPrefix = List.copyOf(commandPrefix);
    }

    /** A command's exit code and its stdout and stderr together. */
    record Result(int exitCode, String output) {
    }

    /** Feeds {@code rules} to {@code iptables-restore --noflush}: only the chains the text declares are flushed. */
    public void restore(String rules) throws IOException, InterruptedException {
        Result result = run(List.of("iptables-restore", "-w", "5", "--noflush"), rules);
        if (result.exitCode() != 0) {
            throw new IOException("iptables-restore failed (exit " + result.exitCode() + "): " + result.output().strip());
        }
    }

    /** {@code iptables-save -t table}: the table's chains and rules as {@code iptables-restore} text. */
    public String save(String table) throws IOException, InterruptedException {
        Result result = run(List.of("iptables-save", "-t", table), null);
        if (result.exitCode() != 0) {
            throw new IOException("iptables-save -t " + table + " failed: " + result.output().strip());
        }
        return result.output();
    }

    /** Whether the rule exists ({@code iptables -C}). */
    public boolean has(Jump jump) throws IOException, InterruptedException {
        return run(command("-C", jump), null).exitCode() == 0;
    }

    /** Puts the rule at the top of its chain ({@code iptables -I chain 1}). */
    public void insertFirst(Jump jump) throws IOException, InterruptedException {
        List<String> command = command("-I", jump);
        command.add(command.indexOf(jump.chain()) + 1, "1");
        Result result = run(command, null);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output().strip());
        }
    }

    /** Deletes one copy of the rule; {@code false} when there was none. */
    public boolean delete(Jump jump) throws IOException, InterruptedException {
        return run(command("-D", jump), null).exitCode() == 0;
    }

    private static List<String> command(String verb, Jump jump) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump.table(), verb, jump.chain()));
        command.addAll(jump.args());
        return command;
    }

    Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(commandPrefix);
        argv.addAll(command);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] output;
            try (InputStream out = process.getInputStream()) {
                output = out.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
