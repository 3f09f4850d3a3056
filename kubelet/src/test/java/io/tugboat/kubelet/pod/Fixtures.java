package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pods and observed containers for the pure-function tests. */
final class Fixtures {
    static final String NODE = "n1";
    static final String UID = "uid-1";

    private Fixtures() {
    }

    static Container container(String name) {
        return new Container(name, "img:1", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static Pod pod(String restartPolicy, List<Container> inits, List<Container> apps) {
        ObjectMeta meta = new ObjectMeta("web", null, "default", null, UID, null, null, null, null, null, null, null, null, null);
        return Pod.of(meta, new PodSpec(null, inits, apps, restartPolicy, null, null, null, null, null, null, null, NODE, null,
                null, null, null, null, null, null, null, null, null, null, null), null);
    }

    static ContainerInfo sandbox(boolean running) {
        return info("sb", ContainerLabels.SANDBOX, 0, running ? ContainerInfo.State.RUNNING : ContainerInfo.State.EXITED, 0, false, null);
    }

    static ContainerInfo running(String id, String name, int attempt) {
        return info(id, name, attempt, ContainerInfo.State.RUNNING, 0, false, null);
    }

    static ContainerInfo exited(String id, String name, int attempt, int code, boolean oom, Instant finishedAt) {
        return info(id, name, attempt, ContainerInfo.State.EXITED, code, oom, finishedAt);
    }

    static ContainerInfo info(String id, String name, int attempt, ContainerInfo.State state, int code, boolean oom, Instant finishedAt) {
        Map<String, String> labels = new HashMap<>(ContainerLabels.of(NODE, pod("Always", null, List.of()), name, attempt));
        labels.put(ContainerLabels.SANDBOX_ID, "sb");
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        return new ContainerInfo(id, "k8s_" + name + "_" + attempt, "img:1", "sha256:abc", labels, state, code, oom,
                t0.plusSeconds(attempt), state == ContainerInfo.State.CREATED ? null : t0.plusSeconds(attempt),
                state == ContainerInfo.State.EXITED ? (finishedAt != null ? finishedAt : t0.plusSeconds(attempt + 1)) : null,
                name.equals(ContainerLabels.SANDBOX) ? "172.17.0.9" : "");
    }
}
