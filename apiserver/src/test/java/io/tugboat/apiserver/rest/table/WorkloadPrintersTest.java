package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Fixtures.cells;
import static io.tugboat.apiserver.rest.table.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deployments, replica sets, stateful sets, daemon sets, controller revisions, jobs and cron jobs. */
class WorkloadPrintersTest {
    private static final String TEMPLATE = """
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "tugboat/busybox:1"}, {name: log, image: "tugboat/busybox:2"}]
            """;

    private static <T extends KubernetesObject> List<Object> row(ResourceKind<T> kind, String yaml) {
        return cells(kind, yaml(yaml, kind.type()));
    }

    private static List<Object> deployment(String replicas, String status) {
        return row(ResourceKinds.DEPLOYMENTS, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T11:57:00Z"}
                spec:
                  replicas: %s
                  selector: {matchLabels: {app: web}}
                %s
                status: %s
                """.formatted(replicas, TEMPLATE, status));
    }

    private static List<Object> job(String spec, String metadataExtra, String status) {
        return row(ResourceKinds.JOBS, """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: backup, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"%s}
                spec:
                  %s
                  selector: {matchLabels: {batch.kubernetes.io/controller-uid: abc}}
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: backup, image: "tugboat/busybox:1"}]
                status: %s
                """.formatted(metadataExtra, spec, status));
    }

    private static final List<Object> JOB_WIDE = List.of("backup", "tugboat/busybox:1",
            "batch.kubernetes.io/controller-uid=abc");

    private static List<Object> plus(List<Object> cells, List<Object> more) {
        return Stream.concat(cells.stream(), more.stream()).toList();
    }

    static Stream<Arguments> workloads() {
        List<Object> deploymentWide = List.of("web,log", "tugboat/busybox:1,tugboat/busybox:2", "app=web");
        return Stream.of(
                Arguments.of("a deployment rolling out shows ready of desired",
                        deployment("3", "{replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2}"),
                        plus(List.of("web", "2/3", 3L, 2L, "3m"), deploymentWide)),
                Arguments.of("a new deployment without status shows zeros",
                        deployment("1", "{}"), plus(List.of("web", "0/1", 0L, 0L, "3m"), deploymentWide)),
                Arguments.of("a replica set shows desired, current and ready", row(ResourceKinds.REPLICA_SETS, """
                        apiVersion: apps/v1
                        kind: ReplicaSet
                        metadata: {name: web-7d4b9, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        spec:
                          replicas: 3
                          selector:
                            matchLabels: {app: web, pod-template-hash: 7d4b9}
                            matchExpressions:
                            - {key: tier, operator: In, values: [front, edge]}
                            - {key: legacy, operator: DoesNotExist}
                        %s
                        status: {replicas: 3, readyReplicas: 1}
                        """.formatted(TEMPLATE)), List.of("web-7d4b9", 3L, 3L, 1L, "60m", "web,log",
                        "tugboat/busybox:1,tugboat/busybox:2", "app=web,!legacy,pod-template-hash=7d4b9,tier in (edge,front)")),
                Arguments.of("a stateful set shows ready of desired", row(ResourceKinds.STATEFUL_SETS, """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: db, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        spec:
                          replicas: 3
                          serviceName: db
                          selector: {matchLabels: {app: web}}
                        %s
                        status: {replicas: 2, readyReplicas: 1}
                        """.formatted(TEMPLATE)), List.of("db", "1/3", "60m", "web,log",
                        "tugboat/busybox:1,tugboat/busybox:2")),
                Arguments.of("a daemon set shows its per-node counts and node selector", row(ResourceKinds.DAEMON_SETS, """
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: agent, namespace: kube-system, creationTimestamp: "2024-05-01T11:00:00Z"}
                        spec:
                          selector: {matchLabels: {app: agent}}
                          template:
                            metadata: {labels: {app: agent}}
                            spec:
                              nodeSelector: {kubernetes.io/os: linux}
                              containers: [{name: agent, image: "tugboat/busybox:1"}]
                        status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2,
                                 updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0}
                        """), List.of("agent", 3L, 3L, 2L, 3L, 2L, "kubernetes.io/os=linux", "60m", "agent",
                        "tugboat/busybox:1", "app=agent")),
                Arguments.of("a controller revision names its controller by kind and group",
                        row(ResourceKinds.CONTROLLER_REVISIONS, """
                        apiVersion: apps/v1
                        kind: ControllerRevision
                        metadata:
                          name: agent-5c8f
                          namespace: kube-system
                          creationTimestamp: "2024-05-01T11:00:00Z"
                          ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u1, controller: true}]
                        revision: 3
                        data: {spec: {template: {}}}
                        """), List.of("agent-5c8f", "daemonset.apps/agent", 3L, "60m")),
                Arguments.of("a finished job is Complete with its duration",
                        job("completions: 1", "", "{startTime: \"2024-05-01T11:00:00Z\", completionTime: "
                                + "\"2024-05-01T11:02:05Z\", succeeded: 1, conditions: [{type: Complete, status: \"True\"}]}"),
                        plus(List.of("backup", "Complete", "1/1", "2m5s", "60m"), JOB_WIDE)),
                Arguments.of("a running work-queue job counts toward one of its parallelism",
                        job("parallelism: 3", "", "{startTime: \"2024-05-01T11:55:00Z\", active: 3}"),
                        plus(List.of("backup", "Running", "0/1 of 3", "5m", "60m"), JOB_WIDE)),
                Arguments.of("a failed job is Failed",
                        job("completions: 2", "", "{startTime: \"2024-05-01T11:00:00Z\", failed: 7, succeeded: 1,"
                                + " conditions: [{type: FailureTarget, status: \"True\"}, {type: Failed, status: \"True\"}]}"),
                        plus(List.of("backup", "Failed", "1/2", "60m", "60m"), JOB_WIDE)),
                Arguments.of("a suspended job that never started has no duration",
                        job("suspend: true", "", "{conditions: [{type: Suspended, status: \"True\"}]}"),
                        plus(List.of("backup", "Suspended", "0/1", "", "60m"), JOB_WIDE)),
                Arguments.of("a job being deleted is Terminating",
                        job("completions: 1", ", deletionTimestamp: \"2024-05-01T11:59:00Z\"", "{active: 1}"),
                        plus(List.of("backup", "Terminating", "0/1", "", "60m"), JOB_WIDE)),
                Arguments.of("a cron job shows its schedule and last run", row(ResourceKinds.CRON_JOBS, """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: nightly, namespace: default, creationTimestamp: "2024-04-01T12:00:00Z"}
                        spec:
                          schedule: "0 3 * * *"
                          suspend: false
                          jobTemplate:
                            spec:
                              template:
                                spec:
                                  restartPolicy: OnFailure
                                  containers: [{name: backup, image: "tugboat/busybox:1"}]
                        status:
                          active: [{kind: Job, namespace: default, name: nightly-28571}]
                          lastScheduleTime: "2024-05-01T11:55:00Z"
                        """), List.of("nightly", "0 3 * * *", "<none>", "False", 1L, "5m", "30d", "backup",
                        "tugboat/busybox:1", "<none>")),
                Arguments.of("a cron job with a time zone that never ran", row(ResourceKinds.CRON_JOBS, """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: hourly, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        spec:
                          schedule: "@hourly"
                          timeZone: Europe/Paris
                          jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i}]}}}}
                        """), List.of("hourly", "@hourly", "Europe/Paris", "<unset>", 0L, "<none>", "60m", "c", "i",
                        "<none>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void printsRowsLikeKubectl(String description, List<Object> cells, List<Object> expected) {
        assertEquals(expected, cells);
    }
}
