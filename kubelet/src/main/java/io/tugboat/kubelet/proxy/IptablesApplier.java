package io.tugboat.kubelet.proxy;

import io.tugboat.kubelet.proxy.ProxyRules.Jump;
import io.tugboat.kubelet.proxy.ProxyRules.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the text of {@link ProxyRules#generate} into the kernel and takes it out again. Three steps per apply:
 * <ol>
 *   <li>one {@code iptables-restore --noflush} transaction: every chain of ours is declared (so emptied) and
 *       refilled, and chains of ours that the new text no longer has (a deleted Service, a gone endpoint) are
 *       emptied and deleted ({@code -X}) — the kernel switches from the old rules to the new ones at once, and
 *       nobody else's chains are touched;</li>
 *   <li>the {@linkplain ProxyRules#jumps jump rules} from the built-in chains are checked (read back with
 *       {@code iptables-save}) and, where they are not the chain's first rules, moved back to the top — idempotent,
 *       so Docker inserting rules for a new network ahead of ours is repaired by the next apply or check;</li>
 *   <li>with localhost NodePorts, {@code net.ipv4.conf.all.route_localnet} is set to 1, as kube-proxy does, so a
 *       packet to 127.0.0.1 may be DNATed to a pod (the filter table drops such packets arriving from outside).</li>
 * </ol>
 * {@link #cleanup} undoes all three.
 */
public final class IptablesApplier {
    private static final Logger log = LoggerFactory.getLogger(IptablesApplier.class);
    private static final Path ROUTE_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");

    private final Iptables iptables;
    private final Options options;
    /** Present while route_localnet is 1 because a proxy of ours set it; survives the proxy's process. */
    private final Path routeLocalnetMarker;
    private boolean routeLocalnetSetByUs;

    public IptablesApplier(Iptables iptables, Options options) {
        this(iptables, options, null);
    }

    /**
     * @param stateDir where a marker file remembers that a proxy set route_localnet, so that whoever cleans up
     *                 after it — a standby that took over from a killed writer, {@code tug down} — restores 0;
     *                 {@code null}: only this applier's own change is undone
     */
    public IptablesApplier(Iptables iptables, Options options, Path stateDir) {
        this.iptables = iptables;
        this.options = options;
        this.routeLocalnetMarker = stateDir == null ? null : stateDir.resolve("route_localnet-set-by-" + options.prefix());
    }

    /** Makes the kernel's rules those of {@code rules} (a {@link ProxyRules#generate} result). */
    public void apply(String rules) throws IOException, InterruptedException {
        iptables.restore(withStaleChainsDeleted(rules));
        ensureJumps();
        if (options.localhostNodePorts()) {
            enableRouteLocalnet();
        }
    }

    /**
     * Whether every jump rule is in place at the top of its built-in chain. Docker inserts its own rules at the
     * top of FORWARD whenever it creates a network (a pod bridge, say), which would put its {@code ACCEPT}s for the
     * bridge before our {@code REJECT}s and its {@code DROP}s before our NodePort {@code ACCEPT}s.
     */
    public boolean jumpsInPlace() throws IOException, InterruptedException {
        Map<String, String> saved = new HashMap<>();
        for (Map.Entry<String, List<Jump>> chain : jumpsByChain().entrySet()) {
            if (!onTop(chain.getValue(), saved)) {
                return false;
            }
        }
        return true;
    }

    /** Removes the jump rules and every chain with our prefix, in both tables; restores route_localnet. */
    public void cleanup() throws IOException, InterruptedException {
        for (Jump jump : ProxyRules.jumps(options)) {
            while (iptables.delete(jump)) {
                // a rule inserted twice (by hand, or by a proxy of an older build) goes too
            }
        }
        StringBuilder text = new StringBuilder();
        for (String table : List.of("nat", "filter")) {
            List<String> ours = existingChains(table);
            if (ours.isEmpty()) {
                continue;
            }
            text.append('*').append(table).append('\n');
            ours.forEach(c -> text.append(':').append(c).append(" - [0:0]\n"));
            ours.forEach(c -> text.append("-X ").append(c).append('\n'));
            text.append("COMMIT\n");
        }
        if (!text.isEmpty()) {
            iptables.restore(text.toString());
        }
        if (routeLocalnetSetByUs || routeLocalnetMarker != null && Files.exists(routeLocalnetMarker)) {
            try {
                Files.writeString(ROUTE_LOCALNET, "0\n");
                routeLocalnetSetByUs = false;
                if (routeLocalnetMarker != null) {
                    Files.deleteIfExists(routeLocalnetMarker);
                }
            } catch (IOException e) {
                log.warn("could not restore {} to 0: {}", ROUTE_LOCALNET, e.toString());
            }
        }
    }

    /**
     * {@code rules} plus, per table, declarations and {@code -X} lines for the chains of ours that exist now but
     * are not in {@code rules}: they are emptied with the rest and deleted in the same transaction.
     */
    String withStaleChainsDeleted(String rules) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (String section : rules.split("(?<=COMMIT\n)")) {
            if (section.isBlank()) {
                continue;
            }
            String table = section.substring(1, section.indexOf('\n'));
            Set<String> wanted = new HashSet<>(ProxyRules.declaredChains(section, table));
            List<String> stale = new ArrayList<>();
            for (String chain : existingChains(table)) {
                if (!wanted.contains(chain)) {
                    stale.add(chain);
                }
            }
            if (stale.isEmpty()) {
                out.append(section);
                continue;
            }
            int header = section.indexOf('\n') + 1;
            int commit = section.lastIndexOf("COMMIT\n");
            out.append(section, 0, header);
            stale.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
            out.append(section, header, commit);
            stale.forEach(c -> out.append("-X ").append(c).append('\n'));
            out.append("COMMIT\n");
        }
        return out.toString();
    }

    /** The chains of {@code table} whose names start with our prefix and a dash ({@code TUG-}, not {@code TUGX-}). */
    List<String> existingChains(String table) throws IOException, InterruptedException {
        List<String> chains = new ArrayList<>();
        String mine = ":" + options.prefix() + "-";
        for (String line : iptables.save(table).split("\n")) {
            if (line.startsWith(mine)) {
                chains.add(line.substring(1, line.indexOf(' ')));
            }
        }
        return chains;
    }

    /**
     * Puts our jumps at the top of each built-in chain, in the listed order, unless they are there already: a
     * chain whose first rules are not ours loses every copy of ours and gets them inserted afresh (backwards, each
     * at position 1).
     */
    public void ensureJumps() throws IOException, InterruptedException {
        Map<String, String> saved = new HashMap<>();
        for (List<Jump> jumps : jumpsByChain().values()) {
            if (onTop(jumps, saved)) {
                continue;
            }
            for (Jump jump : jumps) {
                while (iptables.delete(jump)) {
                    // every copy: a jump left lower down would send packets through our chains twice
                }
            }
            for (int i = jumps.size() - 1; i >= 0; i--) {
                iptables.insertFirst(jumps.get(i));
            }
        }
    }

    /** Our jumps grouped by built-in chain ({@code "nat PREROUTING"}), in order. */
    private Map<String, List<Jump>> jumpsByChain() {
        Map<String, List<Jump>> chains = new LinkedHashMap<>();
        for (Jump jump : ProxyRules.jumps(options)) {
            chains.computeIfAbsent(jump.table() + " " + jump.chain(), k -> new ArrayList<>()).add(jump);
        }
        return chains;
    }

    /** Whether the first rules of the jumps' chain jump to their targets, in order ({@code saved} caches per table). */
    private boolean onTop(List<Jump> jumps, Map<String, String> saved) throws IOException, InterruptedException {
        String table = jumps.get(0).table();
        if (!saved.containsKey(table)) {
            saved.put(table, iptables.save(table));
        }
        String prefix = "-A " + jumps.get(0).chain() + " ";
        List<String> rules = saved.get(table).lines().filter(l -> l.startsWith(prefix)).limit(jumps.size()).toList();
        if (rules.size() < jumps.size()) {
            return false;
        }
        for (int i = 0; i < jumps.size(); i++) {
            List<String> args = jumps.get(i).args();
            if (!rules.get(i).endsWith(" -j " + args.get(args.size() - 1))) {
                return false;
            }
        }
        return true;
    }

    private void enableRouteLocalnet() {
        try {
            if (Files.readString(ROUTE_LOCALNET, StandardCharsets.US_ASCII).strip().equals("0")) {
                Files.writeString(ROUTE_LOCALNET, "1\n");
                routeLocalnetSetByUs = true;
                if (routeLocalnetMarker != null) {
                    Files.createDirectories(routeLocalnetMarker.getParent());
                    Files.writeString(routeLocalnetMarker, "route_localnet was 0 before the service proxy set it\n");
                }
                log.info("set {} to 1 so NodePorts answer on 127.0.0.1", ROUTE_LOCALNET);
            }
        } catch (IOException e) {
            log.warn("could not set {} (NodePorts will not answer on 127.0.0.1): {}", ROUTE_LOCALNET, e.toString());
        }
    }
}
