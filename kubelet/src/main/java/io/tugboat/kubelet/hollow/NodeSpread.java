package io.tugboat.kubelet.hollow;

import io.tugboat.api.core.Taint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How labels and taints are spread over a fleet of hollow nodes: each item lists alternatives separated by
 * {@code |}, and node number {@code i} takes alternative {@code i mod n} of every item, round-robin and
 * independently per item.
 *
 * <pre>
 *   --labels=topology.kubernetes.io/zone=a|b|c,disk=ssd
 *       hollow-0000: zone=a disk=ssd    hollow-0001: zone=b disk=ssd    hollow-0002: zone=c disk=ssd
 *       hollow-0003: zone=a disk=ssd    ...
 *
 *   --taints=dedicated=gpu:NoSchedule|||      (an empty alternative means "no taint from this item")
 *       hollow-0000: dedicated=gpu:NoSchedule   hollow-0001..0003: none   hollow-0004: dedicated=gpu:NoSchedule ...
 * </pre>
 *
 * <p>A label item is {@code key=value1|value2|...}: the alternatives are values. A taint item is
 * {@code alternative|alternative|...} where each alternative is a whole taint, {@code key[=value]:Effect}
 * (kubectl taint's syntax), or empty. Items with the same number of alternatives stay in step (with two items
 * of three values, value 1 of the first always goes with value 1 of the second); pick coprime counts to mix
 * them.
 *
 * @param labels for each label key, its alternatives (in flag order)
 * @param taints for each taint item, its alternatives; {@code null} is "no taint"
 */
public record NodeSpread(Map<String, List<String>> labels, List<List<Taint>> taints) {
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    public NodeSpread {
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        taints = List.copyOf(taints.stream().map(NodeSpread::copyAllowingNulls).toList());
    }

    /** No labels and no taints beyond the ones every node gets. */
    public static NodeSpread none() {
        return new NodeSpread(Map.of(), List.of());
    }

    /** Parses both flags; either may be {@code null} or empty. */
    public static NodeSpread parse(String labelsFlag, String taintsFlag) {
        return new NodeSpread(parseLabels(labelsFlag), parseTaints(taintsFlag));
    }

    /**
     * {@code zone=a|b|c,disk=ssd} → {zone: [a, b, c], disk: [ssd]}.
     *
     * @throws IllegalArgumentException for an item without {@code =} or with an empty key
     */
    static Map<String, List<String>> parseLabels(String flag) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String item : items(flag)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--labels: \"" + item + "\" is not key=value1|value2|...");
            }
            String key = item.substring(0, eq).trim();
            labels.put(key, List.of(item.substring(eq + 1).split("\\|", -1)));
        }
        return labels;
    }

    /**
     * {@code dedicated=gpu:NoSchedule|,spot:PreferNoSchedule} → [[dedicated=gpu:NoSchedule, none],
     * [spot:PreferNoSchedule]].
     *
     * @throws IllegalArgumentException for a taint without a known effect or without a key
     */
    static List<List<Taint>> parseTaints(String flag) {
        List<List<Taint>> taints = new ArrayList<>();
        for (String item : items(flag)) {
            List<Taint> alternatives = new ArrayList<>();
            for (String alternative : item.split("\\|", -1)) {
                alternatives.add(alternative.isBlank() ? null : parseTaint(alternative.trim()));
            }
            taints.add(alternatives);
        }
        return taints;
    }

    private static Taint parseTaint(String text) {
        int colon = text.lastIndexOf(':');
        String effect = colon < 0 ? "" : text.substring(colon + 1);
        if (!EFFECTS.contains(effect)) {
            throw new IllegalArgumentException("--taints: \"" + text + "\" must end in :NoSchedule, :PreferNoSchedule"
                    + " or :NoExecute");
        }
        String keyValue = text.substring(0, colon);
        int eq = keyValue.indexOf('=');
        String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("--taints: \"" + text + "\" has no key");
        }
        return new Taint(key, eq < 0 ? null : keyValue.substring(eq + 1), effect, null);
    }

    private static List<String> items(String flag) {
        if (flag == null || flag.isBlank()) {
            return List.of();
        }
        return Arrays.stream(flag.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Taint> copyAllowingNulls(List<Taint> alternatives) {
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a taint item needs at least one alternative");
        }
        return java.util.Collections.unmodifiableList(new ArrayList<>(alternatives));
    }

    /** The spread labels of node number {@code index}. */
    public Map<String, String> labelsFor(int index) {
        Map<String, String> result = new LinkedHashMap<>();
        labels.forEach((key, values) -> result.put(key, values.get(index % values.size())));
        return result;
    }

    /** The spread taints of node number {@code index}. */
    public List<Taint> taintsFor(int index) {
        List<Taint> result = new ArrayList<>();
        for (List<Taint> alternatives : taints) {
            Taint taint = alternatives.get(index % alternatives.size());
            if (taint != null) {
                result.add(taint);
            }
        }
        return result;
    }
}
