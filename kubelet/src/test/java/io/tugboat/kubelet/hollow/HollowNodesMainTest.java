package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HollowNodesMainTest {

    @Test
    void durationsAreReadInGosShortForms() {
        assertEquals(Duration.ofSeconds(10), HollowNodesMain.parseDuration("10s"));
        assertEquals(Duration.ofMillis(500), HollowNodesMain.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(90), HollowNodesMain.parseDuration("1m30s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "10 s", "1.5s", "10sx"})
    void somethingElseIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> HollowNodesMain.parseDuration(text));
    }

    @Test
    void heartbeatsAreSpreadEvenlyOverTheInterval() {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            offsets.add(HollowNodes.heartbeatOffsetMillis(i, 4, Duration.ofSeconds(10)));
        }
        assertEquals(List.of(0L, 2500L, 5000L, 7500L), offsets);
        assertEquals(9990L, HollowNodes.heartbeatOffsetMillis(999, 1000, Duration.ofSeconds(10)));
    }
}
