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
 * {@code tug attach POD [-c CONTAINER]}: shows what the container's main process prints from now on, through the
 * API server's {@code pods/NAME/attach}, until the process ends or tug is interrupted. Only output: the kubelet
 * does not yet create containers with {@code stdin}/{@code tty}, so {@code -i} and {@code -t} are not offered.
 */
@Command(name = "attach", description = "Attach to the output of a running container.")
public final class AttachCommand extends Verb {
    @Parameters(index = "0", paramLabel = "POD")
    String pod;

    @Option(names = {"-c", "--container"}, description = "Container name; default: the annotated default or the first.")
    String container;

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
        List<Map.Entry<String, String>> query = new ArrayList<>(List.of(Map.entry("container", chosen),
                Map.entry("stdout", "true"), Map.entry("stderr", "true")));
        try (RemoteCommand session = RemoteCommand.open(api().client(), "/api/v1/namespaces/" + namespace() + "/pods/" + podName
                + "/attach", query, new TextStream(out()), new TextStream(err()))) {
            return session.awaitExit().code();
        } catch (RemoteCommand.RemoteCommandException e) {
            throw new CliException(e.getMessage());
        }
    }
}
