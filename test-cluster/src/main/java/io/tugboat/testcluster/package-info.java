/**
 * A control plane for integration tests: a real {@link io.tugboat.apiserver.server.ApiServer} started
 * in the test's JVM on the etcd of an {@link io.tugboat.testsupport.EtcdExtension}.
 *
 * <p>Components are tested the way they run: their informers, workqueues and clients talk HTTP to a
 * real API server, which stores in a real etcd. Only the nodes may be simulated. Each
 * {@link io.tugboat.testcluster.TestCluster} uses its own etcd key prefix, so several can share one
 * etcd without seeing each other's objects.
 */
package io.tugboat.testcluster;
