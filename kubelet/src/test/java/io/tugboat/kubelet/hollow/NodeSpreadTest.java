package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.core.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeSpreadTest {

    @Test
    void labelValuesGoRoundRobinOverTheNodes() {
        NodeSpread spread = NodeSpread.parse("zone=a|b|c,disk=ssd", null);
        assertEquals(Map.of("zone", "a", "disk", "ssd"), spread.labelsFor(0));
        assertEquals(Map.of("zone", "b", "disk", "ssd"), spread.labelsFor(1));
        assertEquals(Map.of("zone", "c", "disk", "ssd"), spread.labelsFor(2));
        assertEquals(Map.of("zone", "a", "disk", "ssd"), spread.labelsFor(3));
    }

    @Test
    void eachItemCyclesOnItsOwnCount() {
        NodeSpread spread = NodeSpread.parse("zone=a|b,rack=r1|r2|r3", null);
        assertEquals(Map.of("zone", "b", "rack", "r3"), spread.labelsFor(5));
    }

    @Test
    void anEmptyTaintAlternativeLeavesTheNodeUntainted() {
        NodeSpread spread = NodeSpread.parse(null, "dedicated=gpu:NoSchedule||");
        Taint gpu = new Taint("dedicated", "gpu", "NoSchedule", null);
        assertEquals(List.of(gpu), spread.taintsFor(0));
        assertEquals(List.of(), spread.taintsFor(1));
        assertEquals(List.of(), spread.taintsFor(2));
        assertEquals(List.of(gpu), spread.taintsFor(3));
    }

    @Test
    void taintsWithoutValueAndSeveralItemsCombine() {
        NodeSpread spread = NodeSpread.parse(null, "spot:PreferNoSchedule,a=1:NoExecute|b=2:NoSchedule");
        assertEquals(List.of(new Taint("spot", null, "PreferNoSchedule", null), new Taint("b", "2", "NoSchedule", null)),
                spread.taintsFor(1));
    }

    @Test
    void noFlagsMeanNoSpread() {
        NodeSpread spread = NodeSpread.parse("", " ");
        assertEquals(Map.of(), spread.labelsFor(7));
        assertEquals(List.of(), spread.taintsFor(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu=true", "gpu=true:Sometimes", "=x:NoSchedule", ":NoSchedule"})
    void aTaintWithoutKeyOrKnownEffectIsRefused(String taints) {
        assertThrows(IllegalArgumentException.class, () -> NodeSpread.parse(null, taints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zone", "=a|b"})
    void aLabelWithoutKeyIsRefused(String labels) {
        assertThrows(IllegalArgumentException.class, () -> NodeSpread.parse(labels, null));
    }
}
