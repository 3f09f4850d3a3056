package io.tugboat.apiserver.rest.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patch rules of the kinds Tugboat serves, each checked against the upstream Go struct tag
 * (Kubernetes 1.32 {@code k8s.io/api} and {@code k8s.io/apimachinery}).
 */
class PatchSchemasTest {

    static Stream<Arguments> upstreamTags() {
        return Stream.of(
                Arguments.of("v1", "Pod", "metadata.ownerReferences", "merge by uid"),
                Arguments.of("v1", "Pod", "metadata.finalizers", "merge as a set"),
                Arguments.of("v1", "Pod", "metadata.labels", "plain"),
                Arguments.of("v1", "Pod", "spec.containers", "merge by name"),
                Arguments.of("v1", "Pod", "spec.initContainers", "merge by name"),
                Arguments.of("v1", "Pod", "spec.ephemeralContainers", "merge by name"),
                Arguments.of("v1", "Pod", "spec.volumes", "merge by name, retaining keys"),
                Arguments.of("v1", "Pod", "spec.imagePullSecrets", "merge by name"),
                Arguments.of("v1", "Pod", "spec.hostAliases", "merge by ip"),
                Arguments.of("v1", "Pod", "spec.tolerations", "plain"),
                Arguments.of("v1", "Pod", "spec.topologySpreadConstraints", "merge by topologyKey"),
                Arguments.of("v1", "Pod", "spec.schedulingGates", "merge by name"),
                Arguments.of("v1", "Pod", "spec.resourceClaims", "merge by name, retaining keys"),
                Arguments.of("v1", "Pod", "spec.containers.ports", "merge by containerPort"),
                Arguments.of("v1", "Pod", "spec.containers.env", "merge by name"),
                Arguments.of("v1", "Pod", "spec.containers.envFrom", "plain"),
                Arguments.of("v1", "Pod", "spec.containers.volumeMounts", "merge by mountPath"),
                Arguments.of("v1", "Pod", "spec.containers.volumeDevices", "merge by devicePath"),
                Arguments.of("v1", "Pod", "spec.containers.command", "plain"),
                Arguments.of("v1", "Pod", "spec.ephemeralContainers.env", "merge by name"),
                Arguments.of("v1", "Pod", "spec.volumes.ephemeral.volumeClaimTemplate.metadata.finalizers",
                        "merge as a set"),
                Arguments.of("v1", "Pod", "status.conditions", "merge by type"),
                Arguments.of("v1", "Pod", "status.podIPs", "merge by ip"),
                Arguments.of("v1", "Pod", "status.hostIPs", "merge by ip"),
                Arguments.of("v1", "Pod", "status.containerStatuses", "plain"),
                Arguments.of("v1", "Pod", "status.resourceClaimStatuses", "merge by name, retaining keys"),
                Arguments.of("v1", "Node", "spec.podCIDRs", "merge as a set"),
                Arguments.of("v1", "Node", "spec.taints", "plain"),
                Arguments.of("v1", "Node", "status.conditions", "merge by type"),
                Arguments.of("v1", "Node", "status.addresses", "merge by type"),
                Arguments.of("v1", "Node", "status.images", "plain"),
                Arguments.of("v1", "Namespace", "spec.finalizers", "plain"),
                Arguments.of("v1", "Namespace", "status.conditions", "merge by type"),
                Arguments.of("v1", "Service", "spec.ports", "merge by port"),
                Arguments.of("v1", "Service", "status.conditions", "merge by type"),
                Arguments.of("v1", "Service", "status.loadBalancer.ingress", "plain"),
                Arguments.of("v1", "Endpoints", "subsets", "plain"),
                Arguments.of("v1", "PersistentVolumeClaim", "status.conditions", "merge by type"),
                Arguments.of("v1", "PersistentVolume", "spec.accessModes", "plain"),
                Arguments.of("apps/v1", "Deployment", "spec.strategy", "plain, retaining keys"),
                Arguments.of("apps/v1", "Deployment", "spec.template.spec.containers.env", "merge by name"),
                Arguments.of("apps/v1", "Deployment", "spec.template.metadata.finalizers", "merge as a set"),
                Arguments.of("apps/v1", "Deployment", "status.conditions", "merge by type"),
                Arguments.of("apps/v1", "ReplicaSet", "spec.template.spec.volumes", "merge by name, retaining keys"),
                Arguments.of("apps/v1", "ReplicaSet", "status.conditions", "merge by type"),
                Arguments.of("apps/v1", "StatefulSet", "spec.template.spec.containers", "merge by name"),
                Arguments.of("apps/v1", "StatefulSet", "spec.volumeClaimTemplates", "plain"),
                Arguments.of("apps/v1", "StatefulSet", "spec.updateStrategy", "plain"),
                Arguments.of("apps/v1", "StatefulSet", "status.conditions", "merge by type"),
                Arguments.of("apps/v1", "DaemonSet", "spec.template.spec.initContainers", "merge by name"),
                Arguments.of("apps/v1", "DaemonSet", "spec.updateStrategy", "plain"),
                Arguments.of("apps/v1", "DaemonSet", "status.conditions", "merge by type"),
                Arguments.of("apps/v1", "ControllerRevision", "data", "replace"),
                Arguments.of("batch/v1", "Job", "spec.template.spec.containers.volumeMounts", "merge by mountPath"),
                Arguments.of("batch/v1", "Job", "status.conditions", "merge by type"),
                Arguments.of("batch/v1", "CronJob", "spec.jobTemplate.spec.template.spec.containers", "merge by name"),
                Arguments.of("batch/v1", "CronJob", "spec.jobTemplate.metadata.ownerReferences", "merge by uid"),
                Arguments.of("batch/v1", "CronJob", "status.active", "plain"),
                Arguments.of("v1", "ConfigMap", "metadata.finalizers", "merge as a set"),
                Arguments.of("v1", "Secret", "metadata.ownerReferences", "merge by uid"),
                Arguments.of("v1", "Event", "metadata.finalizers", "merge as a set"),
                Arguments.of("coordination.k8s.io/v1", "Lease", "metadata.ownerReferences", "merge by uid"),
                Arguments.of("storage.k8s.io/v1", "StorageClass", "mountOptions", "plain"),
                Arguments.of("autoscaling/v1", "Scale", "metadata.finalizers", "merge as a set"));
    }

    @ParameterizedTest(name = "{1} {2}: {3}")
    @MethodSource("upstreamTags")
    void declaresTheUpstreamPatchRule(String apiVersion, String kind, String path, String rule) {
        assertEquals(rule, describe(PatchSchemas.forKind(apiVersion, kind), path));
    }

    @Test
    void patchesKindsItDoesNotKnowAsPlainJson() {
        assertSame(PatchSchema.unstructured(), PatchSchemas.forKind("example.com/v1", "Widget"));
        assertSame(PatchSchema.unstructured(), PatchSchemas.forKind("extensions/v1beta1", "Deployment"));
        assertEquals("plain", describe(PatchSchemas.forKind("example.com/v1", "Widget"), "metadata.finalizers"));
    }

    /** The rule for a dotted path; a list segment stands for its elements. */
    private static String describe(PatchSchema schema, String path) {
        PatchSchema.Field field = null;
        for (String segment : path.split("\\.")) {
            field = schema.field(segment);
            schema = field.type();
        }
        String rule = switch (field.strategy()) {
            case DEFAULT -> "plain";
            case REPLACE -> "replace";
            case MERGE -> field.mergeKey() == null ? "merge as a set" : "merge by " + field.mergeKey();
        };
        return field.retainKeys() ? rule + ", retaining keys" : rule;
    }
}
