package io.tugboat.kubelet.pod;

import org.slf4j.Logger;

/**
 * Where one pod sync spends its time, for the debug log: each {@link #lap} records the milliseconds since the previous
 * one under a name, and {@link #log} writes them on one line, e.g.
 *
 * <pre>
 *   sync of default/web-0: 710 ms [list 8, sandbox create 32, ..., start main 150, list 7, status write Running 33]
 * </pre>
 *
 * With DEBUG off a lap is one boolean test, so it stays in the production path; turn it on with the logger
 * {@code io.tugboat.kubelet.pod.PodWorker} at DEBUG to see where a slow pod start goes. Steps timed on another thread
 * are added with {@link #note}.
 */
final class SyncTimer {
    private final long start = System.nanoTime();
    private final StringBuilder laps = new StringBuilder();
    private final boolean on;
    private long last = start;

    SyncTimer(Logger log) {
        this.on = log.isDebugEnabled();
    }

    /** Records the time since the previous lap (or the start) as {@code what}. */
    synchronized void lap(String what) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        laps.append(laps.length() == 0 ? "" : ", ").append(what).append(' ').append((now - last) / 1_000_000);
        last = now;
    }

    /** Records a step timed elsewhere (on another thread) as {@code what}, without ending the current lap. */
    synchronized void note(String what, long millis) {
        if (on) {
            laps.append(laps.length() == 0 ? "" : ", ").append(what).append(' ').append(millis);
        }
    }

    /** Logs the laps at DEBUG with the total, if anything was recorded. */
    synchronized void log(Logger log, String key) {
        if (on && laps.length() > 0) {
            log.debug("sync of {}: {} ms [{}]", key, (System.nanoTime() - start) / 1_000_000, laps);
        }
    }
}
