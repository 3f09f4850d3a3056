package io.tugboat.kubelet.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container engine's networks, as far as the kubelet's pod network needs them: one bridge network per node
 * ({@link io.tugboat.kubelet.network.PodNetwork}). Implemented by {@link DockerRuntime}; runtimes without it
 * ({@link FakeRuntime}) leave pods on the engine's default network.
 *
 * <p>Same contract as {@link ContainerRuntime}: failures are {@link ContainerRuntimeException}s, thread-safe.
 */
public interface NetworkRuntime {

    /** The network named {@code name}, empty if there is none. */
    Optional<NetworkInfo> inspectNetwork(String name);

    /** Every network carrying all the given labels. */
    List<NetworkInfo> listNetworks(Map<String, String> labels);

    /**
     * Creates a bridge network; returns its id. Fails if the name is taken or the subnet overlaps another network's
     * (the engine's message says which).
     */
    String createNetwork(NetworkConfig config);

    /** Removes a network; a missing one is not an error. Fails while containers are attached to it. */
    void removeNetwork(String name);

    /**
     * A bridge network to create.
     *
     * @param name    unique per engine
     * @param subnet  its IPv4 range in CIDR notation; containers get addresses from it
     * @param gateway the bridge's own address in {@code subnet}
     * @param options driver options ({@code com.docker.network.bridge.name}, ...)
     * @param labels  labels to find it by
     */
    record NetworkConfig(String name, String subnet, String gateway, Map<String, String> options, Map<String, String> labels) {
        public NetworkConfig {
            options = Map.copyOf(options);
            labels = Map.copyOf(labels);
        }
    }

    /**
     * A network as the engine reports it.
     *
     * @param containers how many containers are attached now
     */
    record NetworkInfo(String id, String name, String driver, String subnet, String gateway, Map<String, String> options,
                       Map<String, String> labels, int containers) {
        public NetworkInfo {
            options = options == null ? Map.of() : Map.copyOf(options);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }
}
