package io.tugboat.scheduler;

import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.scheduler.cache.SchedulerCache;
import io.tugboat.scheduler.framework.Framework;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Snapshot;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.queue.QueuedPodInfo;
import io.tugboat.scheduler.queue.SchedulingQueue;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling loop: one thread takes pods from the {@link SchedulingQueue} and, for each, decides on a frozen
 * snapshot ({@link Algorithm}), assumes the pod on the chosen node in the {@link SchedulerCache} and hands the
 * binding to a pool of binding threads — then goes on with the next pod without waiting for the API server.
 *
 * <pre>
 *   pop ─► snapshot ─► decide ─┬─ Placed ──► assume ──► [binding thread] bind ─┬─ ok: finishBinding, "Scheduled" event
 *                              │                                              └─ error: forget, requeue (backoff)
 *                              └─ NoFit / Failed ──► requeue, PodScheduled=False, "FailedScheduling" event
 * </pre>
 * As kube-scheduler's {@code scheduleOne}: the scheduling cycle is serial (so each decision sees all earlier ones
 * through the assumed pods), the binding cycle is concurrent.
 */
public final class Scheduler implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    public static final String REASON_UNSCHEDULABLE = "Unschedulable";
    public static final String REASON_SCHEDULER_ERROR = "SchedulerError";

    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Framework framework;
    private final Algorithm algorithm;
    private final Function<PodInfo, Optional<Pod>> latest;
    private final PodConditionWriter conditions;
    private final EventRecorder events;
    private final Executor binders;
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    /**
     * @param latest     the pod as the informer shows it now ({@code empty} once deleted)
     * @param binders    where bindings and failure write-ups run; should be bounded and apply back-pressure
     */
    public Scheduler(SchedulingQueue queue, SchedulerCache cache, Framework framework, Algorithm algorithm,
                     Function<PodInfo, Optional<Pod>> latest, PodConditionWriter conditions, EventRecorder events,
                     Executor binders) {
        this.queue = queue;
        this.cache = cache;
        this.framework = framework;
        this.algorithm = algorithm;
        this.latest = latest;
        this.conditions = conditions;
        this.events = events;
        this.binders = binders;
    }

    /** Schedules pods until the queue is closed or the thread interrupted. */
    @Override
    public void run() {
        try {
            while (scheduleOne()) {
                // next pod
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One scheduling cycle; returns {@code false} once the queue is closed. */
    public boolean scheduleOne() throws InterruptedException {
        QueuedPodInfo queued = queue.pop();
        if (queued == null) {
            return false;
        }
        PodInfo pod = queued.pod();
        long cycle = queue.schedulingCycle();
        if (pod.pod().metadata().deletionTimestamp() != null || cache.contains(pod.uid())) {
            queue.done(pod.uid()); // being deleted, or already assumed/bound: nothing to do
            return true;
        }
        Snapshot snapshot = cache.snapshot();
        Decision decision;
        try {
            decision = algorithm.decide(pod, snapshot);
        } catch (RuntimeException bug) {
            log.error("scheduling {} failed", pod.key(), bug);
            decision = new Decision.Failed(Status.error(String.valueOf(bug.getMessage())));
        }
        if (decision instanceof Decision.Placed placed) {
            assumeAndBind(queued, cycle, placed.node());
        } else if (decision instanceof Decision.NoFit noFit) {
            failed(queued, cycle, REASON_UNSCHEDULABLE, noFit.error().message(), false);
        } else if (decision instanceof Decision.Failed f) {
            failed(queued, cycle, REASON_SCHEDULER_ERROR, f.status().message(), true);
        }
        return true;
    }

    /** How many pods this scheduler bound, and how many attempts failed (for logs and tests). */
    public long scheduledCount() {
        return scheduled.get();
    }

    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    private void assumeAndBind(QueuedPodInfo queued, long cycle, String node) {
        Pod pod = queued.pod().pod();
        PodInfo assumed = PodInfo.of(pod.withSpec(pod.spec().withNodeName(node)));
        cache.assume(assumed);
        binders.execute(() -> {
            Status status = framework.runBind(pod, node);
            if (status.isSuccess()) {
                cache.finishBinding(assumed.uid());
                queue.done(assumed.uid());
                scheduled.incrementAndGet();
                events.event(pod, EventRecorder.NORMAL, "Scheduled", "Successfully assigned %s to %s", queued.pod().key(), node);
            } else {
                // The node's resources were held for this pod: other pods may fit now.
                cache.forget(assumed.uid());
                queue.moveAllToActiveOrBackoff(p -> true);
                failed(queued, cycle, REASON_SCHEDULER_ERROR, status.message(), true);
            }
        });
    }

    /**
     * Puts the pod back in the queue — unless it is gone or bound meanwhile — and tells the user why, with an
     * event and the pod's PodScheduled condition (written on a binding thread, off the scheduling loop).
     */
    private void failed(QueuedPodInfo queued, long cycle, String reason, String message, boolean error) {
        failedAttempts.incrementAndGet();
        PodInfo pod = queued.pod();
        Optional<Pod> now = latest.apply(pod);
        if (now.isEmpty() || !Objects.equals(now.get().metadata().uid(), pod.uid()) || isAssigned(now.get())) {
            queue.done(pod.uid());
            return;
        }
        queue.addUnschedulable(queued, PodInfo.of(now.get()), cycle, error);
        if (error) {
            log.info("{} not scheduled, retrying after a backoff: {}", pod.key(), message);
        } else {
            log.debug("{} not scheduled: {}", pod.key(), message);
        }
        events.event(now.get(), EventRecorder.WARNING, "FailedScheduling", message);
        if (!conditionSays(now.get(), reason, message)) {
            binders.execute(() -> {
                try {
                    conditions.writeNotScheduled(now.get(), reason, message);
                } catch (ApiException e) {
                    log.info("could not write the PodScheduled condition of {}: {}", pod.key(), e.getMessage());
                }
            });
        }
    }

    private static boolean isAssigned(Pod pod) {
        return pod.spec() != null && pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
    }

    private static boolean conditionSays(Pod pod, String reason, String message) {
        if (pod.status() == null || pod.status().conditions() == null) {
            return false;
        }
        for (PodCondition c : pod.status().conditions()) {
            if ("PodScheduled".equals(c.type())) {
                return "False".equals(c.status()) && reason.equals(c.reason()) && message.equals(c.message());
            }
        }
        return false;
    }
}
