package io.tugboat.kubelet.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.kubelet.proxy.ProxyRules.Jump;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The applier's text surgery and jump handling, against a recording {@link Iptables}. */
class IptablesApplierTest {
    static final ProxyRules.Options OPTIONS = ProxyRules.Options.defaults().withNodePortAddresses(List.of("192.0.2.0/24"));

    /** Answers {@code iptables-save} from a fixed text per table and records what would have been run. */
    static final class RecordingIptables extends Iptables {
        final Map<String, String> saved;
        final List<String> restored = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final List<Jump> present = new ArrayList<>();

        RecordingIptables(Map<String, String> saved) {
            this.saved = saved;
        }

        @Override
        public void restore(String rules) {
            restored.add(rules);
        }

        @Override
        public String save(String table) {
            return saved.getOrDefault(table, "");
        }

        @Override
        public boolean has(Jump jump) {
            return present.contains(jump);
        }

        @Override
        public void insertFirst(Jump jump) {
            calls.add("insert " + jump.table() + " " + jump.chain() + " " + String.join(" ", jump.args()));
            present.add(jump);
        }

        @Override
        public boolean delete(Jump jump) {
            calls.add("delete " + jump.table() + " " + jump.chain());
            return present.remove(jump);
        }
    }

    @Test
    void chainsOfOursThatTheNewTextLacksAreEmptiedAndDeletedInTheSameTransaction() throws Exception {
        RecordingIptables iptables = new RecordingIptables(Map.of("nat", """
                *nat
                :PREROUTING ACCEPT [0:0]
                :DOCKER - [0:0]
                :TUG-SERVICES - [0:0]
                :TUG-SVC-GONE - [0:0]
                :TUGT-SVC-OTHERPREFIX - [0:0]
                -A TUG-SERVICES -j TUG-SVC-GONE
                COMMIT
                """));
        IptablesApplier applier = new IptablesApplier(iptables, OPTIONS);
        String rules = "*nat\n:TUG-SERVICES - [0:0]\n-A TUG-SERVICES -j RETURN\nCOMMIT\n*filter\n:TUG-FORWARD - [0:0]\nCOMMIT\n";

        assertEquals("""
                *nat
                :TUG-SVC-GONE - [0:0]
                :TUG-SERVICES - [0:0]
                -A TUG-SERVICES -j RETURN
                -X TUG-SVC-GONE
                COMMIT
                *filter
                :TUG-FORWARD - [0:0]
                COMMIT
                """, applier.withStaleChainsDeleted(rules));
    }

    @Test
    void jumpsAreInsertedOnceInTheirListedOrderAndCleanupRemovesThemAndEveryChain() throws Exception {
        RecordingIptables iptables = new RecordingIptables(Map.of("nat", ":TUG-SERVICES - [0:0]\n:DOCKER - [0:0]\n",
                "filter", ":TUG-FORWARD - [0:0]\n"));
        IptablesApplier applier = new IptablesApplier(iptables, OPTIONS);
        String rules = ProxyRules.generate(OPTIONS, List.of(), List.of());
        applier.apply(rules);
        List<Jump> jumps = ProxyRules.jumps(OPTIONS);
        assertEquals(jumps.size(), iptables.calls.size());
        // Inserted at the top in reverse, so each built-in chain ends up with our jumps in the listed order.
        assertEquals("insert filter OUTPUT -m conntrack --ctstate NEW -m comment --comment tugboat service portals -j TUG-SERVICES",
                iptables.calls.get(0));
        assertEquals("insert nat PREROUTING -m comment --comment tugboat service portals -j TUG-SERVICES",
                iptables.calls.get(iptables.calls.size() - 1));

        iptables.calls.clear();
        applier.apply(rules);
        assertEquals(List.of(), iptables.calls, "a second apply finds every jump in place");
        assertEquals(true, applier.jumpsInPlace());

        applier.cleanup();
        assertEquals(List.of(), iptables.present, "every jump deleted");
        assertEquals("""
                *nat
                :TUG-SERVICES - [0:0]
                -X TUG-SERVICES
                COMMIT
                *filter
                :TUG-FORWARD - [0:0]
                -X TUG-FORWARD
                COMMIT
                """, iptables.restored.get(iptables.restored.size() - 1));
    }
}
