package io.tugboat.scheduler.framework;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * An amount of the two resources the scheduler counts, in Kubernetes' units: CPU in millicores, memory in bytes.
 * (The third, the number of pods, is the length of a node's pod list.)
 *
 * <h2>What a pod requests</h2>
 *
 * As Kubernetes' {@code resourcehelper.PodRequests}: init containers run one after the other and before the app
 * containers, which run together, so a pod needs the larger of its biggest init container and the sum of its
 * app containers, per resource, plus its {@code overhead}:
 * <pre>
 *   init: [cpu 500m] [cpu 200m]     app: [cpu 100m] [cpu 150m]
 *   request = max(max(500m, 200m), 100m + 150m) = 500m
 * </pre>
 * For scoring, Kubernetes counts a container that requests no CPU as 100m and no memory as 200 MiB
 * ({@link #nonZeroRequestsOf}), so that spreading still sees pods without requests; fitting uses the real values.
 */
public record Resources(long milliCpu, long memory) {
    public static final Resources ZERO = new Resources(0, 0);
    /** Kubernetes' {@code DefaultMilliCPURequest}: what scoring assumes for a container without a CPU request. */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** Kubernetes' {@code DefaultMemoryRequest}: 200 MiB. */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    public Resources plus(Resources other) {
        return new Resources(milliCpu + other.milliCpu, memory + other.memory);
    }

    public Resources minus(Resources other) {
        return new Resources(milliCpu - other.milliCpu, memory - other.memory);
    }

    /** The larger of each resource. */
    public Resources max(Resources other) {
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory));
    }

    /** What {@code pod} requests, as Kubernetes computes it (see the class comment). */
    public static Resources requestsOf(Pod pod) {
        return podRequests(pod, false);
    }

    /** What {@code pod} requests with a container's missing CPU or memory request counted as the default. */
    public static Resources nonZeroRequestsOf(Pod pod) {
        return podRequests(pod, true);
    }

    /** CPU in millicores and memory in bytes of a resource map such as a node's {@code allocatable}. */
    public static Resources of(Map<String, Quantity> resources) {
        if (resources == null) {
            return ZERO;
        }
        Quantity cpu = resources.get("cpu");
        Quantity memory = resources.get("memory");
        return new Resources(cpu == null ? 0 : cpu.milliValue(), memory == null ? 0 : memory.longValue());
    }

    private static Resources podRequests(Pod pod, boolean nonZero) {
        PodSpec spec = pod.spec();
        if (spec == null) {
            return ZERO;
        }
        Resources apps = ZERO;
        for (Container c : list(spec.containers())) {
            apps = apps.plus(containerRequests(c, nonZero));
        }
        Resources init = ZERO;
        for (Container c : list(spec.initContainers())) {
            init = init.max(containerRequests(c, nonZero));
        }
        return apps.max(init).plus(of(spec.overhead()));
    }

    private static Resources containerRequests(Container c, boolean nonZero) {
        Map<String, Quantity> requests = c.resources() == null ? null : c.resources().requests();
        // The API server defaults a missing request to the limit; read the limit too in case this object was not
        // defaulted (a test fixture, an older stored object).
        Map<String, Quantity> limits = c.resources() == null ? null : c.resources().limits();
        Quantity cpu = pick(requests, limits, "cpu");
        Quantity memory = pick(requests, limits, "memory");
        long milliCpu = cpu != null ? cpu.milliValue() : nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0;
        long bytes = memory != null ? memory.longValue() : nonZero ? DEFAULT_MEMORY_REQUEST : 0;
        return new Resources(milliCpu, bytes);
    }

    private static Quantity pick(Map<String, Quantity> requests, Map<String, Quantity> limits, String name) {
        Quantity q = requests == null ? null : requests.get(name);
        if (q == null && limits != null) {
            q = limits.get(name);
        }
        return q;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
