package io.tugboat.controllermanager;

import io.tugboat.controllermanager.garbagecollector.GarbageCollector;
import io.tugboat.controllermanager.namespace.NamespaceController;
import io.tugboat.controllermanager.nodelifecycle.NodeLifecycleController;
import io.tugboat.controllermanager.nodelifecycle.TaintEvictionController;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controllers this controller manager knows, by name, and the {@code --controllers} selection among them.
 *
 * <p>Names are kube-controller-manager's (1.27+), and the short names it still accepts are aliases:
 * <pre>
 *   daemonset-controller           (daemonset)
 *   statefulset-controller         (statefulset)
 *   persistentvolume-binder-controller (persistentvolume-binder)
 *   garbage-collector-controller   (garbagecollector)
 *   node-lifecycle-controller      (nodelifecycle)
 *   taint-eviction-controller
 *   namespace-controller           (namespace)
 *   job-controller                 (job)
 *   cronjob-controller             (cronjob)
 *   ttl-after-finished-controller  (ttl-after-finished)
 *   node-ipam-controller           (nodeipam)
 *   endpoints-controller           (endpoint)
 *   endpointslice-controller       (endpointslice)
 *   endpointslice-mirroring-controller (endpointslicemirroring)
 * </pre>
 *
 * <p>{@code --controllers} is a list read as Kubernetes reads it: {@code foo} enables foo, {@code -foo}
 * disables it, {@code *} enables everything not named; the first entry that names a controller decides.
 * So {@code *,-namespace-controller} runs all but the namespace controller, and {@code garbagecollector} runs
 * only the garbage collector.
 */
public final class Controllers {
    private final Map<String, ControllerFactory> factories = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    /** Every built-in controller. Adding one is one {@link #register} line here. */
    public static Controllers builtIn() {
        return new Controllers()
                .register(io.tugboat.controllermanager.replicaset.ReplicaSetController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.replicaset.ReplicaSetController.newRunner(
                                c.client(), c.informers(), c.recorder("replicaset-controller"), c.clock(),
                                c.options().concurrentReplicaSetSyncs())), "replicaset")
                .register(io.tugboat.controllermanager.deployment.DeploymentController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.deployment.DeploymentController.newRunner(
                                c.client(), c.informers(), c.recorder("deployment-controller"), c.clock(),
                                c.options().concurrentDeploymentSyncs())), "deployment")
                .register(io.tugboat.controllermanager.job.JobController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.job.JobController.newRunner(
                                c.client(), c.informers(), c.recorder("job-controller"), c.clock(), 5)), "job")
                .register(io.tugboat.controllermanager.cronjob.CronJobController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.cronjob.CronJobController.newRunner(
                                c.client(), c.informers(), c.recorder("cronjob-controller"), c.clock(), 5)), "cronjob")
                .register(io.tugboat.controllermanager.job.TtlAfterFinishedController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.job.TtlAfterFinishedController.newRunner(
                                c.client(), c.informers(), c.clock(), 5)), "ttl-after-finished")
                .register(io.tugboat.controllermanager.daemonset.DaemonSetController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.daemonset.DaemonSetController.newRunner(
                                c.client(), c.informers(), c.recorder("daemonset-controller"), c.clock(), 2)), "daemonset")
                .register(io.tugboat.controllermanager.statefulset.StatefulSetController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.statefulset.StatefulSetController.newRunner(
                                c.client(), c.informers(), c.recorder("statefulset-controller"), c.clock(), 5)), "statefulset")
                .register(io.tugboat.controllermanager.volume.PersistentVolumeController.NAME,
                        c -> new RunnerController(io.tugboat.controllermanager.volume.PersistentVolumeController.newRunner(
                                c.client(), c.informers(), c.recorder("persistentvolume-controller"), 2)),
                        "persistentvolume-binder")
                .register(GarbageCollector.NAME, GarbageCollector::create, "garbagecollector")
                .register(NodeLifecycleController.NAME, NodeLifecycleController::create, "nodelifecycle")
                .register(TaintEvictionController.NAME, TaintEvictionController::create)
                .register(NamespaceController.NAME, NamespaceController::create, "namespace")
                .register(io.tugboat.controllermanager.nodeipam.NodeIpamController.NAME,
                        io.tugboat.controllermanager.nodeipam.NodeIpamController::create, "nodeipam")
                .register(io.tugboat.controllermanager.endpoint.EndpointsController.NAME,
                        io.tugboat.controllermanager.endpoint.EndpointsController::create, "endpoint")
                .register(io.tugboat.controllermanager.endpointslice.EndpointSliceController.NAME,
                        io.tugboat.controllermanager.endpointslice.EndpointSliceController::create, "endpointslice")
                .register(io.tugboat.controllermanager.endpointslice.EndpointSliceMirroringController.NAME,
                        io.tugboat.controllermanager.endpointslice.EndpointSliceMirroringController::create,
                        "endpointslicemirroring");
    }

    /** Adds a controller under {@code name}, also accepted in {@code --controllers} as any of {@code aliases}. */
    public Controllers register(String name, ControllerFactory factory, String... aliases) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("controller " + name + " is registered twice");
        }
        for (String alias : aliases) {
            this.aliases.put(alias, name);
        }
        return this;
    }

    /** The registered names, in registration order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    /**
     * The controllers {@code --controllers} selects, in registration order.
     *
     * @throws IllegalArgumentException for a name that is neither a controller, an alias, {@code *} nor their
     *                                  negation (as kube-controller-manager refuses to start)
     */
    public Map<String, ControllerFactory> select(List<String> flags) {
        List<String> canonical = new ArrayList<>();
        for (String flag : flags) {
            String entry = flag.trim();
            if (entry.isEmpty()) {
                continue;
            }
            boolean negated = entry.startsWith("-");
            String name = negated ? entry.substring(1) : entry;
            if (!name.equals("*")) {
                name = aliases.getOrDefault(name, name);
                if (!factories.containsKey(name)) {
                    throw new IllegalArgumentException("\"" + name + "\" is not in the list of known controllers: "
                            + factories.keySet());
                }
            }
            canonical.add(negated ? "-" + name : name);
        }
        Map<String, ControllerFactory> selected = new LinkedHashMap<>();
        factories.forEach((name, factory) -> {
            if (enabled(name, canonical)) {
                selected.put(name, factory);
            }
        });
        return selected;
    }

    /** kube-controller-manager's {@code IsControllerEnabled}: the first entry naming the controller wins. */
    private static boolean enabled(String name, List<String> flags) {
        boolean star = false;
        for (String flag : flags) {
            if (flag.equals(name)) {
                return true;
            }
            if (flag.equals("-" + name)) {
                return false;
            }
            star |= flag.equals("*");
        }
        return star;
    }
}
