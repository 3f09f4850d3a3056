package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to one {@link ResourceEventHandler} on a thread of its own, through an unbounded
 * queue: the reflector only ever appends (it never waits for a handler), and a slow handler falls behind
 * alone. Order is preserved because one thread takes from one FIFO queue.
 *
 * <pre>
 *   reflector ──add──▶ [ n5 n4 n3 ] ──take──▶ dispatcher thread ──▶ handler.onX(...)
 *                (unbounded, FIFO)            (one call at a time)
 * </pre>
 *
 * <p>The queue is unbounded on purpose, as client-go's {@code processorListener} ring buffer is: blocking the
 * reflector would stall every other handler and the cache itself, and dropping notifications would break the
 * handler's view of order. The cost is memory if a handler stalls for good; handlers are meant to enqueue a
 * key and return. Mirrors client-go's {@code processorListener} ({@code tools/cache/shared_informer.go}).
 */
final class HandlerDispatcher<T extends KubernetesObject> implements HandlerRegistration {
    private static final Logger log = LoggerFactory.getLogger(HandlerDispatcher.class);
    private static final Object STOP = new Object();

    private record Added<T>(T object, boolean initial) {
    }

    private record Updated<T>(T oldObject, T newObject) {
    }

    private record Removed<T extends KubernetesObject>(Deleted<T> deleted) {
    }

    private final String name;
    private final ResourceEventHandler<T> handler;
    private final BooleanSupplier informerSynced;
    private final Consumer<HandlerDispatcher<T>> remover;
    private final LinkedBlockingDeque<Object> pending = new LinkedBlockingDeque<>();
    /** Adds of the initial state queued but not yet processed; see {@link #hasSynced()}. */
    private final AtomicInteger initialPending = new AtomicInteger();
    /** Guarded by {@code this}. */
    private Thread thread;
    private boolean stopped;

    /**
     * @param informerSynced whether the informer has synced (half of {@link #hasSynced()})
     * @param remover        unregisters this dispatcher from its informer and stops it; called by {@link #remove()}
     */
    HandlerDispatcher(String name, ResourceEventHandler<T> handler, BooleanSupplier informerSynced,
                      Consumer<HandlerDispatcher<T>> remover) {
        this.name = name;
        this.handler = handler;
        this.informerSynced = informerSynced;
        this.remover = remover;
    }

    /** Queues an add; {@code initial} when it is part of the first full state this handler is given. */
    void add(T object, boolean initial) {
        if (initial) {
            initialPending.incrementAndGet();
        }
        pending.add(new Added<>(object, initial));
    }

    void update(T oldObject, T newObject) {
        pending.add(new Updated<>(oldObject, newObject));
    }

    void delete(Deleted<T> deleted) {
        pending.add(new Removed<>(deleted));
    }

    synchronized void start() {
        if (stopped || thread != null) {
            return;
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the thread after the notification in progress, dropping the rest. Safe from the thread itself. */
    void stop() {
        Thread running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = thread;
        }
        pending.addFirst(STOP);
        Threads.joinUninterruptibly(running);
    }

    @Override
    public boolean hasSynced() {
        return informerSynced.getAsBoolean() && initialPending.get() == 0;
    }

    @Override
    public void remove() {
        remover.accept(this);
    }

    private void loop() {
        while (true) {
            Object next;
            try {
                next = pending.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody but stop() should end us; if someone does, we end
                return;
            }
            if (next == STOP) {
                return;
            }
            dispatch(next);
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch(Object notification) {
        try {
            if (notification instanceof Added<?> added) {
                try {
                    handler.onAdd((T) added.object());
                } finally {
                    if (added.initial()) {
                        initialPending.decrementAndGet();
                    }
                }
            } else if (notification instanceof Updated<?> updated) {
                handler.onUpdate((T) updated.oldObject(), (T) updated.newObject());
            } else if (notification instanceof Removed<?> removed) {
                handler.onDelete((Deleted<T>) removed.deleted());
            }
        } catch (RuntimeException e) {
            // client-go recovers a panicking handler and moves on; skipping one notification beats never
            // delivering again. The controller's periodic resync or next event will cover the gap.
            log.error("{}: event handler failed on {}", name, notification, e);
        }
    }
}
