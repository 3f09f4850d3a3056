package io.tugboat.scheduler.framework;

/**
 * PreFilter: runs once per scheduling cycle before any {@link FilterPlugin#filter}, to compute what the
 * plugin's filter needs from the whole cluster (the pods matching an affinity term, spread counts per zone) and
 * store it in the {@link CycleState}, so that filtering each node is cheap.
 *
 * <p>Contract: returns {@link Status#SUCCESS} to go on, {@link Status#SKIP} when the pod has nothing this
 * plugin checks (its {@code filter} is then not called for this pod), or a rejection that applies to every node
 * (the pod is then unschedulable without filtering anything). Must not modify the snapshot.
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot);
}
