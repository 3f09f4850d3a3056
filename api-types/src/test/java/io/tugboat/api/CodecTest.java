package io.tugboat.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
              creationTimestamp: null
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: tugboat/busybox:1
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
                    frobnicate: true
                  topologySpreadConstraints: []
            """;

    @Test
    void decodesYamlAndReportsUnknownFieldsByPath() throws Exception {
        Decoded<Deployment> decoded = Codec.fromYaml(DEPLOYMENT, Deployment.class);
        Deployment d = decoded.value();
        assertEquals("web", d.metadata().name());
        assertNull(d.metadata().creationTimestamp());
        assertEquals(2, d.spec().replicas());
        assertEquals("25%", d.spec().strategy().rollingUpdate().maxSurge().strValue());
        assertEquals(1, d.spec().strategy().rollingUpdate().maxUnavailable().intValue());
        assertEquals(List.of("spec.template.spec.containers[0].frobnicate"),
                decoded.unknownFields());
    }

    @Test
    void decodeObjectDispatchesOnApiVersionAndKind() throws Exception {
        Decoded<KubernetesObject> decoded = Codec.decodeObject(DEPLOYMENT.getBytes(), true);
        assertInstanceOf(Deployment.class, decoded.value());
    }

    @Test
    void unknownKindIsADecodeError() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> Codec.decodeObject("{\"apiVersion\":\"v1\",\"kind\":\"Widget\"}".getBytes(), false));
        assertTrue(e.getMessage().contains("Widget"), e.getMessage());
    }

    @Test
    void wrongScalarTypesAreRejectedWithTheFieldPath() {
        DecodeException e = assertThrows(DecodeException.class, () -> Codec.fromJson(
                "{\"spec\":{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":\"X\",\"value\":80}]}]}}", Pod.class));
        assertEquals("spec.containers[0].env[0].value", e.field());
        assertThrows(DecodeException.class, () -> Codec.fromJson("{\"spec\":{\"replicas\":\"3\"}}", Deployment.class));
    }

    @Test
    void encodingOmitsNullsSortsMapsAndIsDeterministic() {
        Pod pod = Pod.of(new ObjectMeta("p", null, "default", null, null, null, null, Instant.parse("2024-05-01T12:00:00.750Z"),
                null, null, Map.of("z", "1", "a", "2"), null, null, null), null, null);
        String json = Codec.toJsonString(pod);
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\","
                + "\"creationTimestamp\":\"2024-05-01T12:00:00Z\",\"labels\":{\"a\":\"2\",\"z\":\"1\"}}}", json);
        assertArrayEquals(Codec.toJson(pod), Codec.toJson(pod));
    }

    @Test
    void microTimeFieldsKeepMicroseconds() throws Exception {
        Lease lease = Lease.of(new ObjectMeta("n1", null, "kube-node-lease", null, null, null, null, null, null, null, null,
                null, null, null), new LeaseSpec("n1", 40, null, Instant.parse("2024-05-01T12:00:00.123456789Z"), 3));
        String json = Codec.toJsonString(lease);
        assertTrue(json.contains("\"renewTime\":\"2024-05-01T12:00:00.123456Z\""), json);
        assertEquals(Instant.parse("2024-05-01T12:00:00.123456Z"), Codec.fromJson(json, Lease.class).value().spec().renewTime());
    }

    @Test
    void continueTokenUsesItsKubernetesName() {
        assertEquals("{\"resourceVersion\":\"5\",\"continue\":\"abc\"}", Codec.toJsonString(new ListMeta(null, "5", "abc", null)));
    }

    @Test
    void multiDocumentYamlSkipsEmptyDocuments() throws Exception {
        String yaml = "---\n" + DEPLOYMENT + "---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n";
        List<Decoded<KubernetesObject>> docs = Codec.decodeYamlDocuments(yaml);
        assertEquals(2, docs.size());
        assertEquals("Service", docs.get(1).value().kind());
    }

    @Test
    void yamlAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        assertThrows(DecodeException.class, () -> Codec.readTree(yaml.toString().getBytes(), true));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThrows(DecodeException.class, () -> Codec.readTree(deep.getBytes(), false));
    }
}
