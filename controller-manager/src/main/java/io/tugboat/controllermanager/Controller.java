package io.tugboat.controllermanager;

/**
 * One control loop of the controller manager, as its {@code main} sees it: built (informers and handlers
 * registered) before the shared informers start, started once they run, stopped on shutdown or when
 * leadership is lost. Most controllers are a {@link io.tugboat.client.controller.ControllerRunner} or two.
 */
public interface Controller {

    /**
     * Starts the loop and returns; waits for the informers it reads to sync first, so no reconcile sees a
     * half-filled cache.
     */
    void start() throws InterruptedException, java.util.concurrent.TimeoutException;

    /** Stops the loop and waits (boundedly) for its workers. Safe to call more than once. */
    void stop();

    /** A controller switched off by its own flags (say, node IPAM without {@code --allocate-node-cidrs}). */
    Controller NOTHING = new Controller() {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }
    };
}
