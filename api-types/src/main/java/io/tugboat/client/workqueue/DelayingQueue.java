package io.tugboat.client.workqueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link WorkQueue} that can also add an item later: {@link #addAfter(Object, Duration)} (client-go's
 * {@code DelayingInterface}). Controllers use it to retry after a failure without spinning in a hot loop, and to
 * look at an object again at a known time ("the progress deadline passes in 10 minutes").
 *
 * <p>How it works: waiting items sit in a priority queue ordered by the moment they are due. One waiting thread,
 * started on the first delayed add, sleeps until the earliest of them is due, moves every due item into the FIFO
 * with {@link #add}, and sleeps again. An item waits at most once: adding it again with a later time changes
 * nothing, with an earlier time moves it forward. Once in the FIFO, the usual guarantees apply — an item that is
 * due while a worker holds it waits until that worker calls {@link #done}.
 *
 * <p>Time comes from the injected {@link Clock}. With the system clock the waiting thread simply sleeps; a
 * {@link SteppedClock} (the tests' fake clock) wakes it after every step, so a test that advances fake time sees
 * due items arrive without any real waiting. Either way the thread never sleeps longer than {@link #MAX_WAIT}
 * before re-reading the clock, as insurance against a wall clock that jumps.
 *
 * <p>Shutting down drops the items still waiting: a delayed retry of an object is only worth doing while the
 * controller is running, and a controller that starts again lists every object anyway.
 */
public class DelayingQueue<T> extends WorkQueue<T> {

    /** The longest the waiting thread sleeps before looking at the clock again. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Clock clock;

    // Lock order: waitLock, then the FIFO's lock (the waiting thread calls add() while holding waitLock). Nothing
    // takes them the other way round.
    private final ReentrantLock waitLock = new ReentrantLock();
    /** Signalled when an earlier item arrives, when a stepped clock steps, and at shutdown. */
    private final Condition somethingChanged = waitLock.newCondition();
    /** Items not yet due, earliest first; items due at the same moment in the order they were added. */
    private final PriorityQueue<Waiting<T>> waiting = new PriorityQueue<>();
    /** Each waiting item's entry in {@code waiting}: an item waits at most once. */
    private final Map<T, Waiting<T>> waitingByItem = new HashMap<>();
    private final Runnable wakeOnStep = this::wakeWaiter;
    private long nextSequence;
    /** Started by the first delayed add; null until then. */
    private Thread waiter;
    private boolean stopped;

    /**
     * @param name  names the waiting thread ({@code workqueue-<name>-delay}) in thread dumps
     * @param clock the source of time for due dates
     */
    public DelayingQueue(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds {@code item} once {@code delay} has passed on the clock; at once if the delay is zero or negative. Does
     * nothing once the queue is shutting down.
     */
    public void addAfter(T item, Duration delay) {
        Objects.requireNonNull(item, "item");
        if (delay.isZero() || delay.isNegative()) {
            add(item);
            return;
        }
        addAt(item, clock.instant().plus(delay));
    }

    /**
     * Adds {@code item} once the clock reaches {@code dueAt}; at once if it already has. Does nothing once the queue
     * is shutting down.
     */
    public void addAt(T item, Instant dueAt) {
        Objects.requireNonNull(item, "item");
        if (!dueAt.isAfter(clock.instant())) {
            add(item);
            return;
        }
        waitLock.lock();
        try {
            if (stopped || isShuttingDown()) {
                return;
            }
            Waiting<T> existing = waitingByItem.get(item);
            if (existing != null) {
                if (!dueAt.isBefore(existing.dueAt())) {
                    return; // it will come out sooner anyway
                }
                waiting.remove(existing);
            }
            Waiting<T> entry = new Waiting<>(item, dueAt, nextSequence++);
            waiting.add(entry);
            waitingByItem.put(item, entry);
            startWaiterIfNeeded();
            somethingChanged.signal();
        } finally {
            waitLock.unlock();
        }
    }

    /** Shuts down as {@link WorkQueue#shutDown()} and drops every item still waiting for its time. */
    @Override
    public void shutDown() {
        super.shutDown();
        stopWaiting();
    }

    /**
     * Drops the items still waiting for their time, then shuts down as {@link WorkQueue#shutDownWithDrain()}:
     * waits for the items already in the FIFO.
     */
    @Override
    public void shutDownWithDrain() throws InterruptedException {
        stopWaiting();
        super.shutDownWithDrain();
    }

    /**
     * Waits for the waiting thread to end after a shutdown.
     *
     * @return true if it has ended (or never started), false if it is still running after {@code timeout}
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Thread thread;
        waitLock.lock();
        try {
            thread = waiter;
        } finally {
            waitLock.unlock();
        }
        if (thread == null) {
            return true;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private void startWaiterIfNeeded() {
        if (waiter != null) {
            return;
        }
        if (clock instanceof SteppedClock stepped) {
            stepped.addStepListener(wakeOnStep);
        }
        waiter = new Thread(this::moveDueItemsUntilStopped, "workqueue-" + name + "-delay");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void stopWaiting() {
        waitLock.lock();
        try {
            stopped = true;
            waiting.clear();
            waitingByItem.clear();
            somethingChanged.signalAll();
        } finally {
            waitLock.unlock();
        }
        if (clock instanceof SteppedClock stepped) {
            stepped.removeStepListener(wakeOnStep);
        }
    }

    private void wakeWaiter() {
        waitLock.lock();
        try {
            somethingChanged.signalAll();
        } finally {
            waitLock.unlock();
        }
    }

    /** The waiting thread: client-go's {@code waitingLoop}. */
    private void moveDueItemsUntilStopped() {
        waitLock.lock();
        try {
            while (!stopped) {
                Instant now = clock.instant();
                while (!waiting.isEmpty() && !waiting.peek().dueAt().isAfter(now)) {
                    Waiting<T> due = waiting.poll();
                    waitingByItem.remove(due.item());
                    add(due.item());
                }
                // Reading the clock and starting to wait happen under waitLock, and every wake-up takes waitLock,
                // so a step or an earlier item arriving in between cannot be missed.
                somethingChanged.awaitNanos(nanosToWait(now));
            }
        } catch (InterruptedException e) {
            // Nobody but the JVM interrupts this private thread; treat it as the end, and keep the flag set.
            Thread.currentThread().interrupt();
        } finally {
            waitLock.unlock();
        }
    }

    private long nanosToWait(Instant now) {
        if (waiting.isEmpty()) {
            return MAX_WAIT.toNanos();
        }
        Duration untilDue = Duration.between(now, waiting.peek().dueAt());
        return untilDue.compareTo(MAX_WAIT) < 0 ? untilDue.toNanos() : MAX_WAIT.toNanos();
    }

    /** An item waiting for its time; {@code sequence} keeps items due at the same moment in the order added. */
    private record Waiting<T>(T item, Instant dueAt, long sequence) implements Comparable<Waiting<T>> {
        @Override
        public int compareTo(Waiting<T> other) {
            int byTime = dueAt.compareTo(other.dueAt);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
