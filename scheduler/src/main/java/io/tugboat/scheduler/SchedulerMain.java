package io.tugboat.scheduler;

/**
 * Entry point of {@code tug scheduler}. The component is delivered by issue #6; until then this main
 * says so and exits non-zero, so nobody mistakes the stub for a running scheduler.
 */
public final class SchedulerMain {
    private SchedulerMain() {
    }

    public static void main(String[] args) {
        System.err.println("tug scheduler: not implemented yet (issue #6)");
        System.exit(2);
    }
}
