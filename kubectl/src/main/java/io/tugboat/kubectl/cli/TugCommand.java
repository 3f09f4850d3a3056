package io.tugboat.kubectl.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root of the kubectl-style command tree: {@code tug get pods}, {@code tug -n kube-system describe ...}.
 * The global flags ({@code --kubeconfig}, {@code --context}, {@code -n}, {@code --request-timeout}) are
 * inherited by every subcommand, so they may come before or after the verb as with kubectl.
 *
 * <p>{@link #execute} is the whole program: it wires the error handlers (a server refusal prints the
 * server's Status, a bad flag prints the usage, both exit 1) and runs one command line.
 */
@Command(name = "tug", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, version = "tug 0.1.0",
        description = "tug controls a Tugboat cluster with kubectl's verbs.")
public final class TugCommand implements Callable<Integer> {

    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The kubeconfig context to use.")
    String context;

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NS",
            description = "The namespace (default: the context's, else default).")
    String namespace;

    @Option(names = "--request-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "0",
            description = "How long to wait for one request (0: no limit beyond the client's). Also ends watches.")
    String requestTimeout;

    @Spec
    CommandSpec spec;

    private Session session;
    private java.io.InputStream stdin = System.in;

    /** Standard input ({@code -f -}); a test passes its own. */
    public java.io.InputStream stdin() {
        return stdin;
    }

    /** The session for the global flags, connected on first use. */
    public synchronized Session session() {
        if (session == null) {
            session = Session.connect(kubeconfig, context, namespace);
        }
        return session;
    }

    /** Whether {@code -n} was given (apply refuses a manifest whose namespace contradicts it). */
    public boolean namespaceGiven() {
        return namespace != null && !namespace.isEmpty();
    }

    public String kubeconfig() {
        return kubeconfig;
    }

    public String context() {
        return context;
    }

    /** {@code --request-timeout} ({@code 5s}, {@code 1m}, plain seconds); {@code null} when 0. */
    public Duration requestTimeout() {
        Duration timeout = Durations.parse(requestTimeout);
        return timeout.isZero() ? null : timeout;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Runs one command line with the process's streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, System.in, out, err);
    }

    /** Runs one command line with the given streams and returns the exit code. */
    public static int execute(String[] args, java.io.InputStream in, PrintWriter out, PrintWriter err) {
        TugCommand root = new TugCommand();
        root.stdin = in;
        CommandLine line = new CommandLine(root);
        Commands.addAll(line);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            Throwable cause = failure;
            if (cause instanceof java.io.UncheckedIOException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            cmd.getOut().flush();
            cmd.getErr().println(Errors.describe(cause, root.session == null ? null : root.session.api().server()));
            cmd.getErr().flush();
            return 1;
        });
        line.setParameterExceptionHandler((failure, argv) -> {
            CommandLine cmd = failure.getCommandLine();
            cmd.getErr().println("error: " + failure.getMessage());
            cmd.usage(cmd.getErr());
            cmd.getErr().flush();
            return 1;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
