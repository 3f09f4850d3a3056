package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.Map;

/**
 * Non-secret configuration data as key-value pairs.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ConfigMap; absent fields are {@code null}.
 */
public record ConfigMap(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Map<String, String> data,
        Map<String, String> binaryData,
        Boolean immutable) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "ConfigMap";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ConfigMap {
        data = Copies.map(data);
        binaryData = Copies.map(binaryData);
    }

    /** Creates a ConfigMap with {@code apiVersion} and {@code kind} filled in. */
    public static ConfigMap of(ObjectMeta metadata, Map<String, String> data, Map<String, String> binaryData, Boolean immutable) {
        return new ConfigMap(API_VERSION, KIND, metadata, data, binaryData, immutable);
    }

    @Override
    public ConfigMap withApiVersion(String apiVersion) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }

    @Override
    public ConfigMap withKind(String kind) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }

    @Override
    public ConfigMap withMetadata(ObjectMeta metadata) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }

    public ConfigMap withData(Map<String, String> data) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }

    public ConfigMap withBinaryData(Map<String, String> binaryData) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }

    public ConfigMap withImmutable(Boolean immutable) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }
}
