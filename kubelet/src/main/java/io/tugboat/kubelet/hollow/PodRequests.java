package io.tugboat.kubelet.hollow;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import java.util.List;

/**
 * What a pod asks of its node, as the kubelet's admission and the scheduler count it: per resource, the larger
 * of the sum over the app containers and the largest init container (init containers run one at a time, before
 * the others). Pod overhead and restartable init containers are not modelled.
 *
 * @param cpuMillis   requested cpu in millicores
 * @param memoryBytes requested memory in bytes
 */
public record PodRequests(long cpuMillis, long memoryBytes) {

    public static PodRequests of(Pod pod) {
        if (pod.spec() == null) {
            return new PodRequests(0, 0);
        }
        long cpu = 0;
        long memory = 0;
        for (Container container : nullToEmpty(pod.spec().containers())) {
            cpu += request(container, "cpu", true);
            memory += request(container, "memory", false);
        }
        for (Container init : nullToEmpty(pod.spec().initContainers())) {
            cpu = Math.max(cpu, request(init, "cpu", true));
            memory = Math.max(memory, request(init, "memory", false));
        }
        return new PodRequests(cpu, memory);
    }

    private static long request(Container container, String resource, boolean millis) {
        if (container.resources() == null || container.resources().requests() == null) {
            return 0;
        }
        Quantity quantity = container.resources().requests().get(resource);
        if (quantity == null) {
            return 0;
        }
        return millis ? quantity.milliValue() : quantity.longValue();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
