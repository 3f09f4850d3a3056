package io.tugboat.kubectl.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.client.exec.RemoteCommand;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug attach POD [-c CONTAINER] [-i] [-t]}: connects to the main process of a running container through the
 * API server's {@code pods/NAME/attach}: what it prints from now on, and with {@code -i} its stdin, which the
 * container must have been created with ({@code stdin: true} in the pod spec); with {@code -t} the local terminal in
 * raw mode, resizes followed, for a container with {@code tty: true}. Ends when the process ends (or, with
 * {@code stdinOnce}, when tug's stdin ends) or tug is interrupted; the main process goes on running after a detach.
 *
 * <p>As kubectl: {@code -t} for a container without a TTY prints "Unable to use a TTY" and goes on without one; a
 * container with a TTY is always attached as one (its output is a single raw stream).
 */
@Command(name = "attach", description = "Attach to a process that is already running inside an existing container.")
public final class AttachCommand extends Verb {
    @Parameters(index = "0", paramLabel = "POD")
    String pod;

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
        String podName = pod.startsWith("pod/") ? pod.substring(4) : pod.startsWith("pods/") ? pod.substring(5) : pod;
        JsonNode object;
        try {
            object = api().get(ResourceKinds.PODS, namespace(), podName);
        } catch (ApiException.NotFoundException e) {
            throw new CliException("pods \"" + podName + "\" not found");
        }
        String phase = object.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw new CliException("cannot attach a container in a completed pod; current phase is " + phase);
        }
        String chosen = PodContainers.choose(object, container, quiet ? null : err());
        JsonNode spec = containerSpec(object, chosen);
        boolean containerTty = spec.path("tty").asBoolean(false);
        boolean useTty = tty;
        if (useTty && !containerTty) {
            useTty = false;
            if (!quiet) {
                err().println("error: Unable to use a TTY - container " + chosen + " did not allocate one");
            }
        } else if (!useTty && containerTty) {
            useTty = true; // its output is one raw stream; asking for two would garble it
        }
        Terminal terminal = null;
        if (tty && useTty && stdin) {
            terminal = Terminal.attach();
            if (terminal == null && !quiet) {
                err().println("Unable to use a TTY - input is not a terminal or the right kind of file");
            }
        }
        List<Map.Entry<String, String>> query = new ArrayList<>(List.of(Map.entry("container", chosen)));
        if (stdin) {
            query.add(Map.entry("stdin", "true"));
        }
        query.add(Map.entry("stdout", "true"));
        query.add(Map.entry("stderr", Boolean.toString(!useTty)));
        if (useTty) {
            query.add(Map.entry("tty", "true"));
        }
        if (terminal != null && !quiet) {
            err().println("If you don't see a command prompt, try pressing enter.");
            err().flush();
        }
        try (RemoteCommand session = RemoteCommand.open(api().client(), "/api/v1/namespaces/" + namespace() + "/pods/"
                + podName + "/attach", query, new TextStream(out()), new TextStream(err()))) {
            if (terminal != null) {
                terminal.makeRaw();
                terminal.onResize(session::resize);
            }
            if (stdin) {
                Terminal local = terminal;
                Thread pump = new Thread(() -> ExecCommand.pumpStdin(session, local == null ? root().stdin() : System.in),
                        "tug-attach-stdin");
                pump.setDaemon(true);
                pump.start();
            }
            return session.awaitExit().code();
        } catch (RemoteCommand.RemoteCommandException e) {
            throw new CliException(e.getMessage());
        } finally {
            if (terminal != null) {
                terminal.restore();
            }
        }
    }

    private static JsonNode containerSpec(JsonNode pod, String name) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : pod.path("spec").path(list)) {
                if (name.equals(c.path("name").asText())) {
                    return c;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
