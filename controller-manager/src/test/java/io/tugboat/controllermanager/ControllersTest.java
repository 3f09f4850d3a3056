package io.tugboat.controllermanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --controllers} read as kube-controller-manager reads it, and Go-style duration flags. */
class ControllersTest {
    static final String RS = "replicaset-controller";
    static final String DEPLOY = "deployment-controller";
    static final String DS = "daemonset-controller";
    static final String STS = "statefulset-controller";
    static final String PV = "persistentvolume-binder-controller";
    static final String GC = "garbage-collector-controller";
    static final String NODE = "node-lifecycle-controller";
    static final String TAINT = "taint-eviction-controller";
    static final String NS = "namespace-controller";
    static final String IPAM = "node-ipam-controller";
    static final String JOB = "job-controller";
    static final String CRON = "cronjob-controller";
    static final String TTL = "ttl-after-finished-controller";
    static final String EP = "endpoints-controller";
    static final String EPS = "endpointslice-controller";
    static final String EPM = "endpointslice-mirroring-controller";

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of(List.of("*"), List.of(RS, DEPLOY, JOB, CRON, TTL, DS, STS, PV, GC, NODE, TAINT, NS, IPAM, EP, EPS, EPM)),
                Arguments.of(List.of("*", "-namespace-controller"), List.of(RS, DEPLOY, JOB, CRON, TTL, DS, STS, PV, GC, NODE, TAINT, IPAM, EP, EPS, EPM)),
                Arguments.of(List.of("-namespace", "-deployment", "-nodeipam", "*"), List.of(RS, JOB, CRON, TTL, DS, STS, PV, GC, NODE, TAINT, EP, EPS, EPM)),
                Arguments.of(List.of("job", "cronjob"), List.of(JOB, CRON)),
                Arguments.of(List.of("garbagecollector"), List.of(GC)),
                Arguments.of(List.of("namespace-controller", "-namespace-controller"), List.of(NS)),
                Arguments.of(List.of("-garbage-collector-controller"), List.of()),
                Arguments.of(List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("selections")
    void theFirstEntryNamingAControllerDecides(List<String> flags, List<String> expected) {
        assertEquals(expected, List.copyOf(Controllers.builtIn().select(flags).keySet()));
    }

    @Test
    void anUnknownControllerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Controllers.builtIn().select(List.of("*", "-nope")));
        assertEquals(true, e.getMessage().startsWith("\"nope\" is not in the list of known controllers"));
    }

    @Test
    void aControllerIsAddedWithOneRegistration() {
        Controllers controllers = Controllers.builtIn().register("example-controller", context -> null, "example");
        assertEquals(List.of("example-controller"), List.copyOf(controllers.select(List.of("example")).keySet()));
    }

    @Test
    void durationsAreWrittenAsKubernetesFlagsWriteThem() {
        assertEquals(Duration.ofSeconds(40), ControllerManagerMain.Durations.parse("40s"));
        assertEquals(Duration.ofMillis(500), ControllerManagerMain.Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), ControllerManagerMain.Durations.parse("1m30s"));
        assertEquals(Duration.ofMillis(2500), ControllerManagerMain.Durations.parse("2.5s"));
        assertThrows(RuntimeException.class, () -> ControllerManagerMain.Durations.parse("40"));
    }
}
