package io.tugboat.controllermanager.testing;

import io.tugboat.client.ApiClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.controllermanager.deployment.DeploymentController;
import io.tugboat.controllermanager.replicaset.ReplicaSetController;
import java.time.Clock;
import java.time.Duration;

/**
 * The ReplicaSet and Deployment controllers as a controller manager runs them: one informer factory, one event
 * recorder, a runner each. {@link #close()} and a new {@link #start} is a controller-manager restart: nothing is
 * kept but what the API server holds.
 */
public final class RunningControllers implements AutoCloseable {
    private final SharedInformerFactory informers;
    private final EventRecorder events;
    private final ControllerRunner replicaSets;
    private final ControllerRunner deployments;

    private RunningControllers(ApiClient client) {
        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        // A restart in a test need not wait for queued events to be written: none are asserted on.
        events = EventRecorder.builder(client, "controller-manager").drainTimeout(Duration.ofSeconds(1)).build();
        replicaSets = ReplicaSetController.newRunner(client, informers, events, Clock.systemUTC(), 5);
        deployments = DeploymentController.newRunner(client, informers, events, Clock.systemUTC(), 5);
    }

    public static RunningControllers start(ApiClient client) throws Exception {
        RunningControllers controllers = new RunningControllers(client);
        controllers.informers.start();
        controllers.replicaSets.start();
        controllers.deployments.start();
        return controllers;
    }

    /** Reconciles run so far by the ReplicaSet controller. */
    public long replicaSetReconciles() {
        return replicaSets.stats().reconciles();
    }

    /** Reconciles run so far by the Deployment controller. */
    public long deploymentReconciles() {
        return deployments.stats().reconciles();
    }

    @Override
    public void close() {
        deployments.stop();
        replicaSets.stop();
        informers.stop();
        events.stop();
    }
}
