/**
 * The StatefulSet controller: pods with a stable identity — name {@code <set>-<ordinal>}, hostname, and storage
 * that outlives them (Kubernetes' {@code pkg/controller/statefulset}). Start with
 * {@link io.tugboat.controllermanager.statefulset.StatefulSetController}; the ordering rules are one pure function,
 * {@link io.tugboat.controllermanager.statefulset.StatefulSetPlan#decide}, whose Javadoc walks through a scale-up
 * and a scale-down; the identity of a pod (labels, hostname, claim names) is
 * {@link io.tugboat.controllermanager.statefulset.StatefulPods}.
 *
 * <p>{@code OrderedReady} (the default) creates {@code web-0}, waits until it is Running and Ready, then creates
 * {@code web-1}; it scales down from the highest ordinal, one pod at a time. {@code Parallel} creates and deletes
 * all at once. A RollingUpdate replaces pods from the highest ordinal down to {@code partition}, one at a time,
 * each waiting for the previous to be ready; {@code OnDelete} replaces a pod only when the user deletes it. The
 * templates are ControllerRevisions ({@code io.tugboat.controllermanager.history}), named in
 * {@code status.currentRevision} / {@code updateRevision} and in each pod's {@code controller-revision-hash}
 * label. See docs/workloads.md, "StatefulSets".
 */
package io.tugboat.controllermanager.statefulset;
