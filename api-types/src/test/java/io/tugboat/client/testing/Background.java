package io.tugboat.client.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking call run on its own thread, so a test can check that it blocks and then release it. Not a thread
 * pool: the common pool has one thread on a two-core machine, and a test that parks it stalls everything else.
 *
 * @param <V> what the call returns
 */
public final class Background<V> {

    private final FutureTask<V> task;
    private final Thread thread;

    private Background(String name, Callable<V> call) {
        task = new FutureTask<>(call);
        thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code call} on a new thread named {@code name}. */
    public static <V> Background<V> start(String name, Callable<V> call) {
        return new Background<>(name, call);
    }

    public Thread thread() {
        return thread;
    }

    public boolean isDone() {
        return task.isDone();
    }

    /** The call's result, waiting at most {@link Poll#TIMEOUT}; rethrows what the call threw, as an ExecutionException. */
    public V result() throws InterruptedException, ExecutionException {
        try {
            return task.get(Poll.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not finish within " + Poll.TIMEOUT, e);
        }
    }

    /** What the call threw, waiting at most {@link Poll#TIMEOUT}; fails if it returned normally. */
    public Throwable failure() throws InterruptedException {
        try {
            V value = result();
            throw new AssertionError(thread.getName() + " returned " + value + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
