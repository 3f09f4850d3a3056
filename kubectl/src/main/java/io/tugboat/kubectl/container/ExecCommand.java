package io.tugboat.kubectl.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.client.exec.RemoteCommand;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug exec [-i] [-t] POD [-c CONTAINER] -- COMMAND [ARGS...]}: runs a command in a container through the
 * API server's {@code pods/NAME/exec} (a WebSocket speaking {@code v5.channel.k8s.io}, see {@link RemoteCommand}).
 * As with kubectl, the remote command's exit code becomes tug's own ({@code exit 3} → 3, with
 * "command terminated with exit code 3" on stderr); failing to run it at all is exit code 1.
 */
@Command(name = "exec", description = "Execute a command in a container.")
public final class ExecCommand extends Verb {
    @Parameters(index = "0", paramLabel = "POD")
    String pod;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Option(names = {"-c", "--container"}, description = "Container name; default: the annotated default or the first.")
    String container;

    @Option(names = {"-i", "--stdin"}, description = "Pass stdin to the container.")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "Stdin is a TTY.")
    boolean tty;

    @Option(names = {"-q", "--quiet"}, description = "Only print output from the remote session.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (command.isEmpty()) {
            throw new CliException("you must specify at least one command for the container");
        }
        String podName = pod.startsWith("pod/") ? pod.substring(4) : pod.startsWith("pods/") ? pod.substring(5) : pod;
        JsonNode object;
        try {
            object = api().get(ResourceKinds.PODS, namespace(), podName);
        } catch (ApiException.NotFoundException e) {
            throw new CliException("pods \"" + podName + "\" not found");
        }
        String phase = object.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw new CliException("cannot exec into a container in a completed pod; current phase is " + phase);
        }
        String chosen = PodContainers.choose(object, container, quiet ? null : err());
        boolean useTty = tty;
        Terminal terminal = null;
        if (tty) {
            terminal = Terminal.attach();
            if (terminal == null) {
                if (!quiet) {
                    err().println("Unable to use a TTY - input is not a terminal or the right kind of file");
                }
                useTty = false;
            }
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        command.forEach(part -> query.add(Map.entry("command", part)));
        query.add(Map.entry("container", chosen));
        if (stdin) {
            query.add(Map.entry("stdin", "true"));
        }
        query.add(Map.entry("stdout", "true"));
        query.add(Map.entry("stderr", Boolean.toString(!useTty)));
        if (useTty) {
            query.add(Map.entry("tty", "true"));
        }
        String path = "/api/v1/namespaces/" + namespace() + "/pods/" + podName + "/exec";
        RemoteCommand.Exit exit = run(path, query, terminal);
        if (exit.code() != 0 && !quiet) {
            err().println("command terminated with exit code " + exit.code());
        }
        return exit.code();
    }

    private RemoteCommand.Exit run(String path, List<Map.Entry<String, String>> query, Terminal terminal) throws Exception {
        TextStream out = new TextStream(out());
        TextStream errors = new TextStream(err());
        try (RemoteCommand session = RemoteCommand.open(api().client(), path, query, out, errors)) {
            if (terminal != null) {
                terminal.makeRaw();
                terminal.onResize(session::resize);
            }
            if (stdin) {
                Thread pump = new Thread(() -> pumpStdin(session, terminal == null ? root().stdin() : System.in), "tug-exec-stdin");
                pump.setDaemon(true);
                pump.start();
            }
            return session.awaitExit();
        } catch (RemoteCommand.RemoteCommandException e) {
            throw new CliException(e.getMessage());
        } finally {
            if (terminal != null) {
                terminal.restore();
            }
        }
    }

    /** Copies {@code in} to the session's stdin until it ends, then closes the session's stdin (v5). */
    static void pumpStdin(RemoteCommand session, InputStream in) {
        byte[] buffer = new byte[32 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (n > 0) {
                    session.stdin(buffer, n);
                }
            }
            session.closeStdin();
        } catch (IOException e) {
            // the session ended (or the connection broke): nothing more to send
        }
    }
}
