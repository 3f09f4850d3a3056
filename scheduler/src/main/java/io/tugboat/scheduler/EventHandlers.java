package io.tugboat.scheduler;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.Pod;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.scheduler.cache.SchedulerCache;
import io.tugboat.scheduler.framework.AffinityTerm;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.queue.SchedulingQueue;
import java.util.List;
import java.util.Objects;

/**
 * Routes informer events to the queue and the cache, as kube-scheduler's {@code eventhandlers.go}:
 * <ul>
 *   <li>a pod without a node, for this scheduler, not being deleted → the queue;</li>
 *   <li>a pod with a node (and not finished) → the cache; its appearance confirms an assumed pod;</li>
 *   <li>anything that could make an unschedulable pod fit — a node added or changed in a way that matters, an
 *       assigned pod deleted, a pod bound that pending pods want to be near — moves those pods back to the
 *       active (or backoff) queue.</li>
 * </ul>
 * Handlers only route; they never call the API server.
 */
public final class EventHandlers {
    private EventHandlers() {
    }

    /** Whether this scheduler should schedule {@code pod}: no node yet, our scheduler name, not deleting or done. */
    public static boolean pendingFor(Pod pod, String schedulerName) {
        String name = pod.spec() == null ? null : pod.spec().schedulerName();
        return pod.spec() != null && !assigned(pod) && pod.metadata().deletionTimestamp() == null && !terminal(pod)
                && (name == null || name.isEmpty() || name.equals(schedulerName));
    }

    /** Pod events: pending pods to the queue, assigned ones to the cache. */
    public static ResourceEventHandler<Pod> pods(SchedulingQueue queue, SchedulerCache cache, String schedulerName) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (assigned(pod)) {
                    if (!terminal(pod)) {
                        cache.addPod(pod);
                        assignedPodAdded(queue, pod);
                    }
                } else if (pendingFor(pod, schedulerName)) {
                    queue.add(pod);
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                String uid = newPod.metadata().uid();
                if (assigned(newPod)) {
                    queue.delete(uid);
                    if (terminal(newPod)) {
                        cache.removePod(uid); // a finished pod frees its resources, as if deleted
                        queue.moveAllToActiveOrBackoff(p -> true);
                    } else {
                        cache.updatePod(newPod);
                        if (!assigned(oldPod)) {
                            assignedPodAdded(queue, newPod);
                        }
                    }
                } else if (pendingFor(newPod, schedulerName)) {
                    queue.update(oldPod, newPod);
                } else {
                    queue.delete(uid);
                }
            }

            @Override
            public void onDelete(Deleted<Pod> deleted) {
                Pod pod = deleted.lastKnown();
                if (pod == null) {
                    return;
                }
                queue.delete(pod.metadata().uid());
                if (assigned(pod) || cache.contains(pod.metadata().uid())) {
                    cache.removePod(pod.metadata().uid());
                    queue.moveAllToActiveOrBackoff(p -> true);
                }
            }
        };
    }

    /** Node events: into the cache, and a retry of unschedulable pods when the node could now take them. */
    public static ResourceEventHandler<Node> nodes(SchedulingQueue queue, SchedulerCache cache) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.addNode(node);
                queue.moveAllToActiveOrBackoff(p -> true);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                cache.updateNode(newNode);
                if (schedulingRelevantChange(oldNode, newNode)) {
                    queue.moveAllToActiveOrBackoff(p -> true);
                }
            }

            @Override
            public void onDelete(Deleted<Node> deleted) {
                cache.removeNode(deleted.key());
            }
        };
    }

    /**
     * A bound pod may let pending pods with pod affinity to it (or hard spread constraints) fit: retry those only,
     * as Kubernetes does for {@code AssignedPodAdd}.
     */
    static void assignedPodAdded(SchedulingQueue queue, Pod pod) {
        PodInfo added = PodInfo.of(pod);
        queue.moveAllToActiveOrBackoff(p -> matchesAny(p.requiredAffinity(), added)
                || (p.pod().spec().topologySpreadConstraints() != null && !p.pod().spec().topologySpreadConstraints().isEmpty()));
    }

    /** Labels, taints, cordoning, allocatable or readiness changed (not just a heartbeat). */
    static boolean schedulingRelevantChange(Node oldNode, Node newNode) {
        return !Objects.equals(oldNode.metadata().labels(), newNode.metadata().labels())
                || !Objects.equals(oldNode.spec(), newNode.spec())
                || !Objects.equals(allocatable(oldNode), allocatable(newNode))
                || !Objects.equals(ready(oldNode), ready(newNode));
    }

    private static boolean matchesAny(List<AffinityTerm> terms, PodInfo pod) {
        return terms.stream().anyMatch(t -> t.matches(pod));
    }

    private static boolean assigned(Pod pod) {
        return pod.spec() != null && pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static Object allocatable(Node node) {
        return node.status() == null ? null : node.status().allocatable();
    }

    private static String ready(Node node) {
        if (node.status() == null || node.status().conditions() == null) {
            return null;
        }
        for (NodeCondition c : node.status().conditions()) {
            if ("Ready".equals(c.type())) {
                return c.status();
            }
        }
        return null;
    }
}
