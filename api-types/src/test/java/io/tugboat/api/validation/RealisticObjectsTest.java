package io.tugboat.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests as people write them for real clusters, with most of the fields Tugboat models in use. After
 * defaulting, none of them may produce a cause: a validator that refuses everyday objects is worse than none.
 * Re-submitting a stored object unchanged must be a valid update too.
 */
class RealisticObjectsTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              resourceVersion: '12'
              labels: {app.kubernetes.io/name: web, app.kubernetes.io/part-of: shop}
              annotations: {deployment.kubernetes.io/revision: '3', kubernetes.io/change-cause: 'image update'}
            spec:
              replicas: 3
              selector:
                matchLabels: {app.kubernetes.io/name: web}
                matchExpressions: [{key: tier, operator: In, values: [frontend]}]
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 10%}}
              minReadySeconds: 5
              template:
                metadata:
                  labels: {app.kubernetes.io/name: web, tier: frontend}
                  annotations: {prometheus.io/scrape: 'true'}
                spec:
                  terminationGracePeriodSeconds: 45
                  nodeSelector: {kubernetes.io/os: linux}
                  affinity:
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          topologyKey: kubernetes.io/hostname
                          labelSelector: {matchLabels: {app.kubernetes.io/name: web}}
                  tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
                  initContainers:
                  - name: migrate
                    image: registry.example.com/shop/web:2.4.1
                    command: [/app/migrate, --wait]
                    envFrom: [{secretRef: {name: db}}]
                  containers:
                  - name: web
                    image: registry.example.com/shop/web@sha256:4c8a3b1e5f0d2a9c7b6e1f3d8a5c2b9e0f7d4a1c3b8e6f2d9a0c5b7e1f4d3a2b
                    args: [--listen=:8080]
                    ports:
                    - {name: http, containerPort: 8080}
                    - {name: metrics, containerPort: 9090, protocol: TCP}
                    env:
                    - {name: LOG_LEVEL, value: info}
                    - name: POD_NAME
                      valueFrom: {fieldRef: {fieldPath: metadata.name}}
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                    - name: FEATURES
                      valueFrom: {configMapKeyRef: {name: web-config, key: features, optional: true}}
                    - name: MEMORY_LIMIT
                      valueFrom: {resourceFieldRef: {containerName: web, resource: limits.memory}}
                    resources:
                      requests: {cpu: 250m, memory: 256Mi}
                      limits: {cpu: '1', memory: 512Mi}
                    readinessProbe:
                      httpGet: {path: /healthz/ready, port: http}
                      periodSeconds: 5
                    livenessProbe:
                      httpGet: {path: /healthz/live, port: 8080, httpHeaders: [{name: X-Probe, value: kubelet}]}
                      initialDelaySeconds: 10
                      failureThreshold: 5
                    startupProbe:
                      tcpSocket: {port: 8080}
                      failureThreshold: 30
                    lifecycle:
                      preStop: {exec: {command: [/bin/sh, -c, sleep 5]}}
                    volumeMounts:
                    - {name: config, mountPath: /etc/web, readOnly: true}
                    - {name: cache, mountPath: /var/cache/web}
                  volumes:
                  - name: config
                    configMap: {name: web-config, items: [{key: web.yaml, path: web.yaml}]}
                  - name: cache
                    emptyDir: {medium: Memory, sizeLimit: 64Mi}
            """;
    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug-7f9c
              namespace: default
              resourceVersion: '5'
              labels: {run: debug}
              ownerReferences:
              - {apiVersion: v1, kind: ReplicationController, name: debug, uid: 6f1d2c3b-aaaa-bbbb-cccc-0123456789ab, controller: true}
            spec:
              restartPolicy: OnFailure
              dnsPolicy: ClusterFirstWithHostNet
              hostNetwork: true
              serviceAccountName: debugger
              priorityClassName: system-node-critical
              nodeName: worker-1
              containers:
              - name: shell
                image: busybox
                command: [sleep, infinity]
                stdin: true
                tty: true
                ports: [{containerPort: 2222, hostPort: 2222}]
                volumeMounts: [{name: host, mountPath: /host, readOnly: true}]
              volumes:
              - name: host
                hostPath: {path: /, type: Directory}
            """;
    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop, resourceVersion: '7', labels: {app.kubernetes.io/name: web}}
            spec:
              type: LoadBalancer
              selector: {app.kubernetes.io/name: web}
              clusterIP: 10.96.12.34
              externalTrafficPolicy: Local
              ports:
              - {name: http, port: 80, targetPort: http}
              - {name: https, port: 443, targetPort: 8443, nodePort: 31443, appProtocol: https}
            """;
    static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: db-migrate
              namespace: shop
              uid: 0e9f7c1a-1111-2222-3333-444455556666
              resourceVersion: '40'
            spec:
              backoffLimit: 2
              activeDeadlineSeconds: 600
              ttlSecondsAfterFinished: 3600
              completions: 5
              parallelism: 2
              completionMode: Indexed
              selector:
                matchLabels: {batch.kubernetes.io/controller-uid: 0e9f7c1a-1111-2222-3333-444455556666}
              template:
                metadata:
                  labels:
                    batch.kubernetes.io/controller-uid: 0e9f7c1a-1111-2222-3333-444455556666
                    batch.kubernetes.io/job-name: db-migrate
                    controller-uid: 0e9f7c1a-1111-2222-3333-444455556666
                    job-name: db-migrate
                spec:
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: registry.example.com/shop/web:2.4.1
                    command: [/app/migrate, --shard=$(JOB_COMPLETION_INDEX)]
                    resources: {limits: {cpu: 500m, memory: 128Mi}}
            """;
    static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: postgres, namespace: shop, resourceVersion: '21'}
            spec:
              serviceName: postgres
              replicas: 3
              podManagementPolicy: Parallel
              updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}
              selector: {matchLabels: {app: postgres}}
              persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}
              template:
                metadata: {labels: {app: postgres}}
                spec:
                  containers:
                  - name: postgres
                    image: postgres:16.3
                    ports: [{name: pg, containerPort: 5432}]
                    env:
                    - name: PGDATA
                      value: /var/lib/postgresql/data/pgdata
                    readinessProbe:
                      exec: {command: [pg_isready, -U, postgres]}
                    volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: local-path
                  resources: {requests: {storage: 20Gi}}
            """;
    static final String DAEMON_SET = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: log-shipper, namespace: kube-system, resourceVersion: '3'}
            spec:
              selector: {matchLabels: {app: log-shipper}}
              updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 10%}}
              template:
                metadata: {labels: {app: log-shipper}}
                spec:
                  priorityClassName: system-node-critical
                  tolerations:
                  - {operator: Exists}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
                  containers:
                  - name: shipper
                    image: fluent/fluent-bit:3.0
                    resources: {limits: {memory: 200Mi}, requests: {cpu: 100m, memory: 100Mi}}
                    volumeMounts:
                    - {name: varlog, mountPath: /var/log, readOnly: true}
                    - {name: config, mountPath: /fluent-bit/etc}
                  volumes:
                  - name: varlog
                    hostPath: {path: /var/log}
                  - name: config
                    secret: {secretName: shipper-config, defaultMode: 256}
            """;
    static final String CRON_JOB = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly-report, namespace: shop, resourceVersion: '9'}
            spec:
              schedule: '30 2 * * 1-5'
              timeZone: Europe/Paris
              concurrencyPolicy: Forbid
              startingDeadlineSeconds: 300
              successfulJobsHistoryLimit: 5
              jobTemplate:
                metadata: {labels: {report: nightly}}
                spec:
                  backoffLimit: 1
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: report
                        image: registry.example.com/shop/report:1.2.0
                        args: [--since=24h]
                        envFrom: [{configMapRef: {name: report-config}}]
            """;

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("a rolling web Deployment with probes, env sources and volumes", DEPLOYMENT),
                Arguments.of("a host-network debugging Pod owned by a controller", POD),
                Arguments.of("a LoadBalancer Service with named and numbered target ports", SERVICE),
                Arguments.of("an indexed Job with its generated selector", JOB),
                Arguments.of("a StatefulSet with a volume claim template", STATEFUL_SET),
                Arguments.of("a DaemonSet that tolerates every taint", DAEMON_SET),
                Arguments.of("a weekday CronJob in a named time zone", CRON_JOB));
    }

    @ParameterizedTest(name = "{0} is valid once defaulted")
    @MethodSource("objects")
    void aRealisticObjectIsValidOnceDefaulted(String description, String yaml) {
        KubernetesObject object = Defaulter.apply(Manifests.decode(yaml));
        assertEquals(List.of(), Validator.validate(object));
    }

    @ParameterizedTest(name = "{0} may be submitted again unchanged")
    @MethodSource("objects")
    void aRealisticObjectMayBeSubmittedAgainUnchanged(String description, String yaml) {
        KubernetesObject stored = Defaulter.apply(Manifests.decode(yaml));
        KubernetesObject resubmitted = Defaulter.apply(Manifests.decode(Manifests.yaml(stored)));
        assertEquals(List.of(), Validator.validateUpdate(resubmitted, stored));
    }
}
