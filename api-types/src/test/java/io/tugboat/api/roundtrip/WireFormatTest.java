package io.tugboat.api.roundtrip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Decoded;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.DaemonEndpoint;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Node;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The details of the wire format that clients depend on, each pinned by the exact bytes Kubernetes uses. */
class WireFormatTest {

    private static final String DEPLOYMENT_JSON = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default",\
            "resourceVersion":"42","generation":1,"creationTimestamp":"2024-05-01T12:00:00Z",\
            "labels":{"version":"2","app":"web"},"annotations":{"note":"line one\\nline two\\n"},"finalizers":[]},\
            "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},\
            "spec":{"containers":[{"name":"web","image":"nginx:1.25","args":["--verbose","yes","8080"],\
            "ports":[{"name":"http","containerPort":8080}],"env":[{"name":"ENABLED","value":"true"},\
            {"name":"EMPTY","value":""}],"resources":{"requests":{"cpu":"500m","memory":"64Mi"}}}]}},\
            "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}}}}""";

    /**
     * What {@code kubectl get -o yaml} users expect to read: no {@code ---} header, list items at the indent of
     * their key, strings that YAML would take for numbers, booleans or timestamps in quotes, numbers and plain
     * words bare, multi-line strings as literal blocks, map entries sorted.
     */
    @Test
    void yamlIsPrintedTheWayKubectlPrintsIt() throws DecodeException {
        Deployment deployment = Codec.fromJson(DEPLOYMENT_JSON, Deployment.class).value();
        assertEquals("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                  resourceVersion: "42"
                  generation: 1
                  creationTimestamp: "2024-05-01T12:00:00Z"
                  labels:
                    app: web
                    version: "2"
                  annotations:
                    note: |
                      line one
                      line two
                  finalizers: []
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.25
                        args:
                        - --verbose
                        - "yes"
                        - "8080"
                        ports:
                        - name: http
                          containerPort: 8080
                        env:
                        - name: ENABLED
                          value: "true"
                        - name: EMPTY
                          value: ""
                        resources:
                          requests:
                            cpu: 500m
                            memory: 64Mi
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxUnavailable: 0
                      maxSurge: 25%
                """, Codec.toYaml(deployment));
    }

    /** Each of these is a string that a YAML 1.1 reader would turn into something else if it were not quoted. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"123", "-1", "0x1F", "0X1F", "0o17", "0B101", "0b101", "1e3", "1_000", ".5", "1:30", "190:20:30.15", ".inf",
        ".NaN", "true", "False", "yes", "NO", "on", "Off", "y", "n", "null", "Null", "~", "<<", "2024-01-01",
        "2024-01-01T00:00:00Z", "", " ", "0644"})
    void stringsThatLookLikeOtherTypesStayQuotedAndComeBackAsStrings(String value) throws DecodeException {
        ConfigMap config = ConfigMap.of(new ObjectMeta("c", null, null, null, null, null, null, null, null, null,
                Map.of(value, value), null, null, null), Map.of("key", value), null, null);
        String yaml = Codec.toYaml(config);
        assertTrue(yaml.contains("key: \"" + value + "\"") || yaml.contains("key: '" + value + "'"), yaml);
        assertEquals(config, Codec.fromYaml(yaml, ConfigMap.class).value(), yaml);
    }

    @Test
    void daemonEndpointPortIsCapitalisedAsInKubernetes() throws DecodeException {
        String json = "{\"Port\":10250}";
        assertEquals(json, Codec.toJsonString(new DaemonEndpoint(10250)));
        assertEquals(new DaemonEndpoint(10250), Codec.fromJson(json, DaemonEndpoint.class).value());

        Decoded<Node> node = Codec.fromJson("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},
                 "status":{"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}}}}""", Node.class);
        assertEquals(10250, node.value().status().daemonEndpoints().kubeletEndpoint().port());
        assertEquals(List.of(), node.unknownFields());
        assertTrue(Codec.toYaml(node.value()).contains("kubeletEndpoint:\n      Port: 10250\n"), Codec.toYaml(node.value()));
    }

    @Test
    void listMetaContinueTokenTravelsAsContinue() throws DecodeException {
        String json = "{\"resourceVersion\":\"5\",\"continue\":\"eyJydiI6NX0\",\"remainingItemCount\":12}";
        ListMeta meta = new ListMeta(null, "5", "eyJydiI6NX0", 12L);
        assertEquals(json, Codec.toJsonString(meta));
        Decoded<ListMeta> decoded = Codec.fromJson(json, ListMeta.class);
        assertEquals(meta, decoded.value());
        assertEquals(List.of(), decoded.unknownFields());
        assertEquals(meta, Codec.fromYaml("resourceVersion: \"5\"\ncontinue: eyJydiI6NX0\nremainingItemCount: 12\n",
                ListMeta.class).value());
        // In a Status too, where a 410 Gone for an expired token carries it.
        Status status = Codec.fromJson("{\"kind\":\"Status\",\"metadata\":{\"continue\":\"x\"},\"code\":410}", Status.class).value();
        assertEquals("x", status.metadata().continueToken());
    }

    @Test
    void nullAndEmptyListsAndMapsStayApart() throws DecodeException {
        ObjectMeta absent = new ObjectMeta("m", null, null, null, null, null, null, null, null, null, null, null, null, null);
        ObjectMeta empty = new ObjectMeta("m", null, null, null, null, null, null, null, null, null, Map.of(), Map.of(),
                List.of(), List.of());
        assertEquals("{\"name\":\"m\"}", Codec.toJsonString(absent));
        assertEquals("{\"name\":\"m\",\"labels\":{},\"annotations\":{},\"ownerReferences\":[],\"finalizers\":[]}",
                Codec.toJsonString(empty));
        assertEquals("name: m\nlabels: {}\nannotations: {}\nownerReferences: []\nfinalizers: []\n", Codec.toYaml(empty));
        for (ObjectMeta meta : List.of(absent, empty)) {
            assertEquals(meta, Codec.fromJson(Codec.toJson(meta), ObjectMeta.class).value());
            assertEquals(meta, Codec.fromYaml(Codec.toYaml(meta), ObjectMeta.class).value());
        }
        ObjectMeta fromNull = Codec.fromJson("{\"name\":\"m\",\"finalizers\":null,\"labels\":null}", ObjectMeta.class).value();
        assertAll(
                () -> assertNull(fromNull.finalizers()),
                () -> assertNull(fromNull.labels()),
                () -> assertEquals(List.of(), Codec.fromYaml("finalizers: []\n", ObjectMeta.class).value().finalizers()),
                () -> assertNull(Codec.fromYaml("finalizers:\n", ObjectMeta.class).value().finalizers()));
    }

    @Test
    void nullsInsideJsonValuedFieldsSurviveYamlAsTheyDoJson() throws DecodeException {
        // ControllerRevision.data is raw JSON: a null in it is data, not an absent field.
        String yaml = "apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: {name: r}\nrevision: 1\n"
                + "data: {spec: {template: {metadata: {creationTimestamp: null}}}, gone: ~}\n";
        JsonNode fromYaml = Codec.fromYaml(yaml, ControllerRevision.class).value().data();
        JsonNode fromJson = Codec.fromJson(Codec.toJson(Codec.readTree(yaml.getBytes(StandardCharsets.UTF_8), true)),
                ControllerRevision.class).value().data();
        assertEquals("{\"spec\":{\"template\":{\"metadata\":{\"creationTimestamp\":null}}},\"gone\":null}", fromYaml.toString());
        assertEquals(fromJson, fromYaml);
    }

    @Test
    void timestampsAreWholeSecondsExceptMicroTimeFields() throws DecodeException {
        Instant instant = Instant.parse("2024-05-01T12:00:00.123456789Z");
        Event event = Event.of(null, null, null, null, null, instant, instant, null, null, instant, null, null, null, null);
        String json = Codec.toJsonString(event);
        assertTrue(json.contains("\"firstTimestamp\":\"2024-05-01T12:00:00Z\""), json);
        assertTrue(json.contains("\"eventTime\":\"2024-05-01T12:00:00.123456Z\""), json);
        Event decoded = Codec.fromJson(json, Event.class).value();
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), decoded.lastTimestamp());
        assertEquals(Instant.parse("2024-05-01T12:00:00.123456Z"), decoded.eventTime());
        // Other offsets and precisions are accepted on input and normalised to UTC on output.
        Event offset = Codec.fromJson("{\"firstTimestamp\":\"2024-05-01T14:00:00.5+02:00\"}", Event.class).value();
        assertEquals(Instant.parse("2024-05-01T12:00:00.5Z"), offset.firstTimestamp());
        assertFalse(Codec.toJsonString(offset).contains("+02:00"));
    }
}
