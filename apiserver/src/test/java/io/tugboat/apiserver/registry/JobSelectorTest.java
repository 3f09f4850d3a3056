package io.tugboat.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.Job;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSelectorTest {
    private final GenericStrategy strategy = new GenericStrategy(ResourceKinds.JOBS);

    private static Job job(String yaml) throws Exception {
        return Codec.fromYaml(yaml, Job.class).value();
    }

    @Test
    void generatesTheSelectorAndTemplateLabelsFromTheUid() throws Exception {
        Job job = job("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: sum, uid: u-1}
                spec:
                  template:
                    metadata: {labels: {app: sum}}
                    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
                """);
        Job prepared = (Job) strategy.prepareForCreate(job);
        assertEquals(Map.of("batch.kubernetes.io/controller-uid", "u-1"), prepared.spec().selector().matchLabels());
        assertEquals(Map.of("app", "sum", "batch.kubernetes.io/controller-uid", "u-1", "controller-uid", "u-1",
                "batch.kubernetes.io/job-name", "sum", "job-name", "sum"),
                prepared.spec().template().metadata().labels());
        assertNull(prepared.status());
    }

    @Test
    void leavesAManualSelectorAlone() throws Exception {
        Job job = job("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: sum, uid: u-1}
                spec:
                  manualSelector: true
                  selector: {matchLabels: {app: sum}}
                  template:
                    metadata: {labels: {app: sum}}
                    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
                """);
        Job prepared = (Job) strategy.prepareForCreate(job);
        assertEquals(Map.of("app", "sum"), prepared.spec().selector().matchLabels());
        assertEquals(Map.of("app", "sum"), prepared.spec().template().metadata().labels());
    }
}
