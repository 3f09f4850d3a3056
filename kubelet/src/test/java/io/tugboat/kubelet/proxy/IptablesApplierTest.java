package io.tugboat.kubelet.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubelet.proxy.ProxyRules.Jump;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The applier's text surgery and jump handling, against a recording {@link Iptables}. */
class IptablesApplierTest {
    static final ProxyRules.Options OPTIONS = ProxyRules.Options.defaults().withNodePortAddresses(List.of("192.0.2.0/24"));

    /**
     * Answers {@code iptables-save} from a fixed text per table plus the rules of the built-in chains it keeps, and
     * records what would have been run.
     */
    static final class RecordingIptables extends Iptables {
        final Map<String, String> saved;
        final List<String> restored = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        /** "table chain" → its rules, top first, as {@code -A CHAIN args}. */
        final Map<String, List<String>> builtIn = new LinkedHashMap<>();

        RecordingIptables(Map<String, String> saved) {
            this.saved = saved;
        }

        static String line(Jump jump) {
            return "-A " + jump.chain() + " " + String.join(" ", jump.args());
        }

        List<String> rules(String table, String chain) {
            return builtIn.computeIfAbsent(table + " " + chain, k -> new ArrayList<>());
        }

        @Override
        public void restore(String rules) {
            restored.add(rules);
        }

        @Override
        public String save(String table) {
            StringBuilder out = new StringBuilder(saved.getOrDefault(table, ""));
            builtIn.forEach((key, rules) -> {
                if (key.startsWith(table + " ")) {
                    rules.forEach(r -> out.append(r).append('\n'));
                }
            });
            return out.toString();
        }

        @Override
        public boolean has(Jump jump) {
            return rules(jump.table(), jump.chain()).contains(line(jump));
        }

        @Override
        public void insertFirst(Jump jump) {
            calls.add("insert " + jump.table() + " " + jump.chain() + " " + String.join(" ", jump.args()));
            rules(jump.table(), jump.chain()).add(0, line(jump));
        }

        @Override
        public boolean delete(Jump jump) {
            calls.add("delete " + jump.table() + " " + jump.chain());
            return rules(jump.table(), jump.chain()).remove(line(jump));
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
        assertEquals(List.of(
                "-A FORWARD -m comment --comment tugboat forwarding rules -j TUG-FORWARD",
                "-A FORWARD -m conntrack --ctstate NEW -m comment --comment tugboat service portals -j TUG-SERVICES",
                "-A FORWARD -m conntrack --ctstate NEW -m comment --comment tugboat externally-visible service portals -j TUG-EXTERNAL-SERVICES"),
                iptables.rules("filter", "FORWARD"), "inserted backwards at the top: the listed order");

        iptables.calls.clear();
        applier.apply(rules);
        assertEquals(List.of(), iptables.calls, "a second apply finds every jump in place");
        assertTrue(applier.jumpsInPlace());

        applier.cleanup();
        assertTrue(iptables.builtIn.values().stream().allMatch(List::isEmpty), "every jump deleted: " + iptables.builtIn);
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

    @Test
    void jumpsPushedDownByDockerAreMovedBackToTheTop() throws Exception {
        RecordingIptables iptables = new RecordingIptables(Map.of());
        IptablesApplier applier = new IptablesApplier(iptables, OPTIONS);
        String rules = ProxyRules.generate(OPTIONS, List.of(), List.of());
        applier.apply(rules);
        List<String> forward = iptables.rules("filter", "FORWARD");
        List<String> ours = List.copyOf(forward);
        // What Docker does when it creates a bridge network: its rules for the bridge go in at the top.
        forward.add(0, "-A FORWARD -i br-pods ! -o br-pods -j ACCEPT");
        assertFalse(applier.jumpsInPlace());

        applier.apply(rules);
        assertEquals(ours, forward.subList(0, ours.size()), "ours first again, each once");
        assertEquals(ours.size() + 1, forward.size());
        assertEquals("-A FORWARD -i br-pods ! -o br-pods -j ACCEPT", forward.get(ours.size()));
        assertTrue(applier.jumpsInPlace());
    }
}
