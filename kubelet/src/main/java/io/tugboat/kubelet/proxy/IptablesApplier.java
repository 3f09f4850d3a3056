package io.tugboat.kubelet.proxy;

import io.tugboat.kubelet.proxy.ProxyRules.Jump;
import io.tugboat.kubelet.proxy.ProxyRules.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 *   <li>the {@linkplain ProxyRules#jumps jump rules} from the built-in chains are checked ({@code iptables -C}) and
 *       inserted at the top where missing — idempotent, so a Docker restart that rebuilt its own rules ahead of
 *       ours is repaired on the next apply;</li>
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
    private boolean routeLocalnetSetByUs;

    public IptablesApplier(Iptables iptables, Options options) {
        this.iptables = iptables;
        this.options = options;
    }

    /** Makes the kernel's rules those of {@code rules} (a {@link ProxyRules#generate} result). */
    public void apply(String rules) throws IOException, InterruptedException {
        iptables.restore(withStaleChainsDeleted(rules));
        ensureJumps();
        if (options.localhostNodePorts()) {
            enableRouteLocalnet();
        }
    }

    /** Whether every jump rule is in place (a cheap check that nobody flushed the built-in chains). */
    public boolean jumpsInPlace() throws IOException, InterruptedException {
        for (Jump jump : ProxyRules.jumps(options)) {
            if (!iptables.has(jump)) {
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
        if (routeLocalnetSetByUs) {
            try {
                Files.writeString(ROUTE_LOCALNET, "0\n");
                routeLocalnetSetByUs = false;
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

    /** Inserts missing jumps; walking each chain's list backwards leaves them at the top in the listed order. */
    private void ensureJumps() throws IOException, InterruptedException {
        List<Jump> jumps = new ArrayList<>(ProxyRules.jumps(options));
        java.util.Collections.reverse(jumps);
        for (Jump jump : jumps) {
            if (!iptables.has(jump)) {
                iptables.insertFirst(jump);
            }
        }
    }

    private void enableRouteLocalnet() {
        try {
            if (Files.readString(ROUTE_LOCALNET, StandardCharsets.US_ASCII).strip().equals("0")) {
                Files.writeString(ROUTE_LOCALNET, "1\n");
                routeLocalnetSetByUs = true;
                log.info("set {} to 1 so NodePorts answer on 127.0.0.1", ROUTE_LOCALNET);
            }
        } catch (IOException e) {
            log.warn("could not set {} (NodePorts will not answer on 127.0.0.1): {}", ROUTE_LOCALNET, e.toString());
        }
    }
}
