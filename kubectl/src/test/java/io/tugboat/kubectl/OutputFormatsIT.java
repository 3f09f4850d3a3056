package io.tugboat.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every output format of {@code tug get} against what the real kubectl prints for the same objects on the
 * same API server: byte for byte, except that an AGE may tick over between the two runs.
 */
class OutputFormatsIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static CommandRunner run;

    static final String OBJECTS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              labels: {app: web, tier: front}
              annotations: {note: "a <b> & c"}
            spec:
              containers:
              - name: httpd
                image: tugboat/busybox:1
                ports: [{containerPort: 8080, name: http}]
                env: [{name: A, value: "1:30"}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: db-1
              labels: {app: db}
            spec:
              containers:
              - {name: db, image: tugboat/busybox:1, command: [sh, -c, "sleep 1000"]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: httpd, image: tugboat/busybox:1}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data: {long: "a line that is long enough to make a YAML writer think about folding it, which kubectl does not do at all", multi: "one\\ntwo\\n"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: quoting
            data: {star: "*", yes: "true", port: "8080", colon: "a: b", hash: "#x", lead: " x", amp: "&a", q: "'q'", dq: 'say "hi"', time: "12:30", empty: "", bang: "!x", dash: "- x", oct: "0o17"}
            ---
            apiVersion: v1
            kind: Node
            metadata:
              name: node-1
              labels: {kubernetes.io/hostname: node-1}
            """;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(etcd);
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        run = new CommandRunner(kubeconfig, Files.createDirectories(dir.resolve("cache")));
        CommandRunner.Result created = run.kubectlWithInput(OBJECTS, "create", "-f", "-");
        assertEquals(0, created.code(), created.toString());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static final Pattern AGE = Pattern.compile("\\b\\d+(s|m|h|d|y)(\\d+(s|m|h))?\\b");

    @ParameterizedTest(name = "get {0}")
    @ValueSource(strings = {
            "pods", "pods -o wide", "pods -o yaml", "pod web-1 -o yaml", "pods -o json", "pod/web-1 -o json",
            "pods -o name", "pods,svc", "pods,deploy,svc -o name", "deploy", "deploy -o wide", "svc", "svc -o wide",
            "nodes", "nodes -o wide", "no node-1 -o yaml", "cm", "cm settings -o yaml", "cm quoting -o yaml", "cm quoting -o json", "cm -o json",
            "pods --show-labels", "pods -A", "pods -A -o wide", "pods --no-headers", "pods -l app=web",
            "pods -l app!=web -o name", "pods --field-selector metadata.name=db-1", "po web-1 db-1",
            "pods -o jsonpath={.items[*].metadata.name}", "pod web-1 -o jsonpath={.metadata.labels}",
            "pods -o jsonpath={range.items[*]}{.metadata.name}{\"\\t\"}{.spec.containers[0].image}{\"\\n\"}{end}",
            "pods -o jsonpath={.items[?(@.metadata.name==\"db-1\")].spec.containers[*].name}",
            "pod web-1 -o jsonpath={.spec.containers[0].ports[0].containerPort}",
            "pods -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app,NODE:.spec.nodeName",
            "pods -n nothing-here", "pods nope", "pods web-1 nope", "foo", "deployments.apps", "deploy.apps web -o name",
            "ns", "pod web-1 -o jsonpath={.metadata.annotations}", "all", "all -o name"
    })
    void printsWhatKubectlPrints(String line) {
        String[] args = ("get " + line).split(" ");
        CommandRunner.Result expected = run.kubectl(args);
        CommandRunner.Result actual = run.tug(args);
        if (!expected.equals(actual)) {
            assertEquals(normalize(expected), normalize(actual), "tug " + line);
        }
    }

    private static String normalize(CommandRunner.Result result) {
        return "exit " + result.code() + "\n" + AGE.matcher(result.out()).replaceAll("<age>").replaceAll(" +", " ")
                + "--- err\n" + result.err().replace("kubectl", "tug");
    }
}
