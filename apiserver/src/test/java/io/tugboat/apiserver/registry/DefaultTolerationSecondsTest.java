package io.tugboat.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Toleration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DefaultTolerationSeconds admission step, as a table: a pod's own tolerations → what it ends up with. */
class DefaultTolerationSecondsTest {
    static final Toleration NOT_READY_300 = new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 300L);
    static final Toleration UNREACHABLE_300 = new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 300L);

    static Pod pod(List<Toleration> tolerations) {
        try {
            Pod pod = Codec.fromJson("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},
                     "spec":{"containers":[{"name":"c","image":"busybox"}]}}""".getBytes(StandardCharsets.UTF_8), Pod.class).value();
            return pod.withSpec(pod.spec().withTolerations(tolerations));
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        Toleration ownUnreachable = new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 5L);
        Toleration wildcard = new Toleration(null, "Exists", null, null, null);
        Toleration wildcardNoExecute = new Toleration("", "Exists", null, "NoExecute", 10L);
        Toleration noScheduleOnly = new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoSchedule", null);
        Toleration other = new Toleration("dedicated", "Equal", "gpu", "NoSchedule", null);
        return Stream.of(
                Arguments.of("no tolerations: both defaults are added", List.of(), List.of(NOT_READY_300, UNREACHABLE_300)),
                Arguments.of("an unrelated toleration stays and both defaults are added", List.of(other),
                        List.of(other, NOT_READY_300, UNREACHABLE_300)),
                Arguments.of("a pod's own unreachable toleration is kept, only not-ready is added", List.of(ownUnreachable),
                        List.of(ownUnreachable, NOT_READY_300)),
                Arguments.of("a wildcard toleration covers both", List.of(wildcard), List.of(wildcard)),
                Arguments.of("an empty key with NoExecute covers both", List.of(wildcardNoExecute), List.of(wildcardNoExecute)),
                Arguments.of("a NoSchedule toleration does not count", List.of(noScheduleOnly),
                        List.of(noScheduleOnly, NOT_READY_300, UNREACHABLE_300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void addsTheDefaultTolerationsAPodDoesNotHave(String name, List<Toleration> own, List<Toleration> expected) {
        assertEquals(expected, DefaultTolerationSeconds.defaults().admit(pod(own)).spec().tolerations());
    }

    @Test
    void theSecondsAreConfigurable() {
        List<Toleration> result = new DefaultTolerationSeconds(7, 9).admit(pod(null)).spec().tolerations();
        assertEquals(List.of(7L, 9L), result.stream().map(Toleration::tolerationSeconds).toList());
    }

    @Test
    void theStrategyAppliesItToNewPods() {
        Pod created = (Pod) new GenericStrategy(ResourceKinds.PODS, new DefaultTolerationSeconds(3, 4))
                .prepareForCreate(pod(new ArrayList<>()));
        assertEquals(List.of(3L, 4L), created.spec().tolerations().stream().map(Toleration::tolerationSeconds).toList());
    }
}
