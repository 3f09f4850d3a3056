package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynamic provisioning end to end on a 2-node {@code tug up} cluster with real Docker, read with the real kubectl:
 * {@code tug up} makes {@code host-path} the default class; a claim that names no class gets it (DefaultStorageClass
 * admission); the scheduler chooses the node for the WaitForFirstConsumer claim (the selected-node annotation) and
 * the volume is made there; deleting the claim removes the directory on that node (a cleanup pod) and then the
 * volume object.
 */
class StorageE2EIT {
    static UpCluster cluster;
    static CommandRunner run;

    @BeforeAll
    static void up() {
        cluster = UpCluster.start("storage", 2);
        run = cluster.runner();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    CommandRunner.Result ok(CommandRunner.Result result) {
        assertEquals(0, result.code(), () -> result + "\n" + cluster.logTails());
        return result;
    }

    @Test
    void aClaimWithoutAClassIsProvisionedOnTheScheduledNodeAndItsDirectoryGoesWithIt() throws Exception {
        CommandRunner.Result classes = ok(run.kubectl("get", "sc"));
        assertTrue(classes.out().contains("host-path (default)"), classes::toString);
        assertTrue(classes.out().contains("tugboat.io/host-path"), classes::toString);

        ok(run.kubectlWithInput("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: scratch}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 8Mi}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: writer}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: tugboat/busybox:1
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "echo kept > /data/note; exec sleep 100000"]
                    volumeMounts: [{name: data, mountPath: /data}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: scratch}}]
                """, "apply", "-f", "-"));
        ok(run.kubectl("wait", "--for=condition=Ready", "pod/writer", "--timeout=240s"));

        CommandRunner.Result claim = ok(run.kubectl("get", "pvc", "scratch", "-o",
                "jsonpath={.spec.storageClassName} {.status.phase} {.spec.volumeName} "
                        + "{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}"));
        String[] fields = claim.out().strip().split(" ");
        assertEquals(4, fields.length, claim::toString);
        assertEquals("host-path", fields[0], "the default class was filled in");
        assertEquals("Bound", fields[1]);
        String volume = fields[2];
        String selectedNode = fields[3];
        String podNode = ok(run.kubectl("get", "pod", "writer", "-o", "jsonpath={.spec.nodeName}")).out().strip();
        assertEquals(podNode, selectedNode, "the scheduler selected the pod's node for the claim");
        CommandRunner.Result affinity = ok(run.kubectl("get", "pv", volume, "-o",
                "jsonpath={.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]} {.spec.hostPath.path}"));
        assertEquals(podNode, affinity.out().strip().split(" ")[0], "the volume is on that node");
        Path directory = Path.of(affinity.out().strip().split(" ")[1]);
        Eventually.until("the pod wrote its file", Duration.ofSeconds(60),
                () -> Files.exists(directory.resolve("note")));

        ok(run.kubectl("delete", "pod", "writer", "--wait=true"));
        ok(run.kubectl("delete", "pvc", "scratch"));
        Eventually.until("the volume object deleted", Duration.ofSeconds(180),
                () -> run.kubectl("get", "pv", volume).code() != 0);
        assertTrue(Files.notExists(directory), "the directory was removed before the volume object: " + directory);
        CommandRunner.Result events = ok(run.kubectl("get", "events", "-A", "--field-selector",
                "involvedObject.name=" + volume, "-o", "jsonpath={range .items[*]}{.reason}:{.message}{\"\\n\"}{end}"));
        assertTrue(events.out().contains("VolumeDelete:Removing " + directory + " on node " + podNode), events::toString);
        Eventually.until("the cleanup pod goes with the volume", Duration.ofSeconds(120),
                () -> run.kubectl("get", "pod", "-n", "kube-system", "delete-" + volume).code() != 0);
    }
}
