package io.tugboat.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceSpec;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.core.Secret;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategy every kind uses, with the few per-kind rules written out as small switches rather than
 * spread over a class per kind: what a create resets, which fields are selectable. Defaulting and
 * validation come from api-types ({@link Admission}).
 *
 * <p>Status handling works on JSON trees so it needs no per-kind code: "keep the old status" is "replace the
 * {@code status} member of the new tree by the old one".
 */
public final class GenericStrategy implements Strategy {
    /** Kinds whose status a create resets: the controllers and kubelets own it, not the creator. */
    private static final Set<String> STATUS_RESET_ON_CREATE = Set.of("Deployment", "ReplicaSet", "StatefulSet",
            "DaemonSet", "Job", "CronJob", "Service", "PersistentVolume", "PersistentVolumeClaim");

    private final ResourceKind<?> kind;
    private final DefaultTolerationSeconds defaultTolerations;
    private final DefaultStorageClass defaultStorageClass;

    public GenericStrategy(ResourceKind<?> kind) {
        this(kind, DefaultTolerationSeconds.defaults());
    }

    /** A strategy whose pods get {@code defaultTolerations} on create. */
    public GenericStrategy(ResourceKind<?> kind, DefaultTolerationSeconds defaultTolerations) {
        this(kind, defaultTolerations, DefaultStorageClass.none());
    }

    /** A strategy whose pods get {@code defaultTolerations} and whose claims get {@code defaultStorageClass} on create. */
    public GenericStrategy(ResourceKind<?> kind, DefaultTolerationSeconds defaultTolerations,
                           DefaultStorageClass defaultStorageClass) {
        this.kind = kind;
        this.defaultTolerations = defaultTolerations;
        this.defaultStorageClass = defaultStorageClass;
    }

    @Override
    public boolean hasStatusSubresource() {
        return kind.hasSubresource("status");
    }

    @Override
    public KubernetesObject prepareForCreate(KubernetesObject object) {
        if (object instanceof Pod pod) {
            // A new pod is Pending until the kubelet that runs it says otherwise.
            return defaultTolerations.admit(pod).withStatus(new PodStatus("Pending", null, null, null, null, null, null, null, null, null, null, null));
        }
        if (object instanceof Namespace namespace) {
            // Every namespace starts Active and carries the "kubernetes" finalizer that the namespace
            // controller removes once the namespace is empty.
            List<String> finalizers = new java.util.ArrayList<>(namespace.spec() == null || namespace.spec().finalizers() == null
                    ? List.of() : namespace.spec().finalizers());
            if (!finalizers.contains("kubernetes")) {
                finalizers.add("kubernetes");
            }
            return namespace.withSpec(new NamespaceSpec(finalizers)).withStatus(new NamespaceStatus("Active", null));
        }
        if (object instanceof io.tugboat.api.batch.Job job) {
            object = withGeneratedSelector(job);
        }
        if (object instanceof io.tugboat.api.core.PersistentVolumeClaim claim) {
            object = defaultStorageClass.admit(claim);
        }
        if (STATUS_RESET_ON_CREATE.contains(kind.kind())) {
            return withMember(object, "status", null);
        }
        return object;
    }

    /**
     * A Job without {@code manualSelector: true} gets its selector from the server, as in Kubernetes: it
     * matches the label {@code batch.kubernetes.io/controller-uid=<uid>}, which is added to the pod template
     * together with {@code batch.kubernetes.io/job-name} and the legacy {@code controller-uid} and
     * {@code job-name} labels. So a Job manifest needs neither, and no two Jobs ever select each other's
     * pods. (With generateName the name is not known yet here, and the job-name labels are left out.)
     */
    static KubernetesObject withGeneratedSelector(io.tugboat.api.batch.Job job) {
        ObjectNode tree = (ObjectNode) Codec.toTree(job);
        JsonNode spec = tree.get("spec");
        if (!(spec instanceof ObjectNode specNode) || spec.path("manualSelector").asBoolean(false)) {
            return job;
        }
        String uid = job.metadata().uid();
        String name = job.metadata().name();
        specNode.putObject("selector").putObject("matchLabels").put("batch.kubernetes.io/controller-uid", uid);
        ObjectNode template = specNode.has("template") && specNode.get("template").isObject()
                ? (ObjectNode) specNode.get("template") : specNode.putObject("template");
        ObjectNode metadata = template.has("metadata") && template.get("metadata").isObject()
                ? (ObjectNode) template.get("metadata") : template.putObject("metadata");
        ObjectNode labels = metadata.has("labels") && metadata.get("labels").isObject()
                ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
        labels.put("batch.kubernetes.io/controller-uid", uid);
        labels.put("controller-uid", uid);
        if (name != null && !name.isEmpty()) {
            labels.put("batch.kubernetes.io/job-name", name);
            labels.put("job-name", name);
        }
        try {
            return Codec.fromTree(tree, io.tugboat.api.batch.Job.class).value();
        } catch (DecodeException e) {
            throw new IllegalStateException("re-decoding Job failed", e);
        }
    }

