package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Fixtures.cells;
import static io.tugboat.apiserver.rest.table.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {

    /** A pod created two days before {@link Fixtures#NOW}, with the given spec and status YAML. */
    private static Pod pod(String metadataExtra, String specAndStatus) {
        return yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: default
                  creationTimestamp: "2024-04-29T12:00:00Z"
                %s
                %s
                """.formatted(metadataExtra, specAndStatus), Pod.class);
    }

    private static final String ONE_CONTAINER = """
            spec:
              containers: [{name: app, image: tugboat/busybox:1}]
            """;

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of("a pod not yet scheduled is Pending", pod("", ONE_CONTAINER + """
                        status: {phase: Pending}
                        """), "0/1", "Pending", "0"),
                Arguments.of("a pod pulling its image shows the waiting reason", pod("", ONE_CONTAINER + """
                        status:
                          phase: Pending
                          containerStatuses:
                          - {name: app, ready: false, restartCount: 0, image: tugboat/busybox:1, imageID: "",
                             state: {waiting: {reason: ContainerCreating}}}
                        """), "0/1", "ContainerCreating", "0"),
                Arguments.of("one of two containers ready is Running 1/2", pod("", """
                        spec:
                          containers: [{name: app, image: a}, {name: sidecar, image: b}]
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: app, ready: true, restartCount: 0, image: a, imageID: "",
                             state: {running: {startedAt: "2024-05-01T11:00:00Z"}}}
                          - {name: sidecar, ready: false, restartCount: 0, image: b, imageID: "",
                             state: {running: {startedAt: "2024-05-01T11:00:00Z"}}}
                        """), "1/2", "Running", "0"),
                Arguments.of("a crashing container shows CrashLoopBackOff and when it last restarted", pod("",
                        ONE_CONTAINER + """
                        status:
                          phase: Running
                          containerStatuses:
                          - name: app
                            ready: false
                            restartCount: 3
                            image: tugboat/busybox:1
                            imageID: ""
                            state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s}}
                            lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2024-05-01T11:55:00Z"}}
                        """), "0/1", "CrashLoopBackOff", "3 (5m ago)"),
                Arguments.of("a container that exited 0 is Completed", pod("", ONE_CONTAINER + """
                        status:
                          phase: Succeeded
                          containerStatuses:
                          - {name: app, ready: false, restartCount: 0, image: a, imageID: "",
                             state: {terminated: {exitCode: 0, reason: Completed}}}
                        """), "0/1", "Completed", "0"),
                Arguments.of("a failed container without reason shows its exit code", pod("", ONE_CONTAINER + """
                        status:
                          phase: Failed
                          containerStatuses:
                          - {name: app, ready: false, restartCount: 0, image: a, imageID: "",
                             state: {terminated: {exitCode: 2}}}
                        """), "0/1", "ExitCode:2", "0"),
                Arguments.of("a completed container beside a running one is NotReady without the Ready condition",
                        pod("", """
                        spec:
                          containers: [{name: job, image: a}, {name: proxy, image: b}]
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: job, ready: false, restartCount: 0, image: a, imageID: "",
                             state: {terminated: {exitCode: 0, reason: Completed}}}
                          - {name: proxy, ready: true, restartCount: 0, image: b, imageID: "",
                             state: {running: {startedAt: "2024-05-01T11:00:00Z"}}}
                        """), "1/2", "NotReady", "0"),
                Arguments.of("a pod being deleted is Terminating", pod("  deletionTimestamp: \"2024-05-01T11:59:30Z\"",
                        ONE_CONTAINER + """
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: app, ready: true, restartCount: 0, image: a, imageID: "",
                             state: {running: {startedAt: "2024-05-01T11:00:00Z"}}}
                        """), "1/1", "Terminating", "0"),
                Arguments.of("a deleted pod on a lost node is Unknown", pod("  deletionTimestamp: \"2024-05-01T11:59:30Z\"",
                        ONE_CONTAINER + """
                        status: {phase: Running, reason: NodeLost}
                        """), "0/1", "Unknown", "0"),
                Arguments.of("a finished pod being deleted keeps its status", pod(
                        "  deletionTimestamp: \"2024-05-01T11:59:30Z\"", ONE_CONTAINER + """
                        status:
                          phase: Succeeded
                          containerStatuses:
                          - {name: app, ready: false, restartCount: 0, image: a, imageID: "",
                             state: {terminated: {exitCode: 0, reason: Completed}}}
                        """), "0/1", "Completed", "0"),
                Arguments.of("an evicted pod shows the status reason", pod("", ONE_CONTAINER + """
                        status: {phase: Failed, reason: Evicted, message: "The node was low on memory."}
                        """), "0/1", "Evicted", "0"),
                Arguments.of("a running init container shows Init:0/1", pod("", """
                        spec:
                          initContainers: [{name: migrate, image: a}]
                          containers: [{name: app, image: b}]
                        status:
                          phase: Pending
                          conditions: [{type: Initialized, status: "False"}]
                          initContainerStatuses:
                          - {name: migrate, ready: false, restartCount: 0, image: a, imageID: "",
                             state: {running: {startedAt: "2024-05-01T11:59:00Z"}}}
                          containerStatuses:
                          - {name: app, ready: false, restartCount: 0, image: b, imageID: "",
                             state: {waiting: {reason: PodInitializing}}}
                        """), "0/1", "Init:0/1", "0"),
                Arguments.of("a crashing init container counts its restarts", pod("", """
                        spec:
                          initContainers: [{name: first, image: a}, {name: second, image: a}]
                          containers: [{name: app, image: b}]
                        status:
                          phase: Pending
                          initContainerStatuses:
                          - {name: first, ready: true, restartCount: 0, image: a, imageID: "",
                             state: {terminated: {exitCode: 0, reason: Completed}}}
                          - name: second
                            ready: false
                            restartCount: 2
                            image: a
                            imageID: ""
                            state: {waiting: {reason: CrashLoopBackOff}}
                            lastState: {terminated: {exitCode: 1, finishedAt: "2024-05-01T11:59:00Z"}}
                        """), "0/1", "Init:CrashLoopBackOff", "2 (60s ago)"),
                Arguments.of("a failed init container shows its reason", pod("", """
                        spec:
                          initContainers: [{name: migrate, image: a}]
                          containers: [{name: app, image: b}]
                        status:
                          phase: Failed
                          initContainerStatuses:
                          - {name: migrate, ready: false, restartCount: 0, image: a, imageID: "",
                             state: {terminated: {exitCode: 1, reason: Error}}}
                        """), "0/1", "Init:Error", "0"),
                Arguments.of("a gated pod is SchedulingGated", pod("", ONE_CONTAINER + """
                        status:
                          phase: Pending
                          conditions: [{type: PodScheduled, status: "False", reason: SchedulingGated}]
                        """), "0/1", "SchedulingGated", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void printsReadyStatusAndRestartsLikeKubectl(String description, Pod pod, String ready, String status,
                                                 String restarts) {
        List<Object> cells = cells(ResourceKinds.PODS, pod);
        assertEquals(List.of("web", ready, status, restarts, "2d"), cells.subList(0, 5));
    }

    @Test
    void wideColumnsShowTheFirstPodIpAndTheNode() {
        Pod pod = pod("", """
                spec:
                  nodeName: worker-1
                  containers: [{name: app, image: a}]
                status:
                  phase: Running
                  podIP: 10.244.1.7
                  podIPs: [{ip: 10.244.1.7}, {ip: "fd00::7"}]
                """);
        assertEquals(List.of("10.244.1.7", "worker-1", "<none>", "<none>"), cells(ResourceKinds.PODS, pod).subList(5, 9));
    }

    @Test
    void wideColumnsOfAnUnscheduledPodAreNone() {
        Pod pod = pod("", ONE_CONTAINER + "status: {phase: Pending}\n");
        assertEquals(List.of("<none>", "<none>", "<none>", "<none>"), cells(ResourceKinds.PODS, pod).subList(5, 9));
    }

    @Test
    void podsPrintKubernetesColumns() {
        List<String> names = new TablePrinter().columns(ResourceKinds.PODS).stream()
                .map(c -> c.name() + (c.priority() == 1 ? "*" : "")).toList();
        assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*",
                "Readiness Gates*"), names);
    }
}
