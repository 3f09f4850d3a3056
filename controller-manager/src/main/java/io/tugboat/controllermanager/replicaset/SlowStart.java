package io.tugboat.controllermanager.replicaset;

import io.tugboat.client.ApiException;

/**
 * Kubernetes' {@code slowStartBatch}: runs {@code count} calls in batches of 1, 2, 4, 8... and stops after the first
 * batch with a failure. Many creates that are all going to fail (a quota, a rejected template) cost one request,
 * not hundreds; creates that succeed soon go fast.
 *
 * <pre>
 *   count 10:  [1] ok ─▶ [2] ok ─▶ [4] ok ─▶ [3] ok          10 successes
 *   count 10:  [1] ok ─▶ [2] one fails ─▶ stop               2 successes, 7 never tried
 * </pre>
 *
 * The calls of a batch run one after the other on the caller's thread (Kubernetes runs them in parallel); a
 * failure in a batch does not stop the rest of that batch, so the outcome is the same.
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

    static Outcome run(int count, int initialBatch, Call call) {
        int successes = 0;
        int remaining = count;
        for (int batch = Math.min(remaining, initialBatch); batch > 0; batch = Math.min(2 * batch, remaining)) {
            ApiException error = null;
            for (int i = 0; i < batch; i++) {
                try {
                    call.run();
                    successes++;
                } catch (ApiException e) {
                    error = error == null ? e : error;
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
