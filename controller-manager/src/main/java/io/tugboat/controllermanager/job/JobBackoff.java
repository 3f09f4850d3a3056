package io.tugboat.controllermanager.job;

import java.time.Duration;
import java.time.Instant;

/**
 * The delay before a Job replaces a failed pod (Kubernetes' {@code backoffRecord} and {@code getRemainingTime}):
 * after n failures since the last success, wait {@code 10 s × 2^(n-1)}, at most 6 minutes, counted from the last
 * failure.
 *
 * <pre>
 *   failures since last success   0    1     2     3     4      5      6      7...
 *   delay before the next pod     0   10s   20s   40s   80s   160s   320s   360s (capped)
 * </pre>
 *
 * @param failuresAfterLastSuccess failed pods counted since a pod last succeeded
 * @param lastFailure              when the last of them was counted, or {@code null} for none
 */
record JobBackoff(int failuresAfterLastSuccess, Instant lastFailure) {
    /** Kubernetes' {@code DefaultJobPodFailureBackOff}. */
    static final Duration INITIAL = Duration.ofSeconds(10);
    /** Kubernetes' {@code MaxJobPodFailureBackOff}. */
    static final Duration MAX = Duration.ofMinutes(6);
    static final JobBackoff NONE = new JobBackoff(0, null);

    /** The delay after {@code failures} consecutive failures. */
    static Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = INITIAL;
        for (int i = 1; i < failures && delay.compareTo(MAX) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }

    /** How long until a new pod may be created at {@code now}; zero if it may be created now. */
    Duration remaining(Instant now) {
        if (failuresAfterLastSuccess == 0 || lastFailure == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, lastFailure.plus(delay(failuresAfterLastSuccess)));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The record after counting {@code succeeded} and {@code failed} newly finished pods at {@code now}. */
    JobBackoff after(int succeeded, int failed, Instant now) {
        if (succeeded > 0) {
            // Kubernetes orders by finish time; a pass sees them together, so a success resets and the failures
            // counted with it start the new streak.
            return failed > 0 ? new JobBackoff(failed, now) : NONE;
        }
        return failed > 0 ? new JobBackoff(failuresAfterLastSuccess + failed, now) : this;
    }
}
