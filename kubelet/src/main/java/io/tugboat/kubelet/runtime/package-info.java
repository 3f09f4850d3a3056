/**
 * The container runtime: the kubelet's one door to the machine.
 *
 * <p>The kubelet never talks to Docker directly. It speaks {@link io.tugboat.kubelet.runtime.ContainerRuntime}, a
 * dozen verbs over containers identified by labels, in the spirit of Kubernetes' CRI
 * ({@code k8s.io/cri-api}) but at the level of plain containers: a pod's sandbox is just a container that owns the
 * network and IPC namespaces, and the others join it with {@code container:<id>}, exactly as dockershim did.
 *
 * <ul>
 *   <li>{@link io.tugboat.kubelet.runtime.DockerRuntime}: the Docker Engine through docker-java, with long-lived
 *       streams (events, {@code logs -f}) on connections of their own;</li>
 *   <li>{@link io.tugboat.kubelet.runtime.FakeRuntime}: containers in a map, for unit tests and hollow nodes.</li>
 * </ul>
 *
 * <p>{@link io.tugboat.kubelet.runtime.NetworkRuntime} is the engine's networks, which only the pod network needs
 * (one bridge network per node); {@code DockerRuntime} implements it too.
 *
 * <p>See {@code docs/kubelet.md} for how pods map onto containers.
 */
package io.tugboat.kubelet.runtime;
