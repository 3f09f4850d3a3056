package io.tugboat.scheduler;

import io.tugboat.scheduler.framework.BindPlugin;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Framework;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.Plugin;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.plugins.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which plugins run and how much each score weighs — kube-scheduler's {@code KubeSchedulerProfile}, cut down.
 * {@link #defaults()} is Kubernetes' default plugin set and weights (v1.32), minus what Tugboat does not have
 * (volume limits and zones, images, preemption, scheduling gates) plus NodeReady (see its Javadoc):
 * <pre>
 *   filter: NodeUnschedulable NodeName NodeReady TaintToleration NodeAffinity VolumeBinding NodePorts NodeResourcesFit
 *           PodTopologySpread InterPodAffinity
 *   score:  TaintToleration×3 NodeAffinity×2 NodeResourcesFit×1 PodTopologySpread×2 InterPodAffinity×2
 *           NodeResourcesBalancedAllocation×1
 *   bind:   DefaultBinder
 * </pre>
 * {@link #withOverrides} changes it from a {@code --profile} string.
 *
 * @param percentageOfNodesToScore 0 for Kubernetes' adaptive default (see {@link Framework#numFeasibleNodesToFind})
 */
public record Profile(String schedulerName, List<String> filters, Map<String, Integer> scores, List<String> binders,
                      int percentageOfNodesToScore) {
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

    public Profile {
        filters = List.copyOf(filters);
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        binders = List.copyOf(binders);
    }

    public static Profile defaults() {
        Map<String, Integer> scores = new LinkedHashMap<>();
        scores.put("TaintToleration", 3);
        scores.put("NodeAffinity", 2);
        scores.put("NodeResourcesFit", 1);
        scores.put("PodTopologySpread", 2);
        scores.put("InterPodAffinity", 2);
        scores.put("NodeResourcesBalancedAllocation", 1);
        return new Profile(DEFAULT_SCHEDULER_NAME,
                List.of("NodeUnschedulable", "NodeName", "NodeReady", "TaintToleration", "NodeAffinity", "VolumeBinding", "NodePorts",
                        "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity"),
                scores, List.of("DefaultBinder"), 0);
    }

    /**
     * This profile changed by a comma-separated list of edits, applied in order:
     * <pre>
     *   -Name            disable the plugin everywhere (filter and score)
     *   Name=W           score with the plugin at weight W (0 disables its score only)
     *   +Name            enable the plugin's filter (appended) if it has one
     *   percentageOfNodesToScore=P
     * </pre>
     * e.g. {@code --profile=-PodTopologySpread,NodeResourcesFit=5}.
     *
     * @throws IllegalArgumentException for an unknown plugin or a malformed edit
     */
    public Profile withOverrides(String spec) {
        List<String> f = new ArrayList<>(filters);
        Map<String, Integer> s = new LinkedHashMap<>(scores);
        int percentage = percentageOfNodesToScore;
        for (String raw : spec.split(",")) {
            String edit = raw.trim();
            if (edit.isEmpty()) {
                continue;
            }
            if (edit.startsWith("percentageOfNodesToScore=")) {
                percentage = Integer.parseInt(edit.substring(edit.indexOf('=') + 1).trim());
            } else if (edit.startsWith("-")) {
                String name = known(edit.substring(1));
                f.remove(name);
                s.remove(name);
            } else if (edit.startsWith("+")) {
                String name = known(edit.substring(1));
                if (!f.contains(name)) {
                    f.add(name);
                }
            } else if (edit.contains("=")) {
                String name = known(edit.substring(0, edit.indexOf('=')).trim());
                int weight = Integer.parseInt(edit.substring(edit.indexOf('=') + 1).trim());
                if (weight == 0) {
                    s.remove(name);
                } else {
                    s.put(name, weight);
                }
            } else {
                throw new IllegalArgumentException("profile edit \"" + edit + "\" is not -Name, +Name, Name=weight or percentageOfNodesToScore=P");
            }
        }
        return new Profile(schedulerName, f, s, binders, percentage);
    }

    /**
     * Instantiates the plugins (one instance per name, shared by the extension points it serves).
     *
     * @throws IllegalArgumentException when a plugin named for an extension point does not implement it
     */
    public Framework build(Handle handle) {
        Map<String, Plugin> instances = new HashMap<>();
        List<FilterPlugin> filterPlugins = new ArrayList<>();
        for (String name : filters) {
            filterPlugins.add(as(FilterPlugin.class, instances.computeIfAbsent(name, n -> Registry.create(n, handle)), "filter"));
        }
        Map<ScorePlugin, Integer> scorePlugins = new LinkedHashMap<>();
        scores.forEach((name, weight) -> scorePlugins.put(
                as(ScorePlugin.class, instances.computeIfAbsent(name, n -> Registry.create(n, handle)), "score"), weight));
        List<BindPlugin> bindPlugins = new ArrayList<>();
        for (String name : binders) {
            bindPlugins.add(as(BindPlugin.class, instances.computeIfAbsent(name, n -> Registry.create(n, handle)), "bind"));
        }
        return new Framework(schedulerName, filterPlugins, scorePlugins, bindPlugins, percentageOfNodesToScore);
    }

    private static String known(String name) {
        if (!Registry.names().contains(name)) {
            throw new IllegalArgumentException("unknown plugin " + name + " (known: " + String.join(", ", Registry.names()) + ")");
        }
        return name;
    }

    private static <T> T as(Class<T> type, Plugin plugin, String point) {
        if (!type.isInstance(plugin)) {
            throw new IllegalArgumentException(plugin.name() + " has no " + point + " extension point");
        }
        return type.cast(plugin);
    }
}
