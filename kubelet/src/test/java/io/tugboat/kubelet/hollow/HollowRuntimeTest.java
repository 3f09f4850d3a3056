package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Pod;
import io.tugboat.client.testing.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HollowRuntimeTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T12:00:00.750Z"));
    private final HollowNodesConfig config = HollowNodesConfig.defaults(3)
            .withResources(Quantity.parse("1"), Quantity.parse("1Gi"), 3);
    private final HollowRuntime runtime = new HollowRuntime(config, clock);

    @Test
    void aRunningPodGetsTheFirstFreeAddressOfItsNodeAndAStartToTheSecond() {
        HollowRuntime.RunningPod first = admitted(runtime.run("default/a", Pods.pod("a", "uid-a", "100m", "100Mi"), 2));
        HollowRuntime.RunningPod second = admitted(runtime.run("default/b", Pods.pod("b", "uid-b", "100m", "100Mi"), 2));
        assertEquals("10.128.2.1", first.podIp());
        assertEquals("10.128.2.2", second.podIp());
        assertEquals(Instant.parse("2026-11-26T12:00:00Z"), first.startedAt());

        runtime.kill("default/a");
        assertEquals("10.128.2.1", admitted(runtime.run("default/c", Pods.pod("c", "uid-c", "100m", "100Mi"), 2)).podIp());
    }

    @Test
    void runningTheSamePodAgainChangesNothing() {
        Pod pod = Pods.pod("a", "uid-a", "100m", "100Mi");
        HollowRuntime.RunningPod first = admitted(runtime.run("default/a", pod, 0));
        assertSame(first, admitted(runtime.run("default/a", pod, 0)));
        assertEquals(1, runtime.podCount(0));
    }

    @Test
    void aNewPodUnderAnOldNameReplacesTheOldOne() {
        admitted(runtime.run("default/a", Pods.pod("a", "uid-1", "600m", "100Mi"), 0));
        HollowRuntime.RunningPod second = admitted(runtime.run("default/a", Pods.pod("a", "uid-2", "600m", "100Mi"), 0));
        assertEquals("uid-2", second.uid());
        assertEquals(1, runtime.podCount(0));
    }

    @Test
    void aNodeRejectsAPodBeyondItsCpu() {
        admitted(runtime.run("default/a", Pods.pod("a", "uid-a", "600m", "100Mi"), 0));
        HollowRuntime.Rejected rejected = assertInstanceOf(HollowRuntime.Rejected.class,
                runtime.run("default/b", Pods.pod("b", "uid-b", "500m", "100Mi"), 0));
        assertEquals("OutOfcpu", rejected.reason());
        assertEquals("Pod was rejected: Node didn't have enough resource: cpu, requested: 500, used: 600, capacity: 1000",
                rejected.message());
        // another node has room
        admitted(runtime.run("default/b", Pods.pod("b", "uid-b", "500m", "100Mi"), 1));
    }

    @Test
    void aNodeRejectsAPodBeyondItsMemory() {
        HollowRuntime.Rejected rejected = assertInstanceOf(HollowRuntime.Rejected.class,
                runtime.run("default/a", Pods.pod("a", "uid-a", "100m", "2Gi"), 0));
        assertEquals("OutOfmemory", rejected.reason());
    }

    @Test
    void aNodeRejectsAPodBeyondItsPodCountAndTakesOneAgainAfterAKill() {
        for (String name : new String[] {"a", "b", "c"}) {
            admitted(runtime.run("default/" + name, Pods.pod(name, "uid-" + name, null, null), 0));
        }
        HollowRuntime.Rejected rejected = assertInstanceOf(HollowRuntime.Rejected.class,
                runtime.run("default/d", Pods.pod("d", "uid-d", null, null), 0));
        assertEquals("OutOfpods", rejected.reason());
        assertEquals("Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3",
                rejected.message());

        runtime.kill("default/b");
        admitted(runtime.run("default/d", Pods.pod("d", "uid-d", null, null), 0));
    }

    private static HollowRuntime.RunningPod admitted(HollowRuntime.Admission admission) {
        return assertInstanceOf(HollowRuntime.Admitted.class, admission).pod();
    }
}
