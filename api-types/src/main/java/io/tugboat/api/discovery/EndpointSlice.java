package io.tugboat.api.discovery;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/**
 * A slice of the endpoints behind a Service (at most 100 by the controller, 1,000 by validation), all of one
 * address type and sharing one list of ports. The EndpointSlice controller keeps them for each Service with a
 * selector, labelled {@code kubernetes.io/service-name}; kubectl describe and DNS/proxy implementations read
 * them.
 *
 * <p>Field names and shapes are those of Kubernetes discovery.k8s.io/v1 EndpointSlice; absent fields are
 * {@code null}.
 */
public record EndpointSlice(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        String addressType,
        List<Endpoint> endpoints,
        List<EndpointPort> ports) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "discovery.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "EndpointSlice";
    /** The label naming the Service a slice belongs to. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The label naming the controller (or tool) managing a slice. */
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public EndpointSlice {
        endpoints = Copies.list(endpoints);
        ports = Copies.list(ports);
    }

    /** Creates an EndpointSlice with {@code apiVersion} and {@code kind} filled in. */
    public static EndpointSlice of(ObjectMeta metadata, String addressType, List<Endpoint> endpoints,
                                   List<EndpointPort> ports) {
        return new EndpointSlice(API_VERSION, KIND, metadata, addressType, endpoints, ports);
    }

    @Override
    public EndpointSlice withApiVersion(String apiVersion) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
    }

    @Override
    public EndpointSlice withKind(String kind) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
    }

    @Override
    public EndpointSlice withMetadata(ObjectMeta metadata) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
    }

    public EndpointSlice withAddressType(String addressType) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
    }

    public EndpointSlice withEndpoints(List<Endpoint> endpoints) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
    }

    public EndpointSlice withPorts(List<EndpointPort> ports) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
    }
}
