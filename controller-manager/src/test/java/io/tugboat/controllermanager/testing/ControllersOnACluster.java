package io.tugboat.controllermanager.testing;

import io.tugboat.client.ApiClient;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;

/**
 * What the integration tests of this module run on: a real API server on the test's etcd, a {@link FakeKubelet} for
 * three nodes, and the ReplicaSet and Deployment controllers. {@link #restartControllers()} is a controller-manager
 * restart.
 */
public final class ControllersOnACluster implements AutoCloseable {
    private final TestCluster cluster;
    private final ApiClient client;
    private final FakeKubelet kubelet;
    private RunningControllers controllers;

    private ControllersOnACluster(TestCluster cluster, FakeKubelet kubelet, RunningControllers controllers) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.kubelet = kubelet;
        this.controllers = controllers;
    }

    /** Starts it all; pods running one of {@code neverReadyImages} never become ready. */
    public static ControllersOnACluster start(EtcdExtension etcd, String... neverReadyImages) throws Exception {
        TestCluster cluster = TestCluster.start(etcd);
        FakeKubelet kubelet = FakeKubelet.start(cluster.client(), 3);
        for (String image : neverReadyImages) {
            kubelet.neverReady(image);
        }
        return new ControllersOnACluster(cluster, kubelet, RunningControllers.start(cluster.client()));
    }

    public TestCluster cluster() {
        return cluster;
    }

    /** A client of the test's own (the controllers and the kubelet have theirs). */
    public ApiClient client() {
        return client;
    }

    public RunningControllers controllers() {
        return controllers;
    }

    /** Stops the controllers and starts new ones, which know nothing but what the API server holds. */
    public RunningControllers restartControllers() throws Exception {
        controllers.close();
        controllers = RunningControllers.start(cluster.client());
        return controllers;
    }

    @Override
    public void close() {
        controllers.close();
        kubelet.close();
        cluster.close();
    }
}
