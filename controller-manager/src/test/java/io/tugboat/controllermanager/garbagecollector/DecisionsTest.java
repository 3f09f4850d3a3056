package io.tugboat.controllermanager.garbagecollector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.controllermanager.garbagecollector.Decisions.Action;
import io.tugboat.controllermanager.garbagecollector.Decisions.Delete;
import io.tugboat.controllermanager.garbagecollector.Decisions.Keep;
import io.tugboat.controllermanager.garbagecollector.Decisions.OwnerState;
import io.tugboat.controllermanager.garbagecollector.Decisions.UpdateOwners;
import io.tugboat.controllermanager.garbagecollector.Decisions.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The collector's decision table: the owners' fates → what happens to the dependent. */
class DecisionsTest {
    static final OwnerReference A = ref("a", true);
    static final OwnerReference B = ref("b", true);
    static final OwnerReference C = ref("c", false);

    static OwnerReference ref(String uid, boolean block) {
        return new OwnerReference("apps/v1", "ReplicaSet", "rs-" + uid, uid, true, block);
    }

    static GraphNode item(boolean deleting, List<String> finalizers, OwnerReference... owners) {
        return new GraphNode(ResourceKinds.PODS, "default", "p", "uid-p", List.of(owners), deleting, finalizers);
    }

    static Verdict v(OwnerReference ref, OwnerState state) {
        return new Verdict(ref, state);
    }

    static Stream<Arguments> table() {
        OwnerReference aUnblocked = new OwnerReference("apps/v1", "ReplicaSet", "rs-a", "a", true, false);
        return Stream.of(
                Arguments.of("no owners: keep", item(false, List.of()), List.of(), false, new Keep()),
                Arguments.of("the only owner exists: keep", item(false, List.of(), A), List.of(v(A, OwnerState.SOLID)), false, new Keep()),
                Arguments.of("the only owner is gone: delete in the background", item(false, List.of(), A),
                        List.of(v(A, OwnerState.DANGLING)), false, new Delete("Background")),
                Arguments.of("every owner is gone: delete", item(false, List.of(), A, B),
                        List.of(v(A, OwnerState.DANGLING), v(B, OwnerState.DANGLING)), false, new Delete("Background")),
                Arguments.of("one owner gone, one left: drop the dangling reference", item(false, List.of(), A, C),
                        List.of(v(A, OwnerState.DANGLING), v(C, OwnerState.SOLID)), false, new UpdateOwners(List.of(C))),
                Arguments.of("a waiting owner and a solid one: unblock the waiting reference", item(false, List.of(), A, C),
                        List.of(v(A, OwnerState.WAITING), v(C, OwnerState.SOLID)), false, new UpdateOwners(List.of(aUnblocked, C))),
                Arguments.of("a waiting owner, a leaf dependent: background", item(false, List.of(), A),
                        List.of(v(A, OwnerState.WAITING)), false, new Delete("Background")),
                Arguments.of("a waiting owner, a dependent with dependents: foreground, the chain keeps blocking",
                        item(false, List.of(), A), List.of(v(A, OwnerState.WAITING)), true, new Delete("Foreground")),
                Arguments.of("owner gone, dependent asks to orphan its own dependents", item(false, List.of("orphan"), A),
                        List.of(v(A, OwnerState.DANGLING)), true, new Delete("Orphan")),
                Arguments.of("already being deleted: keep", item(true, List.of(), A), List.of(v(A, OwnerState.DANGLING)), false, new Keep()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesFromTheOwnersFates(String name, GraphNode item, List<Verdict> verdicts, boolean hasDependents, Action expected) {
        assertEquals(expected, Decisions.decide(item, verdicts, hasDependents));
    }

    @Test
    void onlyDependentsWithBlockOwnerDeletionHoldUpAForegroundDeletion() {
        GraphNode blocking = new GraphNode(ResourceKinds.PODS, "default", "x", "x", List.of(A), false, List.of());
        GraphNode notBlocking = new GraphNode(ResourceKinds.PODS, "default", "y", "y",
                List.of(new OwnerReference("apps/v1", "ReplicaSet", "rs-a", "a", true, false)), false, List.of());
        GraphNode other = new GraphNode(ResourceKinds.PODS, "default", "z", "z", List.of(B), false, List.of());
        assertEquals(List.of(blocking), Decisions.blocking(new ArrayList<>(List.of(blocking, notBlocking, other)), "a"));
    }

    @Test
    void orphaningDropsOnlyTheOwnersReference() {
        assertEquals(List.of(B), Decisions.without(List.of(A, B), "a"));
    }
}
