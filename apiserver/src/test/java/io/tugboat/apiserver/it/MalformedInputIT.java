package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input never becomes a 500: hundreds of generated bad requests each get a 4xx Kubernetes Status, and the
 * server stays healthy.
 */
class MalformedInputIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;

    @BeforeAll
    static void start() {
        api = new TestServer(etcd);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"tugboat/busybox:1","ports":[{"containerPort":80}]}]}}}}""";

    /** One bad request and the status codes acceptable for it. */
    record Bad(String description, String method, String path, byte[] body, String contentType, List<Integer> codes) {
    }

    private static Bad bad(String description, String method, String path, String body, String contentType, Integer... codes) {
        return new Bad(description, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType,
                List.of(codes));
    }

    static List<Bad> generate() {
        List<Bad> cases = new ArrayList<>();
        String deployments = "/apis/apps/v1/namespaces/default/deployments";
        // 1. Every proper prefix of a valid object is broken JSON.
        for (int cut = 1; cut < DEPLOYMENT.length() - 1; cut++) {
            cases.add(bad("truncated at " + cut, "POST", deployments, DEPLOYMENT.substring(0, cut), "application/json", 400));
        }
        // 2. Wrong types in well-formed JSON.
        String[][] wrongTypes = {
                {"\"replicas\":2", "\"replicas\":\"two\""}, {"\"replicas\":2", "\"replicas\":[2]"},
                {"\"replicas\":2", "\"replicas\":2.5"}, {"\"containerPort\":80", "\"containerPort\":\"80\""},
                {"\"labels\":{\"app\":\"web\"}", "\"labels\":[\"app\"]"}, {"\"labels\":{\"app\":\"web\"}", "\"labels\":\"app\""},
                {"\"containers\":[", "\"containers\":{\"x\":["}, {"\"image\":\"tugboat/busybox:1\"", "\"image\":42"},
                {"\"name\":\"web\",\"labels\"", "\"name\":{\"a\":1},\"labels\""}, {"\"matchLabels\":{\"app\":\"web\"}", "\"matchLabels\":7"},
                {"\"replicas\":2", "\"replicas\":true"}, {"\"replicas\":2", "\"replicas\":99999999999999999999"},
        };
        for (String[] t : wrongTypes) {
            cases.add(bad("wrong type " + t[1], "POST", deployments, DEPLOYMENT.replace(t[0], t[1]), "application/json", 400));
        }
        // 3. Not objects at all.
        for (String body : List.of("[]", "null", "42", "\"str\"", "true", "", " ", "{}{}", "{\"a\":1} trailing")) {
            cases.add(bad("non-object " + body, "POST", deployments, body, "application/json", 400, 422));
        }
        // 4. Names that break validation.
        for (String name : List.of("UPPER", "under_score", "-dash", "dash-", "dot..dot", "a".repeat(254), "space name",
                "slash/name", "ünïcödé", "")) {
            cases.add(bad("bad name " + name, "POST", deployments, DEPLOYMENT.replace("\"name\":\"web\",\"labels\"",
                    "\"name\":\"" + name + "\",\"labels\""), "application/json", 400, 422));
        }
        // 5. Objects that break other rules.
        String[][] invalid = {
                {"\"replicas\":2", "\"replicas\":-1"}, {"\"containerPort\":80", "\"containerPort\":70000"},
                {"\"image\":\"tugboat/busybox:1\"", "\"image\":\"\""}, {"\"matchLabels\":{\"app\":\"web\"}", "\"matchLabels\":{\"app\":\"db\"}"},
                {"\"labels\":{\"app\":\"web\"}}", "\"labels\":{\"bad key!\":\"web\"}}"},
        };
        for (String[] t : invalid) {
            String renamed = DEPLOYMENT.replace("\"name\":\"web\",\"labels\"", "\"name\":\"invalid\",\"labels\"");
            cases.add(bad("invalid " + t[1], "POST", deployments, renamed.replace(t[0], t[1]), "application/json", 422, 400));
        }
        // 6. Deep nesting, JSON and YAML.
        cases.add(bad("deep JSON", "POST", deployments, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "application/json", 400));
        cases.add(bad("deep JSON arrays", "POST", deployments, "[".repeat(20000) + "]".repeat(20000), "application/json", 400));
        cases.add(bad("deep YAML", "POST", deployments, "a:\n" + "  b:\n".repeat(500), "application/yaml", 400));
        // 7. YAML alias bombs and broken YAML.
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + prev + ",").repeat(8)).append('*').append(prev).append("]\n");
            prev = c;
        }
        cases.add(bad("alias bomb", "POST", deployments, bomb.toString(), "application/yaml", 400));
        for (String yaml : List.of("a: [", "a: {", "- x\ny: z", "key: \"unterminated", "\t- tab", "a: *undefined", ": :")) {
            cases.add(bad("broken YAML " + yaml, "POST", deployments, yaml, "application/yaml", 400));
        }
        cases.add(bad("YAML without a name", "POST", deployments, "&x a: *x", "application/yaml", 400, 422));
        // 8. Wrong content types.
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/vnd.kubernetes.protobuf", "image/png", "multipart/form-data")) {
            cases.add(bad("content type " + type, "POST", deployments, DEPLOYMENT, type, 415));
            cases.add(bad("patch type " + type, "PATCH", deployments + "/web", "{}", type, 415));
        }
        cases.add(bad("server-side apply", "PATCH", deployments + "/web", "{}", "application/apply-patch+yaml", 415));
        // 9. Bad patches.
        for (String patch : List.of("[{\"op\":\"explode\",\"path\":\"/x\"}]", "[{\"op\":\"remove\",\"path\":\"/nope/nope\"}]",
                "{\"op\":\"add\"}", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":7}]", "[1,2]",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":\"x\"}]")) {
            cases.add(bad("json patch " + patch, "PATCH", deployments + "/web", patch, "application/json-patch+json", 400, 422));
        }
        for (String patch : List.of("{\"spec\":{\"replicas\":\"x\"}}", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"explode\"}]}}}}",
                "{\"spec\":{\"$retainKeys\":7}}", "{\"metadata\":{\"name\":[]}}", "[]")) {
            cases.add(bad("smp " + patch, "PATCH", deployments + "/web", patch, "application/strategic-merge-patch+json", 400, 422));
        }
        // 10. Bad query parameters and paths.
        for (String query : List.of("limit=-1", "limit=abc", "resourceVersion=abc", "labelSelector=a%20in%20(", "labelSelector=%3D%3D%3D",
                "fieldSelector=spec.bogus%3Dx", "fieldSelector=a%3E1", "continue=garbage", "timeoutSeconds=x",
                "watch=true&resourceVersion=-5", "resourceVersionMatch=Whenever")) {
            cases.add(bad("query " + query, "GET", deployments + "?" + query, null, null, 400));
        }
        for (String path : List.of("/apis/apps/v1/namespaces/default/widgets", "/apis/nope/v1/things", "/api/v2/pods",
                "/api/v1/namespaces/default/pods/x/y/z", "/apis/apps/v1/namespaces/default/deployments/web/explode",
                "/nothing", "/api/v1/namespaces/default/configmaps/x/status", "/openapi/v3/apis/nope/v1")) {
            cases.add(bad("path " + path, "GET", path, null, null, 404));
        }
        cases.add(bad("unknown fieldValidation", "POST", deployments + "?fieldValidation=Maybe",
                DEPLOYMENT.replace("\"name\":\"web\",", "\"name\":\"fv\","), "application/json", 400));
        cases.add(bad("post to item", "POST", deployments + "/web", DEPLOYMENT, "application/json", 405));
        cases.add(bad("mismatched namespace", "POST", "/api/v1/namespaces/kube-system/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"default\"}}", "application/json", 400));
        cases.add(bad("mismatched kind", "POST", deployments, DEPLOYMENT.replace("\"kind\":\"Deployment\"", "\"kind\":\"Pod\""),
                "application/json", 400));
        cases.add(bad("mismatched name on PUT", "PUT", deployments + "/other", DEPLOYMENT, "application/json", 400));
        // 11. Random bytes, including invalid UTF-8.
        Random random = new Random(42);
        for (int i = 0; i < 150; i++) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            junk[0] = (byte) (i % 2 == 0 ? '{' : 0xC3);
            cases.add(new Bad("random bytes " + i, "POST", deployments, junk, i % 3 == 0 ? "application/yaml" : "application/json",
                    List.of(400)));
        }
        cases.add(new Bad("invalid UTF-8 in a string", "POST", deployments,
                DEPLOYMENT.replace("tugboat/busybox:1", "\u0001").getBytes(StandardCharsets.UTF_8), "application/json", List.of(400, 422)));
        byte[] latin1 = DEPLOYMENT.replace("web", "w\u00e9b").getBytes(StandardCharsets.ISO_8859_1);
        cases.add(new Bad("latin-1 body", "POST", deployments, latin1, "application/json", List.of(400)));
        return cases;
    }

    @Test
    void everyBadRequestGetsA4xxStatusAndTheServerStaysHealthy() {
        assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", DEPLOYMENT).code());
        List<Bad> cases = generate();
        assertTrue(cases.size() >= 500, "only " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        for (Bad c : cases) {
            TestServer.Response response = c.body() == null
                    ? api.send(c.method(), c.path(), null, null)
                    : api.sendBytes(c.method(), c.path(), c.body(), c.contentType());
            if (!c.codes().contains(response.code())) {
                failures.add(c.description() + ": expected " + c.codes() + " got " + response.code() + " " + abbreviate(response.body()));
                continue;
            }
            JsonNode status = response.json();
            if (!"Status".equals(status.path("kind").asText()) || status.path("code").asInt() != response.code()
                    || !"Failure".equals(status.path("status").asText()) || status.path("message").asText().isEmpty()) {
                failures.add(c.description() + ": not a Status body: " + abbreviate(response.body()));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " failed:\n" + String.join("\n", failures));
        assertEquals(200, api.get("/healthz").code());
        assertEquals(200, api.get("/readyz").code());
        assertEquals(2, api.get("/apis/apps/v1/namespaces/default/deployments/web").json().path("spec").path("replicas").asInt());
    }

    @Test
    void anOversizedBodyIs413AnsweredFromTheHeadersWithoutBufferingIt() {
        byte[] huge = new byte[4 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        TestServer.Response response = api.sendBytes("POST", "/api/v1/namespaces/default/configmaps", huge, "application/json");
        assertEquals(413, response.code());
        assertEquals("Status", response.json().path("kind").asText());
        assertEquals(200, api.get("/healthz").code());
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
