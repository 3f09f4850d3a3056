package io.tugboat.scheduler.plugins;

import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.Plugin;
import io.tugboat.scheduler.plugins.balancedallocation.BalancedAllocationPlugin;
import io.tugboat.scheduler.plugins.defaultbinder.DefaultBinderPlugin;
import io.tugboat.scheduler.plugins.interpodaffinity.InterPodAffinityPlugin;
import io.tugboat.scheduler.plugins.nodeaffinity.NodeAffinityPlugin;
import io.tugboat.scheduler.plugins.nodename.NodeNamePlugin;
import io.tugboat.scheduler.plugins.nodeports.NodePortsPlugin;
import io.tugboat.scheduler.plugins.nodeready.NodeReadyPlugin;
import io.tugboat.scheduler.plugins.noderesources.NodeResourcesFitPlugin;
import io.tugboat.scheduler.plugins.nodeunschedulable.NodeUnschedulablePlugin;
import io.tugboat.scheduler.plugins.podtopologyspread.PodTopologySpreadPlugin;
import io.tugboat.scheduler.plugins.tainttoleration.TaintTolerationPlugin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every plugin Tugboat's scheduler knows, by name: the names a profile may use. Adding a plugin is one line here
 * (and a package of its own).
 */
public final class Registry {
    private static final Map<String, Function<Handle, Plugin>> FACTORIES;

    static {
        Map<String, Function<Handle, Plugin>> m = new LinkedHashMap<>();
        m.put(NodeUnschedulablePlugin.NAME, NodeUnschedulablePlugin::create);
        m.put(NodeNamePlugin.NAME, NodeNamePlugin::create);
        m.put(NodeReadyPlugin.NAME, NodeReadyPlugin::create);
        m.put(TaintTolerationPlugin.NAME, TaintTolerationPlugin::create);
        m.put(NodeAffinityPlugin.NAME, NodeAffinityPlugin::create);
        m.put(io.tugboat.scheduler.plugins.volumebinding.VolumeBindingPlugin.NAME,
                io.tugboat.scheduler.plugins.volumebinding.VolumeBindingPlugin::create);
        m.put(NodePortsPlugin.NAME, NodePortsPlugin::create);
        m.put(NodeResourcesFitPlugin.NAME, NodeResourcesFitPlugin::create);
        m.put(PodTopologySpreadPlugin.NAME, PodTopologySpreadPlugin::create);
        m.put(InterPodAffinityPlugin.NAME, InterPodAffinityPlugin::create);
        m.put(BalancedAllocationPlugin.NAME, BalancedAllocationPlugin::create);
        m.put(DefaultBinderPlugin.NAME, DefaultBinderPlugin::create);
        FACTORIES = Collections.unmodifiableMap(m);
    }

    private Registry() {
    }

    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * A new instance of the plugin called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Plugin create(String name, Handle handle) {
        Function<Handle, Plugin> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown plugin " + name + " (known: " + String.join(", ", names()) + ")");
        }
        return factory.apply(handle);
    }
}
