package io.tugboat.bench;

import io.tugboat.api.core.Pod;
import io.tugboat.client.informer.ResourceEventHandler;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Watches the benchmark's pods (through an informer handler) and notes, for each, when its {@code spec.nodeName}
 * was first seen — the moment its binding was persisted and came back on a watch — and which phase the hollow
 * kubelet last reported.
 */
final class BindingObserver implements ResourceEventHandler<Pod> {
    private final String prefix;
    private final AtomicLongArray boundAt;
    private final AtomicReferenceArray<String> nodeOf;
    private final AtomicReferenceArray<String> phaseOf;
    private final AtomicInteger bound = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();

    BindingObserver(String prefix, int count) {
        this.prefix = prefix;
        this.boundAt = new AtomicLongArray(count);
        this.nodeOf = new AtomicReferenceArray<>(count);
        this.phaseOf = new AtomicReferenceArray<>(count);
    }

    @Override
    public void onAdd(Pod pod) {
        observe(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod pod) {
        observe(pod);
    }

    private void observe(Pod pod) {
        long now = System.nanoTime();
        String name = pod.metadata().name();
        if (!name.startsWith(prefix)) {
            return;
        }
        int number = Integer.parseInt(name.substring(prefix.length()));
        if (number >= boundAt.length()) {
            return;
        }
        String node = pod.spec() == null ? null : pod.spec().nodeName();
        if (node != null && !node.isEmpty() && boundAt.compareAndSet(number, 0, now)) {
            nodeOf.set(number, node);
            bound.incrementAndGet();
        }
        String phase = pod.status() == null ? null : pod.status().phase();
        if ("Running".equals(phase) || "Failed".equals(phase)) {
            if (phaseOf.getAndSet(number, phase) == null) {
                settled.incrementAndGet();
            }
        }
    }

    /** How many pods have been seen bound. */
    int bound() {
        return bound.get();
    }

    /** How many pods a hollow kubelet has reported Running or Failed. */
    int settled() {
        return settled.get();
    }

    /** {@link System#nanoTime()} when pod {@code number} was first seen bound; 0 if not yet. */
    long boundAt(int number) {
        return boundAt.get(number);
    }

    String nodeOf(int number) {
        return nodeOf.get(number);
    }

    String phaseOf(int number) {
        return phaseOf.get(number);
    }
}
