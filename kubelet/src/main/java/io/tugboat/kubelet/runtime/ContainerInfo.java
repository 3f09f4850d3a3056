package io.tugboat.kubelet.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * What the runtime reports about one container at one moment.
 *
 * <pre>
 *   CREATED ──start──▶ RUNNING ──exits / is killed──▶ EXITED ──remove──▶ (gone)
 * </pre>
 *
 * @param id         the engine's id
 * @param name       the engine's name
 * @param image      the image reference it was created from
 * @param imageId    the image's content id ({@code sha256:...})
 * @param labels     the labels given at creation
 * @param state      where it is in the diagram above
 * @param exitCode   meaningful once EXITED
 * @param oomKilled  true if the kernel's OOM killer ended it
 * @param createdAt  when it was created
 * @param startedAt  when it last started (null if never)
 * @param finishedAt when it last exited (null if never)
 * @param ipAddress  its address on the engine's network (empty for containers joined to another's network)
 */
public record ContainerInfo(String id, String name, String image, String imageId, Map<String, String> labels,
                            State state, int exitCode, boolean oomKilled, Instant createdAt, Instant startedAt,
                            Instant finishedAt, String ipAddress) {
    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A container's state in the engine. */
    public enum State { CREATED, RUNNING, EXITED }

    public boolean running() {
        return state == State.RUNNING;
    }

    public String label(String key) {
        return labels.get(key);
    }
}
