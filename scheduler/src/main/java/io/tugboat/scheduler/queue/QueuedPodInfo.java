package io.tugboat.scheduler.queue;

import io.tugboat.scheduler.framework.PodInfo;
import java.time.Instant;

/**
 * A pod waiting in the {@link SchedulingQueue}, with its queueing history: when it was (re-)queued, how many times
 * it was tried (which sets its backoff), and when it was first tried. Owned by the queue; the scheduling thread
 * holds it between {@code pop()} and the failure or success it reports.
 */
public final class QueuedPodInfo {
    private PodInfo pod;
    private Instant timestamp;
    private int attempts;
    private final Instant initialAttempt;

    QueuedPodInfo(PodInfo pod, Instant now) {
        this.pod = pod;
        this.timestamp = now;
        this.initialAttempt = now;
    }

    public PodInfo pod() {
        return pod;
    }

    void setPod(PodInfo pod) {
        this.pod = pod;
    }

    /** When the pod was last added to the queue (created, or put back after a failure). */
    public Instant timestamp() {
        return timestamp;
    }

    void setTimestamp(Instant timestamp) {
        this.timestamp = timestamp;
    }

    /** How many scheduling attempts were made (incremented by {@code pop()}). */
    public int attempts() {
        return attempts;
    }

    void attempted() {
        attempts++;
    }

    /** When the pod first entered the queue: scheduling latency is measured from here. */
    public Instant initialAttempt() {
        return initialAttempt;
    }

    String uid() {
        return pod.uid();
    }
}
