package io.tugboat.controllermanager.replicaset;

import io.tugboat.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Kubernetes' {@code slowStartBatch}: runs {@code count} calls in batches of 1, 2, 4, 8..., the calls of a batch in
 * parallel, and stops after the first batch with a failure. Many creates that are all going to fail (a quota, a
 * rejected template) cost one request, not hundreds; creates that succeed soon go fast.
 *
 * <pre>
 *   count 10:  [1] ok ─▶ [2] ok ─▶ [4] ok ─▶ [3] ok          10 successes
 *   count 10:  [1] ok ─▶ [2] one fails ─▶ stop               2 successes, 7 never tried
 * </pre>
 */
final class SlowStart {
    /** One call: throws when it fails. */
    @FunctionalInterface
    interface Call {
        void run() throws ApiException;
    }

    /** How many calls succeeded, and the first failure, if any. */
    record Outcome(int successes, ApiException error) {
    }

    private SlowStart() {
    }

    /** Runs the batches on {@code executor} (a direct executor runs them one after the other). */
    static Outcome run(int count, int initialBatch, Executor executor, Call call) throws InterruptedException {
        int successes = 0;
        int remaining = count;
        for (int batch = Math.min(remaining, initialBatch); batch > 0; batch = Math.min(2 * batch, remaining)) {
            List<FutureTask<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                FutureTask<Void> task = new FutureTask<>(() -> {
                    call.run();
                    return null;
                });
                tasks.add(task);
                executor.execute(task);
            }
            ApiException error = null;
            for (FutureTask<Void> task : tasks) {
                try {
                    task.get();
                    successes++;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ApiException api) {
                        error = error == null ? api : error;
                    } else if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime; // a bug: let it surface
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    tasks.forEach(t -> t.cancel(true));
                    throw e;
                }
            }
            if (error != null) {
                return new Outcome(successes, error);
            }
            remaining -= batch;
        }
        return new Outcome(successes, null);
    }
}
