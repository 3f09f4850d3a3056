package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/**
 * The addresses currently behind a Service, maintained by the endpoints controller.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Endpoints; absent fields are {@code null}.
 */
public record Endpoints(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<EndpointSubset> subsets) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Endpoints";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public Endpoints {
        subsets = Copies.list(subsets);
    }

    /** Creates a Endpoints with {@code apiVersion} and {@code kind} filled in. */
    public static Endpoints of(ObjectMeta metadata, List<EndpointSubset> subsets) {
        return new Endpoints(API_VERSION, KIND, metadata, subsets);
    }

    @Override
    public Endpoints withApiVersion(String apiVersion) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }

    @Override
    public Endpoints withKind(String kind) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }

    @Override
    public Endpoints withMetadata(ObjectMeta metadata) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }

    public Endpoints withSubsets(List<EndpointSubset> subsets) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }
}
