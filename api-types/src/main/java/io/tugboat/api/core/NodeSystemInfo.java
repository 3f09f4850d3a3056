package io.tugboat.api.core;


/**
 * Versions and identifiers of the node's software.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeSystemInfo; absent fields are {@code null}.
 */
public record NodeSystemInfo(
        String machineID,
        String systemUUID,
        String bootID,
        String kernelVersion,
        String osImage,
        String containerRuntimeVersion,
        String kubeletVersion,
        String kubeProxyVersion,
        String operatingSystem,
        String architecture) {
}
