package io.tugboat.api.defaulting;

import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.HostPathVolumeSource;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceSpec;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimSpec;
import io.tugboat.api.core.PersistentVolumeClaimStatus;
import io.tugboat.api.core.PersistentVolumeSpec;
import io.tugboat.api.core.PersistentVolumeStatus;
import io.tugboat.api.core.Secret;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.storage.StorageClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defaults of the small core kinds (Secrets, Namespaces, volumes and claims, Nodes, Endpoints) and of
 * StorageClasses, from {@code pkg/apis/core/v1/defaults.go} and {@code pkg/apis/storage/v1/defaults.go}.
 */
final class CoreDefaults {

    private CoreDefaults() {
    }

    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /**
     * Type {@code Opaque} when none is given, and {@code stringData} folded into {@code data}: it is a write-only
     * convenience (plain text in, base64 stored), merged over {@code data} key by key as Kubernetes' conversion
     * does, and never stored or shown.
     */
    static Secret secret(Secret secret) {
        Secret out = PodDefaults.isBlank(secret.type()) ? secret.withType("Opaque") : secret;
        if (out.stringData() != null) {
            java.util.Map<String, String> data = out.data() == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(out.data());
            out.stringData().forEach((key, value) -> data.put(key,
                    java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            out = out.withData(data).withStringData(null);
        }
        return out;
    }

    /**
     * A namespace carries its own name as a label (so selectors can pick namespaces by name), starts
     * {@code Active}, and holds the {@code kubernetes} finalizer, which the namespace controller removes once
     * everything inside is deleted. The finalizer comes from Kubernetes' namespace strategy, which sets it on
     * create; as a default it is only filled in when absent, so applying it again changes nothing.
     */
    static Namespace namespace(Namespace ns) {
        Namespace out = ns;
        ObjectMeta meta = ns.metadata();
        if (meta != null && !PodDefaults.isBlank(meta.name())
                && (meta.labels() == null || !meta.name().equals(meta.labels().get(NAMESPACE_NAME_LABEL)))) {
            Map<String, String> labels = meta.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.labels());
            labels.put(NAMESPACE_NAME_LABEL, meta.name());
            out = out.withMetadata(meta.withLabels(labels));
        }
        if (out.spec() == null || out.spec().finalizers() == null) {
            out = out.withSpec(new NamespaceSpec(List.of("kubernetes")));
        }
        if (out.status() == null) {
            out = out.withStatus(new NamespaceStatus("Active", null));
        } else if (PodDefaults.isBlank(out.status().phase())) {
            out = out.withStatus(new NamespaceStatus("Active", out.status().conditions()));
        }
        return out;
    }

    /** Retain: deleting a claim must not silently destroy data that an administrator provisioned by hand. */
    static PersistentVolume persistentVolume(PersistentVolume pv) {
        PersistentVolume out = pv;
        PersistentVolumeSpec spec = pv.spec();
        if (spec != null) {
            if (PodDefaults.isBlank(spec.persistentVolumeReclaimPolicy())) {
                spec = spec.withPersistentVolumeReclaimPolicy("Retain");
            }
            if (spec.volumeMode() == null) {
                spec = spec.withVolumeMode("Filesystem");
            }
            if (spec.hostPath() != null && spec.hostPath().type() == null) {
                spec = spec.withHostPath(new HostPathVolumeSource(spec.hostPath().path(), ""));
            }
            out = out.withSpec(spec);
        }
        if (out.status() == null) {
            out = out.withStatus(new PersistentVolumeStatus("Pending", null, null));
        } else if (PodDefaults.isBlank(out.status().phase())) {
            out = out.withStatus(new PersistentVolumeStatus("Pending", out.status().message(), out.status().reason()));
        }
        return out;
    }

    static PersistentVolumeClaim persistentVolumeClaim(PersistentVolumeClaim pvc) {
        PersistentVolumeClaim out = pvc;
        if (pvc.spec() != null) {
            out = out.withSpec(claimSpec(pvc.spec()));
        }
        if (out.status() == null) {
            out = out.withStatus(new PersistentVolumeClaimStatus("Pending", null, null));
        } else if (PodDefaults.isBlank(out.status().phase())) {
            out = out.withStatus(new PersistentVolumeClaimStatus("Pending", out.status().accessModes(), out.status().capacity()));
        }
        return out;
    }

    static PersistentVolumeClaimSpec claimSpec(PersistentVolumeClaimSpec spec) {
        return spec.volumeMode() == null ? spec.withVolumeMode("Filesystem") : spec;
    }

    /** Until the kubelet reports what it keeps for itself, everything a node has is allocatable. */
    static Node node(Node node) {
        NodeStatus status = node.status();
        if (status != null && status.allocatable() == null && status.capacity() != null) {
            return node.withStatus(status.withAllocatable(status.capacity()));
        }
        return node;
    }

    static Endpoints endpoints(Endpoints ep) {
        return ep.withSubsets(PodDefaults.map(ep.subsets(), ss -> new EndpointSubset(ss.addresses(), ss.notReadyAddresses(),
                PodDefaults.map(ss.ports(), p -> PodDefaults.isBlank(p.protocol())
                        ? new EndpointPort(p.name(), p.port(), "TCP", p.appProtocol())
                        : p))));
    }

    /** EndpointSlice ports get a name ({@code ""}) and protocol TCP: {@code SetDefaults_EndpointPort} of discovery/v1. */
    static EndpointSlice endpointSlice(EndpointSlice slice) {
        return slice.withPorts(PodDefaults.map(slice.ports(), p -> p.name() != null && p.protocol() != null ? p
                : new io.tugboat.api.discovery.EndpointPort(p.name() == null ? "" : p.name(),
                        p.protocol() == null ? "TCP" : p.protocol(), p.port(), p.appProtocol())));
    }

    /** Dynamically provisioned volumes go away with their claim, and are provisioned as soon as claimed. */
    static StorageClass storageClass(StorageClass sc) {
        StorageClass out = sc;
        if (PodDefaults.isBlank(out.reclaimPolicy())) {
            out = out.withReclaimPolicy("Delete");
        }
        if (PodDefaults.isBlank(out.volumeBindingMode())) {
            out = out.withVolumeBindingMode("Immediate");
        }
        return out;
    }
}
