package io.tugboat.controllermanager.daemonset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The DaemonSet controller's decisions, as pure functions of what is on each node (Kubernetes'
 * {@code podsShouldBeOnNode} and {@code rollingUpdate}). The controller turns the cache into {@link DaemonPod}s,
 * asks, and then does what the {@link Plan} says.
 */
public final class DaemonSetPlans {
    private DaemonSetPlans() {
    }

    /** One pod of the DaemonSet on a node, as the decisions see it. */
    public record DaemonPod(String name, boolean updated, boolean available, boolean deleting, boolean failed,
                            Instant created) {
    }

    /** Pods to create (one per node listed) and pods to delete (by name). */
    public record Plan(List<String> createOn, List<String> delete) {
        public static final Plan NOTHING = new Plan(List.of(), List.of());
    }

    /**
     * What one node needs, regardless of updates:
     *
     * <pre>
     *   should run, no daemon pod at all (not even one terminating)  ─▶ create one
     *   may keep running                                            ─▶ delete failed pods; of several live ones
     *                                                                  keep the oldest (with surge: the oldest
     *                                                                  old and the oldest updated one)
     *   may not keep running                                        ─▶ delete every live one
     * </pre>
     *
     * A pod being deleted blocks a new one: the two could fight over a host port or a host directory.
     */
    public static Plan forNode(String node, DaemonPods.Eligibility eligibility, List<DaemonPod> pods, boolean surge) {
        if (eligibility.shouldRun() && pods.isEmpty()) {
            return new Plan(List.of(node), List.of());
        }
        List<String> delete = new ArrayList<>();
        if (eligibility.shouldContinueRunning()) {
            List<DaemonPod> running = new ArrayList<>();
            for (DaemonPod pod : pods) {
                if (pod.deleting()) {
                    continue;
                }
                if (pod.failed()) {
                    delete.add(pod.name()); // a failed daemon is replaced on the next pass
                } else {
                    running.add(pod);
                }
            }
            running.sort(Comparator.comparing(DaemonPod::created, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(DaemonPod::name));
            if (running.size() > 1) {
                DaemonPod keepOld = null;
                DaemonPod keepNew = null;
                for (DaemonPod pod : running) {
                    if (!surge) {
                        if (keepOld == null) {
                            keepOld = pod;
                            continue;
                        }
                    } else if (pod.updated() && keepNew == null) {
                        keepNew = pod;
                        continue;
                    } else if (!pod.updated() && keepOld == null) {
                        keepOld = pod;
                        continue;
                    }
                    delete.add(pod.name());
                }
            }
        } else {
            pods.stream().filter(p -> !p.deleting()).forEach(p -> delete.add(p.name()));
        }
        return new Plan(List.of(), delete);
    }

    /** The live pods of one node that should run the DaemonSet, for {@link #rollingUpdate}. */
    public record NodePods(String node, List<DaemonPod> pods) {
    }

    /**
     * The next step of a RollingUpdate over the nodes that should run the DaemonSet.
     *
     * <p>Without surge ({@code maxSurge} 0), old pods are deleted — the replacement comes from {@link #forNode} once
     * the old one is gone — while no more than {@code maxUnavailable} nodes lack an available daemon. A node with
     * no pod, or an unavailable updated pod, counts as unavailable; an unavailable old pod is replaced at once, as
     * it serves nothing. With surge, a new pod is started next to the old one on up to {@code maxSurge} nodes at a
     * time, and the old one is deleted once the new one is available.
     */
    public static Plan rollingUpdate(List<NodePods> nodes, int maxSurge, int maxUnavailable) {
        return maxSurge == 0 ? withoutSurge(nodes, maxUnavailable) : withSurge(nodes, maxSurge);
    }

    private static Plan withoutSurge(List<NodePods> nodes, int maxUnavailable) {
        int unavailable = 0;
        List<String> replace = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (NodePods node : nodes) {
            Split split = split(node.pods());
            if (split == null || (split.oldPod == null) == (split.newPod == null)) {
                unavailable++; // none yet, or both: forNode sorts this node out first
            } else if (split.newPod != null) {
                if (!split.newPod.available()) {
                    unavailable++;
                }
            } else if (!split.oldPod.available()) {
                replace.add(split.oldPod.name());
            } else if (unavailable < maxUnavailable) {
                candidates.add(split.oldPod.name());
            }
        }
        int room = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        List<String> delete = new ArrayList<>(replace);
        delete.addAll(candidates.subList(0, room));
        return new Plan(List.of(), delete);
    }

    private static Plan withSurge(List<NodePods> nodes, int maxSurge) {
        int surging = 0;
        List<String> allowed = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        for (NodePods node : nodes) {
            Split split = split(node.pods());
            if (split == null) {
                surging++; // several pods of one kind: forNode cleans up, count it as surging meanwhile
                continue;
            }
            if (split.oldPod == null) {
                continue;
            }
            if (split.newPod == null) {
                if (!split.oldPod.available()) {
                    allowed.add(node.node());
                } else if (surging < maxSurge) {
                    candidates.add(node.node());
                }
            } else if (!split.newPod.available()) {
                surging++;
            } else {
                delete.add(split.oldPod.name());
            }
        }
        int room = Math.max(0, Math.min(maxSurge - surging, candidates.size()));
        List<String> create = new ArrayList<>(allowed);
        create.addAll(candidates.subList(0, room));
        return new Plan(create, delete);
    }

    private record Split(DaemonPod oldPod, DaemonPod newPod) {
    }

    /** The node's one old and one updated live pod; {@code null} if it has two of a kind. */
    private static Split split(List<DaemonPod> pods) {
        DaemonPod oldPod = null;
        DaemonPod newPod = null;
        for (DaemonPod pod : pods) {
            if (pod.deleting()) {
                continue;
            }
            if (pod.updated()) {
                if (newPod != null) {
                    return null;
                }
                newPod = pod;
            } else {
                if (oldPod != null) {
                    return null;
                }
                oldPod = pod;
            }
        }
        return new Split(oldPod, newPod);
    }

    /** How far a rolling update may go at once, in nodes. */
    public record Limits(int maxSurge, int maxUnavailable) {
    }

    /** {@code maxSurge} and {@code maxUnavailable} as node counts for {@code desired} nodes; never both 0. */
    public static Limits resolve(io.tugboat.api.IntOrString maxSurge, io.tugboat.api.IntOrString maxUnavailable,
                                int desired) {
        int surge = maxSurge == null ? 0 : maxSurge.scaledValue(desired, true);
        int unavailable = maxUnavailable == null ? 1 : maxUnavailable.scaledValue(desired, true);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1; // Kubernetes' safety net: a rollout must be able to make progress
        }
        return new Limits(surge, unavailable);
    }
}
