package io.tugboat.kubectl;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The single entry point behind the {@code ./tug} launcher.
 *
 * <p>{@code tug <component> [flags]} runs one control-plane component in the foreground (what the
 * systemd units in {@code deploy/} call); kubectl-style verbs and {@code up}/{@code down} arrive
 * with their issues. Anything else prints the usage and exits 1, so a typo never looks like
 * success.
 */
public final class Tug {

    /** Subcommand name to the main method that runs it, in the order the usage lists them. */
    private static final Map<String, Consumer<String[]>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("apiserver", io.tugboat.apiserver.ApiServerMain::main);
        COMMANDS.put("scheduler", io.tugboat.scheduler.SchedulerMain::main);
        COMMANDS.put("controller-manager", io.tugboat.controllermanager.ControllerManagerMain::main);
        COMMANDS.put("kubelet", io.tugboat.kubelet.KubeletMain::main);
        COMMANDS.put("up", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.UpCommand()).execute(args)));
        COMMANDS.put("down", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.DownCommand()).execute(args)));
        COMMANDS.put("status", args -> System.exit(new picocli.CommandLine(new io.tugboat.kubectl.cluster.StatusCommand()).execute(args)));
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
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
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
            System.err.println("tug: unknown command \"" + args[0] + "\"");
            usage(System.err);
            System.exit(1);
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
        out.println("Development:");
        out.println("  test      install what the tests need, then run the whole test suite");
        out.println("  up        bring up a local cluster (not implemented yet, issue #8)");
    }
}
