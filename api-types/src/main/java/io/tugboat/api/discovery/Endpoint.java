package io.tugboat.api.discovery;

import io.tugboat.api.Copies;
import io.tugboat.api.core.ObjectReference;
import java.util.List;
import java.util.Map;

/**
 * One backend of a slice: usually a pod, with its address(es) and readiness.
 *
 * <p>Field names and shapes are those of Kubernetes discovery.k8s.io/v1 Endpoint; absent fields are {@code null}.
 */
public record Endpoint(
        List<String> addresses,
        EndpointConditions conditions,
        String hostname,
        ObjectReference targetRef,
        Map<String, String> deprecatedTopology,
        String nodeName,
        String zone,
        EndpointHints hints) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public Endpoint {
        addresses = Copies.list(addresses);
        deprecatedTopology = Copies.map(deprecatedTopology);
    }
}
