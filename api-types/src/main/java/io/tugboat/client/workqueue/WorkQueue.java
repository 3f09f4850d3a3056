package io.tugboat.client.workqueue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO of work items with the guarantees controllers rely on (client-go's {@code workqueue.Type}).
 *
 * <ul>
 *   <li><b>Fair:</b> items are handed out in the order they were first added.</li>
 *   <li><b>Stingy:</b> an item added several times before a worker takes it is handed out once.</li>
 *   <li><b>One worker per item:</b> an item is never handed to two workers at once. If it is added again while a
 *       worker holds it, it waits aside and rejoins the back of the line when that worker calls {@link #done}, so
 *       the change that caused the second add is still seen.</li>
 *   <li><b>Many producers, many consumers:</b> every method is thread-safe.</li>
 *   <li><b>Shutdown:</b> after {@link #shutDown()} new adds are ignored, workers still receive what was already
 *       queued, and then {@link #get()} returns empty: the signal for a worker to return.</li>
 * </ul>
 *
 * <p>Items are compared with {@code equals}/{@code hashCode}; controllers queue {@code namespace/name} strings,
 * never objects, because an object is a snapshot that goes stale and a key is not.
 *
 * <p>Every worker follows the same protocol:
 * <pre>{@code
 * Optional<T> item = queue.get();        // blocks; empty means "shut down, return"
 * try { process(item.get()); }
 * finally { queue.done(item.get()); }    // always, or the item is stuck in "processing" forever
 * }</pre>
 *
 * <p>Worked example, with one worker. {@code add(a); add(b); add(a)} leaves the line as {@code [a, b]} (the second
 * {@code a} is absorbed). The worker takes {@code a}: line {@code [b]}, processing {a}. Now {@code add(a)}: {@code a}
 * is dirty again but is not put in line, because a second worker could take it. {@code done(a)}: {@code a} was
 * dirty, so it goes to the back: line {@code [b, a]}.
 */
public class WorkQueue<T> {

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the line gains an item or the queue starts shutting down. */
    private final Condition workAvailable = lock.newCondition();
    /** Signalled when an item leaves processing, or a drain is called off; {@link #shutDownWithDrain} waits on it. */
    private final Condition workFinished = lock.newCondition();

    /**
     * The order in which items are handed out. Invariant: every item in {@code line} is in {@code dirty} and not in
     * {@code processing}, and appears in {@code line} once.
     */
    private final ArrayDeque<T> line = new ArrayDeque<>();
    /** Every item that needs processing: those in {@code line}, and those re-added while being processed. */
    private final Set<T> dirty = new HashSet<>();
    /**
     * Items a worker holds between {@link #get} and {@link #done}. An item may be here and in {@code dirty} at once;
     * {@link #done} then puts it back in line.
     */
    private final Set<T> processing = new HashSet<>();

    private boolean shuttingDown;
    /** True while a {@link #shutDownWithDrain} caller is waiting; {@link #shutDown} sets it false to release it. */
    private boolean draining;

    /**
     * Marks {@code item} as needing processing. Does nothing if it already waits in line, or if the queue is
     * shutting down.
     */
    public void add(T item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(item)) {
                return;
            }
            if (processing.contains(item)) {
                return; // done(item) puts it in line; handing it out now would give it to a second worker
            }
            line.addLast(item);
            workAvailable.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next item, waiting until there is one. The caller owns the item until it calls {@link #done}.
     *
     * @return the item, or empty once the queue is shut down and its line is empty: the worker should return
     * @throws InterruptedException if the waiting thread is interrupted; it then holds no item
     */
    public Optional<T> get() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (line.isEmpty() && !shuttingDown) {
                workAvailable.await();
            }
            if (line.isEmpty()) {
                return Optional.empty(); // shutting down, and nothing left to hand out
            }
            T item = line.removeFirst();
            dirty.remove(item);
            processing.add(item);
            return Optional.of(item);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the queue a worker has finished with {@code item}. If the item was added again meanwhile, it goes to the
     * back of the line now. Must be called exactly once for every item {@link #get} returned, even when processing
     * failed.
     */
    public void done(T item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            // Only an item that was being processed can rejoin the line; a stray done() for an item already in line
            // must not put it there twice.
            if (processing.remove(item) && dirty.contains(item)) {
                line.addLast(item);
                workAvailable.signal();
            }
            workFinished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many items wait in line (not counting those being processed). For information only: by the time the
     * caller looks at the answer another thread may have changed it, so never gate an add or a get on it.
     */
    public int len() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts shutting down: later adds are ignored and, once the line is empty, every {@link #get} returns empty.
     * Items already in line are still handed out. Does not wait. Safe to call more than once, and releases a thread
     * blocked in {@link #shutDownWithDrain}.
     */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            draining = false;
            workAvailable.signalAll();
            workFinished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down like {@link #shutDown()}, then waits until every item already queued has been handed out and
     * marked {@link #done}. Workers must keep calling {@code get} and {@code done} until then, or this waits forever;
     * a later {@link #shutDown()} from another thread ends the wait early.
     *
     * <p>client-go's {@code ShutDownWithDrain} waits for the items being processed; this one also waits for the
     * items still in line, which is what "drain" promises.
     *
     * @throws InterruptedException if interrupted while waiting; the queue stays shut down
     */
    public void shutDownWithDrain() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            shuttingDown = true;
            draining = true;
            workAvailable.signalAll();
            while (draining && !(line.isEmpty() && processing.isEmpty())) {
                workFinished.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #shutDown} or {@link #shutDownWithDrain} has been called. */
    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }
}