    @Override
    public KubernetesObject prepareForUpdate(KubernetesObject updated, KubernetesObject old) {
        if (!hasStatusSubresource()) {
            return updated;
        }
        KubernetesObject result = withMember(updated, "status", Codec.toTree(old).get("status"));
        if (result instanceof Namespace namespace && old instanceof Namespace before) {
            // spec.finalizers change only through /finalize, as in Kubernetes.
            result = namespace.withSpec(before.spec());
        }
        return result;
    }

    @Override
    public KubernetesObject prepareForStatusUpdate(KubernetesObject updated, KubernetesObject old) {
        KubernetesObject result = withMember(old, "status", Codec.toTree(updated).get("status"));
        // The client's resourceVersion still guards the write.
        return result.withMetadata(old.metadata().withResourceVersion(updated.metadata().resourceVersion()));
    }

    @Override
    public KubernetesObject applyDefaults(KubernetesObject object) {
        return Admission.applyDefaults(object);
    }

    @Override
    public List<StatusCause> validate(KubernetesObject object) {
        return Admission.validate(object);
    }

    @Override
    public List<StatusCause> validateUpdate(KubernetesObject updated, KubernetesObject old) {
        return Admission.validateUpdate(updated, old);
    }

    @Override
    public boolean specChanged(KubernetesObject updated, KubernetesObject old) {
        return !specOf(updated).equals(specOf(old));
    }

    /** Everything but type, metadata and status: what "the spec" means for generation counting. */
    private static JsonNode specOf(KubernetesObject object) {
        ObjectNode tree = (ObjectNode) Codec.toTree(object);
        tree.remove(List.of("apiVersion", "kind", "metadata", "status"));
        return tree;
    }

    @Override
    public Map<String, String> selectableFields(KubernetesObject object) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (object instanceof Pod pod) {
            var spec = pod.spec();
            var status = pod.status();
            fields.put("spec.nodeName", spec == null ? "" : nz(spec.nodeName()));
            fields.put("spec.restartPolicy", spec == null ? "" : nz(spec.restartPolicy()));
            fields.put("spec.schedulerName", spec == null ? "" : nz(spec.schedulerName()));
            fields.put("spec.serviceAccountName", spec == null ? "" : nz(spec.serviceAccountName()));
            fields.put("spec.hostNetwork", String.valueOf(spec != null && Boolean.TRUE.equals(spec.hostNetwork())));
            fields.put("status.phase", status == null ? "" : nz(status.phase()));
            fields.put("status.podIP", status == null ? "" : nz(status.podIP()));
        } else if (object instanceof Event event) {
            var ref = event.involvedObject();
            fields.put("involvedObject.kind", ref == null ? "" : nz(ref.kind()));
            fields.put("involvedObject.namespace", ref == null ? "" : nz(ref.namespace()));
            fields.put("involvedObject.name", ref == null ? "" : nz(ref.name()));
            fields.put("involvedObject.uid", ref == null ? "" : nz(ref.uid()));
            fields.put("involvedObject.apiVersion", ref == null ? "" : nz(ref.apiVersion()));
            fields.put("involvedObject.resourceVersion", ref == null ? "" : nz(ref.resourceVersion()));
            fields.put("involvedObject.fieldPath", ref == null ? "" : nz(ref.fieldPath()));
            fields.put("reason", nz(event.reason()));
            fields.put("reportingComponent", nz(event.reportingComponent()));
            fields.put("source", event.source() == null ? "" : nz(event.source().component()));
            fields.put("type", nz(event.type()));
        } else if (object instanceof Node node) {
            fields.put("spec.unschedulable", String.valueOf(node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())));
        } else if (object instanceof Namespace namespace) {
            fields.put("status.phase", namespace.status() == null ? "" : nz(namespace.status().phase()));
        } else if (object instanceof Secret secret) {
            fields.put("type", nz(secret.type()));
        }
        return fields;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The object with one top-level member replaced (or removed when {@code value} is null). */
    static KubernetesObject withMember(KubernetesObject object, String member, JsonNode value) {
        ObjectNode tree = (ObjectNode) Codec.toTree(object);
        if (value == null || value.isNull()) {
            tree.remove(member);
        } else {
            tree.set(member, value);
        }
        try {
            return Codec.fromTree(tree, object.getClass()).value();
        } catch (DecodeException e) {
            throw new IllegalStateException("re-decoding " + object.kind() + " failed", e);
        }
    }
}
