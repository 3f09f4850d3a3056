/**
 * JUnit 5 support for Tugboat's integration tests: extensions that start real dependencies
 * once per test class on free ports and stop them afterwards.
 *
 * <p>Tugboat tests in three tiers (see {@code docs/development.md}): unit tests with fakes, run
 * by Surefire; integration tests, classes named {@code *IT} and run by Failsafe, against a real
 * etcd and a real in-process API server; and end-to-end tests against a real Docker engine. This
 * package serves the middle tier. It fakes nothing: the API server's storage layer is only
 * believable when tested against the etcd it will run on, with the same transactions, revisions
 * and watch semantics, and an etcd starts in about a second.
 *
 * <p>{@link io.tugboat.testsupport.EtcdExtension} is the one to start with:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdExtension etcd = new EtcdExtension();   // static: one etcd per class
 * }</pre>
 *
 * <p>Two rules keep these extensions safe to use on a shared two-core CI machine: each one binds
 * only loopback ports it found free, and each one sends a started process's output to a file,
 * never to the test JVM's streams (a child process that holds the build's stdout can keep a CI
 * run from ever finishing).
 */
package io.tugboat.testsupport;
