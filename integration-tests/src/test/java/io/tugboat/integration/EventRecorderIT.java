package io.tugboat.integration;

import io.tugboat.testcluster.TestCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The EventRecorder against a real API server: what lands in etcd, how repeats are counted, how kubectl finds them. */
class EventRecorderIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ApiClient client;
    static ResourceClient<Event> events;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        events = client.resources(ResourceKinds.EVENTS);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Pod createPod(String name) throws Exception {
        Pod pod = Codec.fromJson("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"tugboat/busybox:1\"}]}}", Pod.class).value();
        return client.resources(ResourceKinds.PODS).inNamespace("default").create(pod);
    }

    static EventRecorder recorder() {
        return EventRecorder.builder(client, "tug-test").host("it-host").build();
    }

    static List<Event> eventsAbout(String name) throws ApiException {
        return events.list(ListOptions.none().withFieldSelector("involvedObject.name=" + name)).items().stream()
                .sorted(Comparator.comparing(Event::reason))
                .toList();
    }

    @Test
    void repeatedEventsAreOneEventWithACount() throws Exception {
        Pod pod = createPod("web-repeat");
        EventRecorder recorder = recorder();

        for (int i = 0; i < 5; i++) {
            recorder.event(pod, EventRecorder.WARNING, "FailedScheduling", "0/%d nodes are available", 3);
        }
        recorder.stop();

        List<Event> found = eventsAbout("web-repeat");
        assertEquals(1, found.size(), found.toString());
        Event event = found.get(0);
        assertEquals(5, event.count());
        assertEquals("0/3 nodes are available", event.message());
        assertEquals(EventRecorder.WARNING, event.type());
        assertTrue(event.metadata().name().matches("web-repeat\\.[0-9a-f]+"), event.metadata().name());
        assertEquals("default", event.metadata().namespace());
        assertEquals(pod.metadata().uid(), event.involvedObject().uid());
        assertEquals("Pod", event.involvedObject().kind());
        assertEquals("v1", event.involvedObject().apiVersion());
        assertEquals("tug-test", event.source().component());
        assertEquals("it-host", event.source().host());
        assertEquals("tug-test", event.reportingComponent());
        assertFalse(event.lastTimestamp().isBefore(event.firstTimestamp()));
    }

    @Test
    void distinctReasonsAreDistinctEvents() throws Exception {
        Pod pod = createPod("web-reasons");
        EventRecorder recorder = recorder();

        recorder.event(pod, EventRecorder.NORMAL, "Scheduled", "Successfully assigned default/web-reasons to n1");
        recorder.event(pod, EventRecorder.NORMAL, "Pulled", "Container image already present on machine");
        recorder.event(pod, EventRecorder.NORMAL, "Started", "Started container c");
        recorder.event(pod, EventRecorder.NORMAL, "Pulled", "Container image already present on machine");
        recorder.stop();

        Map<String, Integer> counts = eventsAbout("web-reasons").stream()
                .collect(Collectors.toMap(Event::reason, Event::count));
        assertEquals(Map.of("Scheduled", 1, "Pulled", 2, "Started", 1), counts);
    }

    @Test
    void theFieldSelectorOnTheInvolvedObjectSeparatesObjects() throws Exception {
        Pod a = createPod("web-a");
        Pod b = createPod("web-b");
        EventRecorder recorder = recorder();

        recorder.event(a, EventRecorder.NORMAL, "Killing", "Stopping container c");
        recorder.event(b, EventRecorder.NORMAL, "Killing", "Stopping container c");
        recorder.event(b, EventRecorder.WARNING, "BackOff", "Back-off restarting failed container");
        recorder.stop();

        assertEquals(List.of("Killing"), eventsAbout("web-a").stream().map(Event::reason).toList());
        assertEquals(List.of("BackOff", "Killing"), eventsAbout("web-b").stream().map(Event::reason).toList());
        List<Event> warnings = events.inNamespace("default").list(ListOptions.none()
                .withFieldSelector("involvedObject.name=web-b,type=Warning")).items();
        assertEquals(1, warnings.size());
    }

    @Test
    void eventsAboutAClusterScopedObjectGoToTheDefaultNamespace() throws Exception {
        Node node = client.resources(ResourceKinds.NODES).create(Node.of(new ObjectMeta("n-events", null, null, null,
                null, null, null, null, null, null, null, null, null, null), null, null));
        EventRecorder recorder = recorder();

        recorder.event(node, EventRecorder.NORMAL, "RegisteredNode", "Node n-events event: Registered Node n-events");
        recorder.stop();

        List<Event> found = events.inNamespace("default").list(ListOptions.none()
                .withFieldSelector("involvedObject.kind=Node,involvedObject.name=n-events")).items();
        assertEquals(1, found.size());
        assertEquals(node.metadata().uid(), found.get(0).involvedObject().uid());
    }

    @Test
    void aRepeatOfAnEventDeletedMeanwhileIsWrittenAgain() throws Exception {
        Pod pod = createPod("web-expired");
        EventRecorder recorder = recorder();
        recorder.event(pod, EventRecorder.WARNING, "Unhealthy", "Liveness probe failed");
        LeaderElectionIT.awaitTrue("the first event is written", Duration.ofSeconds(10),
                () -> count("web-expired") == 1);
        String name = eventsAbout("web-expired").get(0).metadata().name();
        events.inNamespace("default").delete(name);     // as the API server's TTL would

        recorder.event(pod, EventRecorder.WARNING, "Unhealthy", "Liveness probe failed");
        recorder.stop();

        List<Event> found = eventsAbout("web-expired");
        assertEquals(1, found.size());
        assertEquals(name, found.get(0).metadata().name());
        assertEquals(2, found.get(0).count());
    }

    @Test
    void kubectlListsTheEventsOfOneObject(@TempDir Path dir) throws Exception {
        Pod pod = createPod("web-kubectl");
        EventRecorder recorder = recorder();
        for (int i = 0; i < 3; i++) {
            recorder.event(pod, EventRecorder.WARNING, "BackOff", "Back-off restarting failed container");
        }
        recorder.event(pod, EventRecorder.NORMAL, "Pulled", "Container image already present on machine");
        recorder.stop();

        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: it, cluster: {server: "%s"}}]
                users: [{name: it, user: {}}]
                contexts: [{name: it, context: {cluster: it, user: it}}]
                current-context: it
                """.formatted(cluster.url()));
        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig=" + kubeconfig, "--cache-dir=" + dir.resolve("cache"),
                "get", "events", "--field-selector", "involvedObject.name=web-kubectl",
                "-o", "jsonpath={range .items[*]}{.reason}={.count}{\"\\n\"}{end}")
                .redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl did not finish");
        assertEquals(0, kubectl.exitValue(), out);
        assertEquals(List.of("BackOff=3", "Pulled=1"), out.lines().sorted().toList());
    }

    private static int count(String name) {
        try {
            return eventsAbout(name).size();
        } catch (ApiException e) {
            return -1;
        }
    }
}
