package io.tugboat.kubelet.server;

import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.pod.PodObservation;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import io.tugboat.kubelet.streaming.ContainerStreams;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens an exec or attach session for {@code /exec/{namespace}/{pod}/{container}} and
 * {@code /attach/{namespace}/{pod}/{container}}: finds the container by its labels (the newest attempt of the
 * newest pod of that name), refuses one that is not running, and starts the stream. Knows nothing of HTTP; a
 * refusal carries the HTTP code the edge answers with before any upgrade.
 */
public final class ContainerStreamsHandler {
    private final String node;
    private final ContainerRuntime runtime;
    private final ContainerStreams streams;

    /** What the client asked for. {@code command} is empty for attach. */
    public record Request(boolean attach, String namespace, String pod, String container, List<String> command,
                          ContainerStreams.Options options) {
    }

    /** A request that cannot be served; answered with {@code code} and {@code message} instead of an upgrade. */
    public static final class Refusal extends Exception {
        private final int code;

        Refusal(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public ContainerStreamsHandler(String node, ContainerRuntime runtime, ContainerStreams streams) {
        this.node = node;
        this.runtime = runtime;
        this.streams = streams;
    }

    /**
     * The IP of the pod's running sandbox on the Docker bridge, which port-forward connects to.
     *
     * @throws Refusal 404 when the pod has no running sandbox on this node
     */
    public String podIp(String namespace, String pod) throws Refusal {
        List<ContainerInfo> all = runtime.list(Map.of(ContainerLabels.NODE, node, ContainerLabels.POD_NAMESPACE, namespace,
                ContainerLabels.POD_NAME, pod));
        Optional<String> uid = all.stream().max(Comparator.comparing(ContainerInfo::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(c -> c.label(ContainerLabels.POD_UID));
        return new PodObservation(all.stream().filter(c -> uid.isPresent() && uid.get().equals(c.label(ContainerLabels.POD_UID))).toList())
                .runningSandbox().map(ContainerInfo::ipAddress).filter(ip -> ip != null && !ip.isEmpty())
                .orElseThrow(() -> new Refusal(404, "pod \"" + pod + "\" has no running sandbox on this node"));
    }

    public ContainerStreams.Session open(Request request) throws Refusal {
        if (!request.attach() && request.command().isEmpty()) {
            throw new Refusal(400, "you must specify at least one command for the container");
        }
        if (!request.options().stdin() && !request.options().stdout() && !request.options().stderr()) {
            throw new Refusal(400, "you must specify at least one of stdin, stdout, stderr");
        }
        List<ContainerInfo> all = runtime.list(Map.of(ContainerLabels.NODE, node, ContainerLabels.POD_NAMESPACE, request.namespace(),
                ContainerLabels.POD_NAME, request.pod(), ContainerLabels.CONTAINER_NAME, request.container()));
        Optional<String> uid = all.stream().max(Comparator.comparing(ContainerInfo::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(c -> c.label(ContainerLabels.POD_UID));
        PodObservation observed = new PodObservation(all.stream()
                .filter(c -> uid.isPresent() && uid.get().equals(c.label(ContainerLabels.POD_UID))).toList());
        Optional<ContainerInfo> target = observed.latest(request.container());
        if (target.isEmpty()) {
            throw new Refusal(404, "container \"" + request.container() + "\" of pod \"" + request.pod() + "\" not found on this node");
        }
        if (!target.get().running()) {
            throw new Refusal(400, "container \"" + request.container() + "\" of pod \"" + request.pod() + "\" is not running");
        }
        try {
            return request.attach() ? streams.attach(target.get().id(), request.options())
                    : streams.exec(target.get().id(), request.command(), request.options());
        } catch (IOException e) {
            throw new Refusal(500, "cannot " + (request.attach() ? "attach to" : "exec in") + " container \""
                    + request.container() + "\": " + e.getMessage());
        }
    }
}
