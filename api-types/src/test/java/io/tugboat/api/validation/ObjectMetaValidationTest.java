package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.DNS_LABEL;
import static io.tugboat.api.validation.Causes.DNS_SUBDOMAIN;
import static io.tugboat.api.validation.Causes.LABEL_KEY_NAME;
import static io.tugboat.api.validation.Causes.LABEL_VALUE;
import static io.tugboat.api.validation.Causes.forbidden;
import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.required;
import static io.tugboat.api.validation.Causes.tooLong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metadata rules every kind shares, shown on a ConfigMap (namespaced, DNS-subdomain name) and a Namespace
 * (cluster-scoped, DNS-label name).
 */
class ObjectMetaValidationTest {

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: default, labels: {app: shop}}
            data: {color: blue}
            """;
    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """;

    static Stream<Case> cases() {
        String longLabel = "a".repeat(64);
        return Stream.of(
                Case.of("a configmap with a subdomain name is valid", CONFIG_MAP, "metadata: {name: shop.settings-v2}"),
                Case.of("a name is required", CONFIG_MAP, "metadata: {name: null}",
                        required("metadata.name", "name or generateName is required")),
                Case.of("a generateName stands in for the name", CONFIG_MAP, "metadata: {name: null, generateName: settings-}"),
                Case.of("a generateName must still be a valid prefix", CONFIG_MAP, "metadata: {name: null, generateName: Settings-}",
                        invalid("metadata.generateName", "\"Settings-\": " + DNS_SUBDOMAIN)),
                Case.of("upper case in a name is refused", CONFIG_MAP, "metadata: {name: Settings}",
                        invalid("metadata.name", "\"Settings\": " + DNS_SUBDOMAIN)),
                Case.of("a name longer than 253 characters fails twice over length and form",
                        CONFIG_MAP, "metadata: {name: " + "a".repeat(254) + "-}",
                        invalid("metadata.name", "\"" + "a".repeat(254) + "-\": must be no more than 253 characters"),
                        invalid("metadata.name", "\"" + "a".repeat(254) + "-\": " + DNS_SUBDOMAIN)),
                Case.of("a namespaced object needs a namespace", CONFIG_MAP, "metadata: {namespace: null}",
                        required("metadata.namespace")),
                Case.of("a namespace must be a DNS label", CONFIG_MAP, "metadata: {namespace: my.team}",
                        invalid("metadata.namespace", "\"my.team\": must not contain dots")),
                Case.of("a namespace name must be a DNS label", NAMESPACE, "metadata: {name: Shop}",
                        invalid("metadata.name", "\"Shop\": " + DNS_LABEL)),
                Case.of("a cluster-scoped object takes no namespace", NAMESPACE, "metadata: {namespace: default}",
                        forbidden("metadata.namespace", "not allowed on this type")),
                Case.of("a label key may carry a DNS prefix", CONFIG_MAP, "metadata: {labels: {app.kubernetes.io/name: shop}}"),
                Case.of("a label key must start with an alphanumeric character", CONFIG_MAP, "metadata: {labels: {-app: shop}}",
                        invalid("metadata.labels", "\"-app\": " + LABEL_KEY_NAME)),
                Case.of("a label key prefix must be a subdomain", CONFIG_MAP, "metadata: {labels: {Example.com/app: shop}}",
                        invalid("metadata.labels", "\"Example.com/app\": prefix part " + DNS_SUBDOMAIN)),
                Case.of("a label key with two slashes is not a label key", CONFIG_MAP, "metadata: {labels: {a/b/c: shop}}",
                        invalid("metadata.labels", "\"a/b/c\": a valid label key must consist of alphanumeric characters, "
                                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                                + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') "
                                + "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
                Case.of("an empty label value is fine", CONFIG_MAP, "metadata: {labels: {app: ''}}"),
                Case.of("a label value longer than 63 characters is refused", CONFIG_MAP, "metadata: {labels: {app: " + longLabel + "}}",
                        invalid("metadata.labels", "\"" + longLabel + "\": must be no more than 63 characters")),
                Case.of("a label value with a space is refused", CONFIG_MAP, "metadata: {labels: {app: 'my shop'}}",
                        invalid("metadata.labels", "\"my shop\": " + LABEL_VALUE)),
                Case.of("annotation keys are checked ignoring case", CONFIG_MAP, "metadata: {annotations: {Example.com/Note: hi}}"),
                Case.of("an annotation key must be a label key", CONFIG_MAP, "metadata: {annotations: {'bad key': hi}}",
                        invalid("metadata.annotations", "\"bad key\": " + LABEL_KEY_NAME)),
                Case.of("owner references must be complete", CONFIG_MAP,
                        "metadata: {ownerReferences: [{apiVersion: apps/, kind: '', name: '', uid: ''}]}",
                        invalid("metadata.ownerReferences.apiVersion", "\"apps/\": version must not be empty"),
                        invalid("metadata.ownerReferences.kind", "\"\": must not be empty"),
                        invalid("metadata.ownerReferences.name", "\"\": must not be empty"),
                        invalid("metadata.ownerReferences.uid", "\"\": must not be empty")),
                Case.of("only one owner may be the controller", CONFIG_MAP,
                        "metadata: {ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: '1', controller: true},"
                                + " {apiVersion: apps/v1, kind: ReplicaSet, name: b, uid: '2', controller: true}]}",
                        invalid("metadata.ownerReferences", "[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"a\","
                                + "\"uid\":\"1\",\"controller\":true},{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"b\","
                                + "\"uid\":\"2\",\"controller\":true}]: Only one reference can have Controller set to true. "
                                + "Found \"true\" in references for ReplicaSet/a and ReplicaSet/b")),
                Case.of("a finalizer without a domain must be one of Kubernetes' own", CONFIG_MAP,
                        "metadata: {finalizers: [foregroundDeletion, example.com/cleanup, cleanup]}",
                        invalid("metadata.finalizers[2]", "\"cleanup\": name is neither a standard finalizer name nor is it fully qualified")),
                Case.of("a negative generation is refused", CONFIG_MAP, "metadata: {generation: -1}",
                        invalid("metadata.generation", "-1: must be greater than or equal to 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesMetadataLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    @Test
    void annotationsMayTotalAtMost256KiB() {
        ConfigMap cm = (ConfigMap) Manifests.decode(CONFIG_MAP);
        ConfigMap big = cm.withMetadata(cm.metadata().withAnnotations(Map.of("note", "x".repeat(256 * 1024))));
        assertEquals(List.of(tooLong("metadata.annotations", "may not be more than 262144 bytes")), Validator.validate(big));
    }

    static Stream<Case> updates() {
        return Stream.of(
                new Case("a label change with the resourceVersion is fine",
                        meta(stored().withLabels(Map.of("app", "other"))), List.of()),
                new Case("an update must carry a resourceVersion",
                        meta(stored().withResourceVersion(null)), List.of(invalid("metadata.resourceVersion", "\"\": must be specified for an update"))),
                new Case("the name may not change",
                        meta(stored().withName("other")), List.of(invalid("metadata.name", "\"other\": field is immutable"))),
                new Case("the uid may not change",
                        meta(stored().withUid("u2")), List.of(invalid("metadata.uid", "\"u2\": field is immutable"))),
                new Case("the generation may not go back",
                        meta(stored().withGeneration(1L)), List.of(invalid("metadata.generation", "1: must not be decremented"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void validatesMetadataUpdatesLikeKubernetes(Case c) {
        assertEquals(c.expected(), Validator.validateUpdate(c.object(), meta(stored())));
    }

    private static ObjectMeta stored() {
        return new ObjectMeta("settings", null, "default", null, "u1", "42", 2L, null, null, null,
                Map.of("app", "shop"), null, null, null);
    }

    private static ConfigMap meta(ObjectMeta meta) {
        return ConfigMap.of(meta, Map.of("color", "blue"), null, null);
    }

    @Test
    void noFinalizerMayBeAddedWhileDeleting() {
        ObjectMeta deleting = stored().withDeletionTimestamp(java.time.Instant.parse("2024-05-01T12:00:00Z"));
        ConfigMap old = meta(deleting);
        ConfigMap updated = meta(deleting.withFinalizers(List.of("example.com/b", "example.com/a")));
        List<StatusCause> causes = Validator.validateUpdate(updated, old);
        assertEquals(List.of(forbidden("metadata.finalizers", "no new finalizers can be added if the object is being "
                + "deleted, found new finalizers []string{\"example.com/a\", \"example.com/b\"}")), causes);
    }
}
