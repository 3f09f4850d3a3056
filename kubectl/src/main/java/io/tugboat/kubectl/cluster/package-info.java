/**
 * The all-in-one cluster on this machine: {@code tug up}, {@code tug down} and {@code tug status}.
 *
 * <p>{@code tug up} does by hand what the {@code deploy/} systemd units do on VMs: it starts each
 * component as its own background process — etcd, the API server, the scheduler, the
 * controller-manager and one kubelet per node — exactly as an operator would, with the same flags. Nothing
 * here is special-cased: the components find each other only through the API server's address in the
 * kubeconfig written to the cluster directory, the same file a user hands to {@code tug} or to the real
 * kubectl.
 *
 * <pre>
 *   DIR/                       (default ~/.tugboat, or --data-dir)
 *     kubeconfig               admin kubeconfig: tug --kubeconfig=DIR/kubeconfig, or the real kubectl
 *     cluster.properties       what `up` was asked for (ports, node names), read by `down` and `status`
 *     etcd/                    etcd's data (kept across down/up unless `down --purge`)
 *     logs/NAME.log            each component's stdout and stderr
 *     pids/NAME.pid            each component's process id
 * </pre>
 *
 * <p>Start-up time is JVM start-up: only etcd is waited for before the rest start (the API server's clients
 * retry until it answers), and each component JVM maps a class-data archive of its classes
 * ({@link io.tugboat.kubectl.cluster.ClassDataArchives}, written once per build at the first {@code tug down}).
 * Resident memory is kept small by the JVM flags in {@link io.tugboat.kubectl.cluster.LocalCluster}.
 *
 * <p>Every process is started detached (its own session, all three streams redirected), so {@code tug up}
 * returns once the nodes are Ready and the terminal, a script or a CI job is never held open by a child.
 * Running {@code up} twice is safe: a component whose recorded process is still alive is left alone.
 * See docs/getting-started.md.
 */
package io.tugboat.kubectl.cluster;
