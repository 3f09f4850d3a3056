package io.tugboat.kubelet;

import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.function.Predicate;

/** Polls a value until it satisfies a condition; on a timeout the failure shows the last value seen. */
final class Await {
    private Await() {
    }

    /** A read that may fail (a 404 while an object does not exist yet): a failure counts as "not yet". */
    interface Read<T> {
        T get() throws Exception;
    }

    static <T> T until(String what, Duration timeout, Read<T> read, Predicate<T> condition) throws InterruptedException {
        Object[] last = new Object[1];
        try {
            Eventually.until(what, timeout, () -> {
                try {
                    @SuppressWarnings("unchecked") T value = (T) (last[0] = read.get());
                    return condition.test(value);
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
        @SuppressWarnings("unchecked") T value = (T) last[0];
        return value;
    }
}
