package io.tugboat.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.scheduler.framework.Handle;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static final Handle HANDLE = new Handle((ns, p, n) -> { });

    @Test
    void defaultsAreKubernetesWeights() {
        assertEquals(Map.of("TaintToleration", 3, "NodeAffinity", 2, "NodeResourcesFit", 1, "PodTopologySpread", 2,
                "InterPodAffinity", 2, "NodeResourcesBalancedAllocation", 1), Profile.defaults().scores());
        assertTrue(Profile.defaults().build(HANDLE).describe().contains("NodeResourcesFit×1"));
    }

    @Test
    void editsDisableReweightAndEnablePlugins() {
        Profile p = Profile.defaults().withOverrides("-PodTopologySpread, NodeResourcesFit=5, InterPodAffinity=0");
        assertFalse(p.filters().contains("PodTopologySpread"));
        assertFalse(p.scores().containsKey("PodTopologySpread"));
        assertEquals(5, p.scores().get("NodeResourcesFit"));
        assertFalse(p.scores().containsKey("InterPodAffinity"));
        assertTrue(p.filters().contains("InterPodAffinity"), "a zero weight drops the score only");
        assertTrue(p.withOverrides("+PodTopologySpread").filters().contains("PodTopologySpread"));
    }

    @Test
    void unknownPluginsAndMissingExtensionPointsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Profile.defaults().withOverrides("-ImageLocality"));
        assertThrows(IllegalArgumentException.class, () -> Profile.defaults().withOverrides("NodePorts=3").build(HANDLE));
        assertThrows(IllegalArgumentException.class, () -> Profile.defaults().withOverrides("NodePorts"));
    }
}
