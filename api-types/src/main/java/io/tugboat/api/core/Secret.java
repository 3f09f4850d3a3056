package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.Map;

/**
 * Secret data: values in {@code data} are base64, {@code stringData} is a write-only convenience merged into data.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Secret; absent fields are {@code null}.
 */
public record Secret(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Map<String, String> data,
        Map<String, String> stringData,
        String type,
        Boolean immutable) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Secret";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public Secret {
        data = Copies.map(data);
        stringData = Copies.map(stringData);
    }

    /** Creates a Secret with {@code apiVersion} and {@code kind} filled in. */
    public static Secret of(ObjectMeta metadata, Map<String, String> data, Map<String, String> stringData, String type, Boolean immutable) {
        return new Secret(API_VERSION, KIND, metadata, data, stringData, type, immutable);
    }

    @Override
    public Secret withApiVersion(String apiVersion) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }

    @Override
    public Secret withKind(String kind) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }

    @Override
    public Secret withMetadata(ObjectMeta metadata) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }

    public Secret withData(Map<String, String> data) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }

    public Secret withStringData(Map<String, String> stringData) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }

    public Secret withType(String type) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }

    public Secret withImmutable(Boolean immutable) {
        return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
    }
}
