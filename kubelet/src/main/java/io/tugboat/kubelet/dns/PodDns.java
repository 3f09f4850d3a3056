package io.tugboat.kubelet.dns;

import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodDNSConfig;
import io.tugboat.api.core.PodDNSConfigOption;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a pod's {@code /etc/resolv.conf} says, decided from its {@code dnsPolicy} and {@code dnsConfig} as the
 * kubelet's DNS configurer does:
 *
 * <pre>
 *   dnsPolicy                         nameservers         search                                      options
 *   ClusterFirst (default)            cluster DNS         &lt;ns&gt;.svc.&lt;domain&gt; svc.&lt;domain&gt; &lt;domain&gt; + node's   ndots:5
 *   ClusterFirst + hostNetwork        ─ as Default ─
 *   ClusterFirstWithHostNet           cluster DNS, as ClusterFirst, also with hostNetwork
 *   Default                           the node's resolv.conf, as it is
 *   None                              only what dnsConfig gives
 * </pre>
 *
 * Then {@code dnsConfig} is merged in: its nameservers and searches appended (duplicates dropped), its options
 * replacing those of the same name. The result is cut to the resolver's limits: 3 nameservers, 32 search domains.
 * A ClusterFirst pod on a node without cluster DNS gets Default, with a warning, as Kubernetes does.
 *
 * <p>One difference: a pod with its own network (not hostNetwork) cannot reach the node's loopback, so loopback
 * nameservers of the node's file (a local stub such as systemd-resolved's 127.0.0.53) are left out of Default
 * pods' files.
 */
public final class PodDns {
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;
    static final int MAX_SEARCH_CHARS = 2048;

    /** A pod's file and, if its policy could not be honoured, why (for the log or an Event). */
    public record Decision(ResolvConf resolvConf, Optional<String> warning) {
    }

    private final String clusterDomain;
    private final Supplier<List<String>> clusterNameservers;

    /** @param clusterNameservers what ClusterFirst pods get; empty: no cluster DNS on this node */
    public PodDns(String clusterDomain, List<String> clusterNameservers) {
        this(clusterDomain, () -> clusterNameservers);
    }

    /** @param clusterNameservers read at each decision: the node's DNS address may become known after the start */
    public PodDns(String clusterDomain, Supplier<List<String>> clusterNameservers) {
        this.clusterDomain = clusterDomain;
        this.clusterNameservers = clusterNameservers;
    }

    /** @param node the node's resolv.conf, as read now */
    public Decision decide(Pod pod, ResolvConf node) {
        boolean hostNetwork = Boolean.TRUE.equals(pod.spec().hostNetwork());
        String policy = pod.spec().dnsPolicy() == null || pod.spec().dnsPolicy().isEmpty() ? "ClusterFirst" : pod.spec().dnsPolicy();
        boolean cluster = policy.equals("ClusterFirstWithHostNet") || policy.equals("ClusterFirst") && !hostNetwork;
        List<String> clusterNameservers = List.copyOf(this.clusterNameservers.get());
        Optional<String> warning = Optional.empty();
        if (cluster && clusterNameservers.isEmpty()) {
            cluster = false;
            warning = Optional.of("kubelet does not have ClusterDNS IP configured and cannot create Pod using \"" + policy
                    + "\" policy. Falling back to \"Default\" policy.");
        }
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> nodeSearches = node.searches().stream().filter(s -> !s.equals("."))
                .map(s -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s).toList();
        if (policy.equals("None")) {
            // only dnsConfig
        } else if (cluster) {
            nameservers.addAll(clusterNameservers);
            searches.addAll(List.of(pod.metadata().namespace() + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain));
            searches.addAll(nodeSearches);
            options.add("ndots:5");
        } else {
            node.nameservers().stream().filter(ns -> hostNetwork || !isLoopback(ns)).forEach(nameservers::add);
            searches.addAll(nodeSearches);
            options.addAll(node.options());
        }
        PodDNSConfig extra = pod.spec().dnsConfig();
        if (extra != null) {
            nameservers.addAll(extra.nameservers() == null ? List.of() : extra.nameservers());
            searches.addAll(extra.searches() == null ? List.of() : extra.searches());
            options = mergeOptions(options, extra.options() == null ? List.of() : extra.options());
        }
        return new Decision(new ResolvConf(limit(distinct(nameservers), MAX_NAMESERVERS), limitSearches(distinct(searches)),
                options), warning);
    }

    /** Options by name: the pod's replace the generated ones; {@code name:value}, or {@code name} without a value. */
    static List<String> mergeOptions(List<String> base, List<PodDNSConfigOption> pods) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : base) {
            int colon = option.indexOf(':');
            byName.put(colon < 0 ? option : option.substring(0, colon), colon < 0 ? "" : option.substring(colon + 1));
        }
        for (PodDNSConfigOption option : pods) {
            byName.put(option.name(), option.value() == null ? "" : option.value());
        }
        List<String> out = new ArrayList<>();
        byName.forEach((name, value) -> out.add(value.isEmpty() ? name : name + ":" + value));
        return out;
    }

    private static List<String> distinct(List<String> list) {
        return List.copyOf(new LinkedHashSet<>(list));
    }

    private static List<String> limit(List<String> list, int max) {
        return list.size() > max ? list.subList(0, max) : list;
    }

    /** At most 32 domains, and no more than fit in 2048 characters with their spaces. */
    private static List<String> limitSearches(List<String> searches) {
        List<String> out = new ArrayList<>();
        int chars = 0;
        for (String s : limit(searches, MAX_SEARCHES)) {
            chars += (out.isEmpty() ? 0 : 1) + s.length();
            if (chars > MAX_SEARCH_CHARS) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    private static boolean isLoopback(String ip) {
        if (!ip.matches("[0-9a-fA-F:.]+")) {
            return false; // not an address literal; never look a name up here
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress(); // literals only: resolv.conf holds addresses
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
