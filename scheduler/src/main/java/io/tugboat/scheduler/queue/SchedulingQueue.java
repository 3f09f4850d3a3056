package io.tugboat.scheduler.queue;

import io.tugboat.api.core.Pod;
import io.tugboat.scheduler.framework.PodInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The pods waiting for a node, in three places, as kube-scheduler's {@code PriorityQueue}:
 * <pre>
 *              add()                 pop()
 *   informer ────────► activeQ ──────────────► scheduling cycle ──► bound: done()
 *                        ▲  ▲                        │
 *        backoff expired │  │ an event that          │ failed
 *        (every second)  │  │ could help             ▼
 *                     backoffQ ◄──────────── unschedulable set
 *                        ▲     event, still            │ stayed 5 minutes: retried anyway
 *                        │     backing off             │ (every 30 s)
 *                        └── error, or an event arrived during the attempt
 * </pre>
 * <ul>
 *   <li><b>activeQ</b>: ready to be tried, highest {@code spec.priority} first, then the longest waiting
 *       (Kubernetes' PrioritySort).</li>
 *   <li><b>backoffQ</b>: tried and failed recently; waits {@code 1 s × 2^(attempts−1)}, at most 10 s, before it
 *       becomes active again, so that a pod that keeps failing does not hog the scheduler.</li>
 *   <li><b>unschedulable</b>: fits nowhere now. It stays until something happens that could make it fit (a node
 *       added or changed, a pod deleted, a pod bound that it wants to be near) — {@link #moveAllToActiveOrBackoff}
 *       — or at the latest 5 minutes ({@code podMaxInUnschedulablePodsDuration}).</li>
 * </ul>
 * A pod that fails while an event arrived during its attempt goes to backoffQ instead of unschedulable: the event
 * may have come too late for the snapshot it was judged on ({@code moveRequestCycle}).
 *
 * <p>Thread-safe; {@link #pop()} blocks. Time comes from the injected {@link Clock}; the periodic flushes are the
 * caller's to run ({@link #flushBackoffCompleted()} every second, {@link #flushUnschedulableLeftover()} every 30 s).
 */
public final class SchedulingQueue {
    public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    public static final Duration MAX_IN_UNSCHEDULABLE = Duration.ofMinutes(5);

    private final Clock clock;
    private final PriorityQueue<QueuedPodInfo> activeQ = new PriorityQueue<>(
            Comparator.comparingInt((QueuedPodInfo q) -> -q.pod().priority()).thenComparing(QueuedPodInfo::timestamp));
    private final PriorityQueue<QueuedPodInfo> backoffQ = new PriorityQueue<>(Comparator.comparing(this::backoffExpiry));
    private final Map<String, QueuedPodInfo> active = new HashMap<>();
    private final Map<String, QueuedPodInfo> backoff = new HashMap<>();
    private final Map<String, QueuedPodInfo> unschedulable = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private long schedulingCycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    public SchedulingQueue(Clock clock) {
        this.clock = clock;
    }

    // ------------------------------------------------------------------ informer events about pending pods

    /** A pending pod appeared. */
    public synchronized void add(Pod pod) {
        String uid = pod.metadata().uid();
        if (contains(uid) || inFlight.contains(uid)) {
            return;
        }
        pushActive(new QueuedPodInfo(PodInfo.of(pod), clock.instant()));
    }

    /**
     * A pending pod changed. In activeQ or backoffQ it is updated in place; in the unschedulable set, a change to
     * anything but its status moves it out (the change may make it fit); if it is nowhere, it is added.
     */
    public synchronized void update(Pod oldPod, Pod newPod) {
        String uid = newPod.metadata().uid();
        PodInfo info = PodInfo.of(newPod);
        QueuedPodInfo q = active.get(uid);
        if (q == null) {
            q = backoff.get(uid);
        }
        if (q != null) {
            q.setPod(info); // ordering keys (priority) are immutable in a pod spec
            return;
        }
        q = unschedulable.get(uid);
        if (q != null) {
            q.setPod(info);
            if (oldPod == null || !Objects.equals(oldPod.spec(), newPod.spec())
                    || !Objects.equals(oldPod.metadata().labels(), newPod.metadata().labels())) {
                unschedulable.remove(uid);
                requeue(q);
            }
            return;
        }
        add(newPod);
    }

    /** The pod is gone, or no longer ours (bound, being deleted). */
    public synchronized void delete(String uid) {
        QueuedPodInfo q = active.remove(uid);
        if (q != null) {
            activeQ.remove(q);
        }
        q = backoff.remove(uid);
        if (q != null) {
            backoffQ.remove(q);
        }
        unschedulable.remove(uid);
    }

    // ------------------------------------------------------------------ the scheduling loop

    /**
     * Takes the next pod to schedule, blocking while activeQ is empty; {@code null} once {@link #close()}d.
     * The pod is "in flight" until {@link #done} or {@link #addUnschedulable}.
     */
    public synchronized QueuedPodInfo pop() throws InterruptedException {
        while (activeQ.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        QueuedPodInfo q = activeQ.poll();
        active.remove(q.uid());
        inFlight.add(q.uid());
        q.attempted();
        schedulingCycle++;
        return q;
    }

    /** The scheduling cycle of the last {@link #pop()}: pass it back to {@link #addUnschedulable}. */
    public synchronized long schedulingCycle() {
        return schedulingCycle;
    }

    /** The pod was bound (or dropped): it leaves the queue for good. */
    public synchronized void done(String uid) {
        inFlight.remove(uid);
    }

    /**
     * Puts back a pod whose attempt failed: to backoffQ after an error or when an event arrived since the attempt
     * started ({@code podCycle}), else to the unschedulable set.
     *
     * @param latest the pod as the informer shows it now (it may have changed during the attempt)
     */
    public synchronized void addUnschedulable(QueuedPodInfo q, PodInfo latest, long podCycle, boolean error) {
        inFlight.remove(q.uid());
        if (contains(q.uid())) {
            return; // re-added by an update meanwhile
        }
        q.setPod(latest);
        q.setTimestamp(clock.instant());
        if (error || moveRequestCycle >= podCycle) {
            pushBackoff(q);
        } else {
            unschedulable.put(q.uid(), q);
        }
    }

    // ------------------------------------------------------------------ events that could help

    /**
     * Something changed that could make unschedulable pods fit: move those accepted by {@code which} to activeQ,
     * or to backoffQ while they are still backing off.
     */
    public synchronized void moveAllToActiveOrBackoff(Predicate<PodInfo> which) {
        List<QueuedPodInfo> moving = new ArrayList<>();
        for (QueuedPodInfo q : unschedulable.values()) {
            if (which.test(q.pod())) {
                moving.add(q);
            }
        }
        for (QueuedPodInfo q : moving) {
            unschedulable.remove(q.uid());
            requeue(q);
        }
        moveRequestCycle = schedulingCycle;
    }

    /** Moves pods whose backoff has expired to activeQ. */
    public synchronized void flushBackoffCompleted() {
        Instant now = clock.instant();
        while (!backoffQ.isEmpty() && !backoffExpiry(backoffQ.peek()).isAfter(now)) {
            QueuedPodInfo q = backoffQ.poll();
            backoff.remove(q.uid());
            pushActive(q);
        }
    }

    /** Retries pods that have been unschedulable for longer than 5 minutes, whatever happened meanwhile. */
    public synchronized void flushUnschedulableLeftover() {
        Instant now = clock.instant();
        List<QueuedPodInfo> stale = unschedulable.values().stream()
                .filter(q -> !now.isBefore(q.timestamp().plus(MAX_IN_UNSCHEDULABLE))).toList();
        for (QueuedPodInfo q : stale) {
            unschedulable.remove(q.uid());
            requeue(q);
        }
    }

    /** Wakes {@link #pop()} for good. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    // ------------------------------------------------------------------ for tests and metrics

    public synchronized int activeCount() {
        return active.size();
    }

    public synchronized int backoffCount() {
        return backoff.size();
    }

    public synchronized int unschedulableCount() {
        return unschedulable.size();
    }

    /** How long a pod that failed {@code attempts} times waits: 1 s doubled per further attempt, at most 10 s. */
    public static Duration backoffDuration(int attempts) {
        Duration d = INITIAL_BACKOFF;
        for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    // ------------------------------------------------------------------ internals (lock held)

    private Instant backoffExpiry(QueuedPodInfo q) {
        return q.timestamp().plus(backoffDuration(q.attempts()));
    }

    private boolean contains(String uid) {
        return active.containsKey(uid) || backoff.containsKey(uid) || unschedulable.containsKey(uid);
    }

    private void requeue(QueuedPodInfo q) {
        if (backoffExpiry(q).isAfter(clock.instant())) {
            pushBackoff(q);
        } else {
            pushActive(q);
        }
    }

    private void pushActive(QueuedPodInfo q) {
        active.put(q.uid(), q);
        activeQ.add(q);
        notifyAll();
    }

    private void pushBackoff(QueuedPodInfo q) {
        backoff.put(q.uid(), q);
        backoffQ.add(q);
    }
}
