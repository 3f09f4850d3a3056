package io.tugboat.kubectl.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.kubectl.cli.CliException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Which container of a pod a command means, as kubectl chooses it. */
final class PodContainers {
    static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

    private PodContainers() {
    }

    /**
     * {@code -c} if given (it must exist), else the {@code kubectl.kubernetes.io/default-container} annotation, else
     * the first container — saying so on {@code notices} when there was a choice, as kubectl does.
     */
    static String choose(JsonNode pod, String requested, PrintWriter notices) {
        String podName = pod.path("metadata").path("name").asText();
        List<String> names = new ArrayList<>();
        pod.path("spec").path("initContainers").forEach(c -> names.add(c.path("name").asText()));
        List<String> main = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> main.add(c.path("name").asText()));
        names.addAll(main);
        if (requested != null) {
            if (!names.contains(requested)) {
                throw new CliException("container " + requested + " is not valid for pod " + podName);
            }
            return requested;
        }
        String annotated = pod.path("metadata").path("annotations").path(DEFAULT_CONTAINER).asText("");
        if (!annotated.isEmpty() && names.contains(annotated)) {
            return annotated;
        }
        if (main.isEmpty()) {
            throw new CliException("pod " + podName + " has no containers");
        }
        if (main.size() > 1 && notices != null) {
            notices.println("Defaulted container \"" + main.get(0) + "\" out of: " + String.join(", ", main));
        }
        return main.get(0);
    }
}
