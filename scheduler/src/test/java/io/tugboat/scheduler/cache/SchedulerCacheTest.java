package io.tugboat.scheduler.cache;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Pod;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Resources;
import io.tugboat.scheduler.framework.Snapshot;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {
    private final FakeClock clock = new FakeClock();
    private final SchedulerCache cache = new SchedulerCache(clock, Duration.ofSeconds(30));
    private final Pod web = pod("web").container("500m", "1Gi").nodeName("n1").build();

    @BeforeEach
    void twoNodes() {
        cache.addNode(node("n1").build());
        cache.addNode(node("n2").build());
    }

    @Test
    void anAssumedPodCountsOnItsNodeAtOnce() {
        cache.assume(PodInfo.of(web));
        assertEquals(new Resources(500, 1L << 30), cache.snapshot().get("n1").requested());
        assertTrue(cache.isAssumed(web.metadata().uid()));
    }

    @Test
    void theInformerConfirmsAnAssumedPod() {
        cache.assume(PodInfo.of(web));
        cache.finishBinding(web.metadata().uid());
        cache.addPod(web);
        assertFalse(cache.isAssumed(web.metadata().uid()));
        assertEquals(1, cache.snapshot().get("n1").pods().size(), "counted once, not twice");
        clock.advance(Duration.ofHours(1));
        assertTrue(cache.cleanupExpired().isEmpty(), "a confirmed pod never expires");
    }

    @Test
    void aFailedBindingForgetsTheAssumption() {
        cache.assume(PodInfo.of(web));
        cache.forget(web.metadata().uid());
        assertEquals(Resources.ZERO, cache.snapshot().get("n1").requested());
        assertFalse(cache.contains(web.metadata().uid()));
    }

    @Test
    void forgetDoesNotDropAConfirmedPod() {
        cache.assume(PodInfo.of(web));
        cache.addPod(web);
        cache.forget(web.metadata().uid());
        assertEquals(1, cache.snapshot().get("n1").pods().size());
    }

    @Test
    void anUnconfirmedAssumptionExpiresAfterTheTtlCountedFromTheEndOfBinding() {
        cache.assume(PodInfo.of(web));
        clock.advance(Duration.ofMinutes(5));
        assertTrue(cache.cleanupExpired().isEmpty(), "the binding is still running: no expiry");
        cache.finishBinding(web.metadata().uid());
        clock.advance(Duration.ofSeconds(29));
        assertTrue(cache.cleanupExpired().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, cache.cleanupExpired().size());
        assertEquals(0, cache.snapshot().get("n1").pods().size());
    }

    @Test
    void theInformerMayPlaceThePodElsewhereThanAssumed() {
        cache.assume(PodInfo.of(web));
        cache.addPod(web.withSpec(web.spec().withNodeName("n2")));
        assertEquals(0, cache.snapshot().get("n1").pods().size());
        assertEquals(1, cache.snapshot().get("n2").pods().size());
    }

    @Test
    void assumingAPodTwiceIsABug() {
        cache.assume(PodInfo.of(web));
        assertThrows(IllegalStateException.class, () -> cache.assume(PodInfo.of(web)));
    }

    @Test
    void aSnapshotDoesNotChangeWhenTheCacheDoes() {
        Snapshot before = cache.snapshot();
        cache.addPod(web);
        cache.addNode(node("n3").build());
        assertEquals(0, before.get("n1").pods().size());
        assertEquals(2, before.nodes().size());
        assertEquals(3, cache.snapshot().nodes().size());
    }

    @Test
    void podsArrivingBeforeTheirNodeAreKeptAndNodesRemovedLeaveTheSnapshot() {
        cache.addPod(pod("early").container("1", null).nodeName("n9").build());
        assertEquals(2, cache.snapshot().nodes().size(), "no Node object yet: not schedulable");
        cache.addNode(node("n9").build());
        NodeInfo n9 = cache.snapshot().get("n9");
        assertEquals(1000, n9.requested().milliCpu());
        cache.removeNode("n9");
        assertEquals(2, cache.snapshot().nodes().size());
        cache.removePod("uid-default-early");
        assertEquals(null, cache.nodeInfo("n9"));
    }
}
