package io.tugboat.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One encoding gives exactly the bytes two full encodings (stored, and with a resourceVersion) would. */
class StoredJsonTest {

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("pod", ResourceKinds.PODS.type(), """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u-1",
                         "resourceVersion":"7","labels":{"app":"web"}},
                         "spec":{"containers":[{"name":"c","image":"busybox"}]},"status":{"phase":"Pending"}}"""),
                Arguments.of("resourceVersion is the first metadata field", ResourceKinds.PODS.type(), """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"a":"b"}},"spec":{"containers":[]}}"""),
                Arguments.of("resourceVersion is the only metadata field", ResourceKinds.PODS.type(), """
                        {"apiVersion":"v1","kind":"Pod","metadata":{}}"""),
                Arguments.of("user values that look like the field", ResourceKinds.PODS.type(), """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\\"resourceVersion\\":\\"1\\"",
                         "annotations":{"resourceVersion":"\\u0000rv\\u0000","metadata":"{"}},
                         "spec":{"containers":[{"name":"c","image":"busybox","env":[{"name":"metadata","value":"x"}]}]}}"""),
                Arguments.of("namespace", ResourceKinds.NAMESPACES.type(), """
                        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a","uid":"u-2"},
                         "spec":{"finalizers":["kubernetes"]}}"""),
                Arguments.of("node", ResourceKinds.NODES.type(), """
                        {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","generation":3},
                         "status":{"capacity":{"cpu":"2"}}}"""),
                Arguments.of("deployment", ResourceKinds.DEPLOYMENTS.type(), """
                        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},
                         "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"d"}},
                         "spec":{"containers":[{"name":"c","image":"busybox"}]}}}}"""));
    }

    static Stream<Arguments> everyKind() {
        return ResourceKinds.all().stream().map(kind -> Arguments.of(kind.kind(), kind.type(),
                "{\"apiVersion\":\"" + kind.apiVersion() + "\",\"kind\":\"" + kind.kind()
                        + "\",\"metadata\":{\"name\":\"x\",\"uid\":\"u\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void everyKindIsEncodedOnce(String description, Class<? extends KubernetesObject> type, String json) throws Exception {
        oneEncodingGivesTheStoredBytesAndTheResponse(description, type, json);
        // The placeholder was found (no second encoding): the stored bytes are a cut of the template.
        assertTrue(StoredJson.of(Codec.fromJson(json, type).value()).encodedOnce(), description);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void oneEncodingGivesTheStoredBytesAndTheResponse(String description, Class<? extends KubernetesObject> type,
                                                      String json) throws Exception {
        KubernetesObject object = Codec.fromJson(json, type).value();
        StoredJson encoded = StoredJson.of(object);

        String stored = Codec.toJsonString(object.withMetadata(object.metadata().withResourceVersion(null)));
        assertEquals(stored, new String(encoded.stored(), StandardCharsets.UTF_8));
        for (long revision : new long[] {1, 42, 9_876_543_210L}) {
            String response = Codec.toJsonString(object.withMetadata(
                    object.metadata().withResourceVersion(Long.toString(revision))));
            assertEquals(response, new String(encoded.withVersion(revision), StandardCharsets.UTF_8));
        }
    }
}
