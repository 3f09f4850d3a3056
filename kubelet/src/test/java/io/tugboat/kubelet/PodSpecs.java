package io.tugboat.kubelet;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.Probe;
import io.tugboat.api.core.ResourceRequirements;
import io.tugboat.api.core.Volume;
import io.tugboat.api.core.VolumeMount;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/** Small builders for the pods tests create. */
public final class PodSpecs {
    private PodSpecs() {
    }

    public static Container container(String name, String image, String... shell) {
        return new Container(name, image, shell.length == 0 ? null : List.of("sh", "-c"), shell.length == 0 ? null : List.of(shell[0]),
                null, null, null, null, null, null, null, null, null, null, null, null, "IfNotPresent", null, null, null);
    }

    public static Container withPort(Container c, int containerPort, Integer hostPort) {
        return c.withPorts(List.of(new ContainerPort("http", hostPort, containerPort, "TCP", null)));
    }

    public static Container withMount(Container c, String volume, String path) {
        return c.withVolumeMounts(List.of(new VolumeMount(volume, null, path, null, null)));
    }

    public static Container withProbes(Container c, Probe liveness, Probe readiness) {
        return c.withLivenessProbe(liveness).withReadinessProbe(readiness);
    }

    public static Container withResources(Container c, ResourceRequirements r) {
        return c.withResources(r);
    }

    public static Pod pod(String name, String node, String restartPolicy, List<Container> containers) {
        return pod(name, node, restartPolicy, containers, null, 30L);
    }

    public static Pod pod(String name, String node, String restartPolicy, List<Container> containers, List<Volume> volumes,
                          Long grace) {
        ObjectMeta meta = new ObjectMeta(name, null, "default", null, null, null, null, null, null, null, null, null, null, null);
        PodSpec spec = new PodSpec(volumes, null, containers, restartPolicy, grace, null, null, null, null, null, null, node,
                null, null, null, null, null, null, null, null, null, null, null, null);
        return Pod.of(meta, spec, null);
    }
}
