package io.tugboat.kubectl;

import io.tugboat.kubectl.cli.TugCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The single entry point behind the {@code ./tug} launcher.
 *
 * <p>{@code tug <component> [flags]} runs one control-plane component in the foreground (what the
 * systemd units in {@code deploy/} call); anything else is a kubectl-style verb run by the picocli
 * command tree of {@link TugCommand} ({@code tug get pods}, {@code tug apply -f web.yaml}), which
 * prints its usage and exits 1 for an unknown verb, so a typo never looks like success.
 */
public final class Tug {

    /** Subcommand name to the main method that runs it, in the order the usage lists them. */
    private static final Map<String, Consumer<String[]>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("apiserver", io.tugboat.apiserver.ApiServerMain::main);
        COMMANDS.put("scheduler", io.tugboat.scheduler.SchedulerMain::main);
        COMMANDS.put("controller-manager", io.tugboat.controllermanager.ControllerManagerMain::main);
        COMMANDS.put("kubelet", io.tugboat.kubelet.KubeletMain::main);
        COMMANDS.put("hollow-nodes", io.tugboat.kubelet.hollow.HollowNodesMain::main);
        COMMANDS.put("up", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.UpCommand()).execute(args)));
        COMMANDS.put("down", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.DownCommand()).execute(args)));
        COMMANDS.put("status", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.StatusCommand()).execute(args)));
        COMMANDS.put("certs", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.CertsCommand()).execute(args)));
    }

    /**
     * Commands the usage lists that this class does not run: said plainly, with exit 1, rather
     * than reported as unknown.
     */
    private static final Map<String, String> NOT_HERE = Map.of(
            "test", "run by the ./tug launcher script, not by the jar: use ./tug test");

    private Tug() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help")) {
            usage(System.out);
            System.exit(args.length == 0 ? 1 : 0);
            return;
        }
        String notHere = NOT_HERE.get(args[0]);
        if (notHere != null) {
            System.err.println("tug " + args[0] + ": " + notHere);
            System.exit(1);
            return;
        }
        Consumer<String[]> command = COMMANDS.get(args[0]);
        if (command == null) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            System.exit(TugCommand.execute(args, out, err));
            return;
        }
        command.accept(Arrays.copyOfRange(args, 1, args.length));
    }

    static void usage(PrintStream out) {
        out.println("Usage: tug <command> [flags]");
        out.println();
        out.println("Components (run in the foreground):");
        for (String name : COMMANDS.keySet()) {
            out.println("  " + name);
        }
        out.println();
        out.println("kubectl verbs (tug --help lists them):");
        out.println("  get, apply, create, delete, describe, logs, scale, rollout, ...");
        out.println();
        out.println("Development:");
        out.println("  test      install what the tests need, then run the whole test suite");
        out.println("  up        bring up a local cluster (not implemented yet, issue #8)");
    }
}
