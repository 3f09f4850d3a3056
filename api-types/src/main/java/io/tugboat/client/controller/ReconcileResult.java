package io.tugboat.client.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link Reconciler} tells the {@link ControllerRunner} after a pass that went as expected. (A pass that did
 * not go as expected throws, and the key is retried with backoff.)
 *
 * <ul>
 *   <li>{@link #done()}: the world matches the spec as far as this controller can tell. The key comes back only when
 *       something about the object changes.</li>
 *   <li>{@link #requeueAfter(Duration)}: nothing is wrong, but look again later even if nothing changes — a
 *       Deployment's progress deadline, a CronJob's next schedule, a node's heartbeat timeout. Time passing is not an
 *       event an informer delivers.</li>
 *   <li>{@link #requeueAt(Instant)}: the same at a moment on the runner's clock. Prefer it when the reconciler
 *       computed the moment itself (a CronJob's next run): a delay is turned into a moment when the runner receives
 *       it, so the time that passed in between — real, or a test's fake clock stepping — would be added twice.</li>
 * </ul>
 */
public sealed interface ReconcileResult {

    /** The pass is complete. */
    static ReconcileResult done() {
        return Done.INSTANCE;
    }

    /** The pass is complete, but reconcile this key again after {@code delay} (zero: as soon as possible). */
    static ReconcileResult requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    /** The pass is complete, but reconcile this key again at {@code at} on the runner's clock (at once if past). */
    static ReconcileResult requeueAt(Instant at) {
        return new RequeueAt(at);
    }

    /** See {@link ReconcileResult#done()}. */
    record Done() implements ReconcileResult {
        private static final Done INSTANCE = new Done();
    }

    /** See {@link ReconcileResult#requeueAfter(Duration)}. */
    record RequeueAfter(Duration delay) implements ReconcileResult {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("requeue delay is negative: " + delay);
            }
        }
    }

    /** See {@link ReconcileResult#requeueAt(Instant)}. */
    record RequeueAt(Instant at) implements ReconcileResult {
        public RequeueAt {
            Objects.requireNonNull(at, "at");
        }
    }
}
