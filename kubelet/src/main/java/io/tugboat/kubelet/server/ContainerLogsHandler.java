package io.tugboat.kubelet.server;

import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.pod.PodObservation;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a container's log: finds the container by its labels (the newest attempt, or the one before with
 * {@code previous}) and copies the runtime's log stream to the response until it ends — with {@code follow}, until
 * the container exits or the client goes away.
 */
public final class ContainerLogsHandler {
    private final String node;
    private final ContainerRuntime runtime;

    /** A {@code /containerLogs} request. */
    public record Request(String namespace, String pod, String container, boolean follow, Integer tailLines,
                          boolean previous, boolean timestamps) {
    }

    /** Where the answer goes: an error, or a stream begun with status 200. */
    public interface Response {
        void fail(int code, String message) throws IOException;

        OutputStream begin() throws IOException;
    }

    public ContainerLogsHandler(String node, ContainerRuntime runtime) {
        this.node = node;
        this.runtime = runtime;
    }

    public void serve(Request request, Response response) throws IOException, InterruptedException {
        List<ContainerInfo> all = runtime.list(Map.of(ContainerLabels.NODE, node, ContainerLabels.POD_NAMESPACE, request.namespace(),
                ContainerLabels.POD_NAME, request.pod(), ContainerLabels.CONTAINER_NAME, request.container()));
        // the newest pod of that name (a re-created pod has a new uid and newer containers)
        Optional<String> uid = all.stream().max(Comparator.comparing(ContainerInfo::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(c -> c.label(ContainerLabels.POD_UID));
        PodObservation observed = new PodObservation(all.stream().filter(c -> uid.isPresent() && uid.get().equals(c.label(ContainerLabels.POD_UID))).toList());
        Optional<ContainerInfo> target = request.previous() ? observed.previous(request.container()) : observed.latest(request.container());
        if (target.isEmpty()) {
            response.fail(400, request.previous()
                    ? "previous terminated container \"" + request.container() + "\" in pod \"" + request.pod() + "\" not found"
                    : "container \"" + request.container() + "\" in pod \"" + request.pod() + "\" is waiting to start: ContainerCreating");
            return;
        }
        OutputStream out = response.begin();
        CountDownLatch done = new CountDownLatch(1);
        AutoCloseable stream = runtime.logs(target.get().id(),
                new ContainerRuntime.LogOptions(request.follow(), request.tailLines(), request.timestamps()), out, done::countDown);
        try {
            done.await();
        } finally {
            try {
                stream.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }
}
