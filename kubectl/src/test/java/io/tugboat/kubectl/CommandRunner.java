package io.tugboat.kubectl;

import io.tugboat.kubectl.cli.TugCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tug} in this JVM (picocli with captured streams) and the real kubectl as a process, against
 * the same kubeconfig, so tests can compare what both print.
 */
public final class CommandRunner {

    /** What one command printed and returned. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static final long PROCESS_TIMEOUT_SECONDS = 180;

    private final Path kubeconfig;
    private final Path cacheDir;

    public CommandRunner(Path kubeconfig, Path cacheDir) {
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    public Result tug(String... args) {
        return tugWithInput(null, args);
    }

    /** Runs tug printing into {@code out}, which a test may read while the command runs. */
    public Result tugTo(StringWriter out, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int code = TugCommand.execute(all.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs tug with {@code stdin} as standard input (for {@code -f -}). */
    public Result tugWithInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
        int code = TugCommand.execute(all.toArray(String[]::new), in, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs tug as its own process (for what needs the environment, such as {@code $EDITOR}), with one extra
     * environment variable.
     */
    public Result tugProcess(String envName, String envValue, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tugboat.kubectl.Tug", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return process(command, Map.of(envName, envValue), null);
    }

    public Result kubectl(String... args) {
        return kubectlWithInput(null, args);
    }

    public Result kubectlWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        return process(command, Map.of(), stdin);
    }

    private static Result process(List<String> command, Map<String, String> env, String stdin) {
        try {
            Path outFile = Files.createTempFile("kubectl", ".out");
            Path errFile = Files.createTempFile("kubectl", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            builder.environment().remove("KUBECONFIG");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            // Long enough for the waiting verbs of the end-to-end tests (rollout status, drain) on a busy machine.
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + PROCESS_TIMEOUT_SECONDS + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(outFile), Files.readString(errFile));
            Files.delete(outFile);
            Files.delete(errFile);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
