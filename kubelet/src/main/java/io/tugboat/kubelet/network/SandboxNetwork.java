package io.tugboat.kubelet.network;

import java.util.Optional;

/**
 * Where a new pod sandbox attaches (pods with {@code hostNetwork: true} do not ask: they use the host's).
 */
@FunctionalInterface
public interface SandboxNetwork {
    /** Docker's default bridge: pod addresses unique on this host only (a kubelet run without a pod network). */
    SandboxNetwork DOCKER_DEFAULT = () -> Optional.of("bridge");

    /**
     * The Docker network mode for a new sandbox (a network's name), or empty while the pod network is not ready:
     * the sandbox must then wait rather than land on another network.
     */
    Optional<String> sandboxNetworkMode();
}
