package io.tugboat.client.informer;

/** Thread helpers for shutting down the informer's own threads. */
final class Threads {
    private Threads() {
    }

    /**
     * Waits for {@code thread} to end even if this thread is interrupted meanwhile, then restores the interrupt
     * status — stop methods must finish stopping, and must not lose an interrupt meant for their caller. The
     * threads joined here end promptly once told to (they are never blocked on anything but their own queue or
     * sleeper). Joining the current thread is a no-op, so a handler may stop its own informer.
     */
    static void joinUninterruptibly(Thread thread) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
