package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HollowNodesMainTest {

    @Test
    void durationsAreReadInGosShortForms() {
        assertEquals(Duration.ofSeconds(10), HollowNodesMain.parseDuration("--x", "10s"));
        assertEquals(Duration.ofMillis(500), HollowNodesMain.parseDuration("--x", "500ms"));
        assertEquals(Duration.ofSeconds(90), HollowNodesMain.parseDuration("--x", "1m30s"));
        assertEquals(Duration.ofMillis(1500), HollowNodesMain.parseDuration("--x", "1.5s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "10 s", "1,5s", "10sx"})
    void somethingElseIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> HollowNodesMain.parseDuration("--x", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--count=0", "--count=3 --max-pods=300", "--count=3 --taints=gpu:Sometimes",
            "--count=3 --labels=zone", "--count=3 --lease-interval=10"})
    void aBadFlagIsAUsageErrorBeforeAnythingStarts(String flags) {
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> args = new ArrayList<>(List.of("--kubeconfig=/nonexistent"));
        args.addAll(List.of(flags.split(" ")));
        int code = new picocli.CommandLine(new HollowNodesMain()).setErr(new java.io.PrintWriter(err))
                .execute(args.toArray(String[]::new));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(flags.substring(flags.lastIndexOf(' ') + 1, flags.indexOf('=', flags.lastIndexOf(' ') + 1))),
                err.toString());
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
