package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Jobs and CronJobs ({@code pkg/apis/batch/validation}). */
class BatchValidationTest {

    /** A job as the registry stores it: with the uid and the selector and labels generated from it. */
    static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: report, namespace: default, uid: c0ffee, resourceVersion: '1'}
            spec:
              selector: {matchLabels: {batch.kubernetes.io/controller-uid: c0ffee}}
              template:
                metadata:
                  labels: {batch.kubernetes.io/controller-uid: c0ffee, batch.kubernetes.io/job-name: report,
                           controller-uid: c0ffee, job-name: report}
                spec:
                  restartPolicy: Never
                  containers: [{name: report, image: 'tugboat/report:1'}]
            """;
    static final String CRON_JOB = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: default, resourceVersion: '1'}
            spec:
              schedule: '0 3 * * *'
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: report, image: 'tugboat/report:1'}]
            """;
    private static final String RESTART_REQUIRED = "valid values: \"OnFailure\", \"Never\"";

    static Stream<Case> jobs() {
        String longName = "r".repeat(60);
        String labels = "{\"batch.kubernetes.io/controller-uid\":\"c0ffee\",\"batch.kubernetes.io/job-name\":\"report\","
                + "\"controller-uid\":\"c0ffee\",\"job-name\":\"report\"}";
        return Stream.of(
                Case.of("a job with its generated selector is valid", JOB, "{}"),
                Case.of("a job's pods may not restart forever", JOB, "spec: {template: {spec: {restartPolicy: Always}}}",
                        required("spec.template.spec.restartPolicy", RESTART_REQUIRED)),
                Case.of("an omitted restart policy defaults to Always and is refused the same way", JOB,
                        "spec: {template: {spec: {restartPolicy: null}}}",
                        required("spec.template.spec.restartPolicy", RESTART_REQUIRED)),
                // Kubernetes checks the pod template first and the job's own rule second, so both speak.
                Case.of("an unknown restart policy is refused by the pod and by the job", JOB,
                        "spec: {template: {spec: {restartPolicy: Sometimes}}}",
                        notSupported("spec.template.spec.restartPolicy",
                                "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
                        notSupported("spec.template.spec.restartPolicy", "\"Sometimes\": supported values: \"OnFailure\", \"Never\"")),
                Case.of("parallelism is not negative", JOB, "spec: {parallelism: -1}",
                        invalid("spec.parallelism", "-1: must be greater than or equal to 0")),
                Case.of("completions are not negative", JOB, "spec: {completions: -1}",
                        invalid("spec.completions", "-1: must be greater than or equal to 0")),
                Case.of("the backoff limit is not negative", JOB, "spec: {backoffLimit: -1}",
                        invalid("spec.backoffLimit", "-1: must be greater than or equal to 0")),
                Case.of("a completion mode is NonIndexed or Indexed", JOB, "spec: {completionMode: Ordered}",
                        notSupported("spec.completionMode", "\"Ordered\": supported values: \"NonIndexed\", \"Indexed\"")),
                Case.of("an indexed job needs to know its completions", JOB, "spec: {completionMode: Indexed, parallelism: 2}",
                        required("spec.completions", "when completion mode is Indexed")),
                Case.of("an indexed job runs at most 100000 pods at once", JOB,
                        "spec: {completionMode: Indexed, completions: 200000, parallelism: 100001}",
                        invalid("spec.parallelism", "100001: must be less than or equal to 100000 when completion mode is Indexed")),
                Case.of("an indexed job's last pod name must still be a DNS label", JOB,
                        "{metadata: {name: " + longName + "}, spec: {completionMode: Indexed, completions: 1000, template: {metadata: "
                                + "{labels: {batch.kubernetes.io/job-name: " + longName + ", job-name: " + longName + "}}}}}",
                        invalid("metadata.name", "\"" + longName + "\": will not able to create pod with invalid DNS label: "
                                + longName + "-999")),
                Case.of("the generated labels must be on the template", JOB,
                        "spec: {template: {metadata: {labels: {controller-uid: null, job-name: null}}}}",
                        required("spec.template.metadata.labels[controller-uid]", "must be 'c0ffee'"),
                        required("spec.template.metadata.labels[job-name]", "must be 'report'")),
                Case.of("a generated selector needs the job's uid", JOB, "metadata: {uid: null}",
                        required("metadata.uid"),
                        invalid("spec.template.metadata.labels[controller-uid]", labels + ": must be ''"),
                        invalid("spec.template.metadata.labels[batch.kubernetes.io/controller-uid]", labels + ": must be ''"),
                        invalid("spec.selector", "{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"c0ffee\"}}: "
                                + "`selector` not auto-generated")),
                Case.of("a manual selector only has to match the template", JOB,
                        "spec: {manualSelector: true, selector: {matchLabels: {app: report, batch.kubernetes.io/controller-uid: null}},"
                                + " template: {metadata: {labels: {app: report}}}}"),
                Case.of("a job without selector selects nothing", JOB, "spec: {selector: null}",
                        required("spec.selector"),
                        invalid("spec.template.metadata.labels", labels + ": `selector` does not match template `labels`")));
    }

    static Stream<Case> cronJobs() {
        String longName = "n".repeat(53);
        return Stream.of(
                Case.of("a nightly cron job is valid", CRON_JOB, "{}"),
                Case.of("a schedule is required", CRON_JOB, "spec: {schedule: ''}", required("spec.schedule")),
                Case.of("a schedule has five fields", CRON_JOB, "spec: {schedule: '0 3 * *'}",
                        invalid("spec.schedule", "\"0 3 * *\": expected exactly 5 fields, found 4: [0 3 * *]")),
                Case.of("a minute is at most 59", CRON_JOB, "spec: {schedule: '61 * * * *'}",
                        invalid("spec.schedule", "\"61 * * * *\": end of range (61) above maximum (59): 61")),
                Case.of("a weekday is a number or a known name", CRON_JOB, "spec: {schedule: '0 3 * * funday'}",
                        invalid("spec.schedule", "\"0 3 * * funday\": failed to parse int from funday: strconv.Atoi: "
                                + "parsing \"funday\": invalid syntax")),
                Case.of("a step is positive", CRON_JOB, "spec: {schedule: '*/0 * * * *'}",
                        invalid("spec.schedule", "\"*/0 * * * *\": step of range should be a positive number: */0")),
                Case.of("ranges, lists and names may be combined", CRON_JOB, "spec: {schedule: '0,30 9-17 * jan-mar mon-fri'}"),
                Case.of("a macro may replace the fields", CRON_JOB, "spec: {schedule: '@hourly'}"),
                Case.of("an interval may be given with @every", CRON_JOB, "spec: {schedule: '@every 1h30m'}"),
                Case.of("an unknown macro is refused", CRON_JOB, "spec: {schedule: '@sometimes'}",
                        invalid("spec.schedule", "\"@sometimes\": unrecognized descriptor: @sometimes")),
                Case.of("a time zone belongs in timeZone, not in the schedule", CRON_JOB, "spec: {schedule: 'TZ=UTC 0 3 * * *'}",
                        invalid("spec.schedule", "\"TZ=UTC 0 3 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
                Case.of("a known time zone is valid", CRON_JOB, "spec: {timeZone: Europe/Berlin}"),
                Case.of("an unknown time zone is refused", CRON_JOB, "spec: {timeZone: Mars/Olympus}",
                        invalid("spec.timeZone", "\"Mars/Olympus\": unknown time zone Mars/Olympus")),
                Case.of("the controller's local time zone is refused", CRON_JOB, "spec: {timeZone: Local}",
                        invalid("spec.timeZone", "\"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")),
                Case.of("an empty time zone is refused", CRON_JOB, "spec: {timeZone: ''}",
                        invalid("spec.timeZone", "\"\": timeZone must be nil or non-empty string")),
                Case.of("a concurrency policy is Allow, Forbid or Replace", CRON_JOB, "spec: {concurrencyPolicy: Sometimes}",
                        notSupported("spec.concurrencyPolicy", "\"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"")),
                Case.of("a starting deadline is not negative", CRON_JOB, "spec: {startingDeadlineSeconds: -1}",
                        invalid("spec.startingDeadlineSeconds", "-1: must be greater than or equal to 0")),
                Case.of("history limits are not negative", CRON_JOB, "spec: {successfulJobsHistoryLimit: -1}",
                        invalid("spec.successfulJobsHistoryLimit", "-1: must be greater than or equal to 0")),
                Case.of("the job template's pods must terminate", CRON_JOB,
                        "spec: {jobTemplate: {spec: {template: {spec: {restartPolicy: null}}}}}",
                        required("spec.jobTemplate.spec.template.spec.restartPolicy", RESTART_REQUIRED)),
                Case.of("the job template's selector is generated, not given", CRON_JOB,
                        "spec: {jobTemplate: {spec: {selector: {matchLabels: {app: report}}}}}",
                        invalid("spec.jobTemplate.spec.selector", "{\"matchLabels\":{\"app\":\"report\"}}: `selector` will be auto-generated")),
                Case.of("a cron job name leaves room for the job suffix", CRON_JOB, "metadata: {name: " + longName + "}",
                        invalid("metadata.name", "\"" + longName + "\": must be no more than 52 characters")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"jobs", "cronJobs"})
    void validatesBatchKindsLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    static Stream<UpdateCase> updates() {
        return Stream.of(
                UpdateCase.of("a job may be suspended and re-sized in parallel", JOB, "{}", "spec: {suspend: true, parallelism: 3}"),
                UpdateCase.of("a job's completions are fixed", JOB, "{}", "spec: {completions: 2}",
                        invalid("spec.completions", "2: field is immutable")),
                UpdateCase.of("a job's selector is fixed", JOB, "{}",
                        "spec: {manualSelector: true, selector: {matchLabels: {job-name: report}}}",
                        invalid("spec.selector", "{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"c0ffee\","
                                + "\"job-name\":\"report\"}}: field is immutable")),
                UpdateCase.of("a suspended job that never ran may be moved to other nodes", JOB, "spec: {suspend: true}",
                        "spec: {suspend: true, template: {spec: {nodeSelector: {disk: ssd}}}}"),
                UpdateCase.of("an indexed job may be resized when parallelism follows", JOB,
                        "spec: {completionMode: Indexed, completions: 4, parallelism: 4}",
                        "spec: {completionMode: Indexed, completions: 6, parallelism: 6}"),
                UpdateCase.of("an indexed job may not be resized alone", JOB,
                        "spec: {completionMode: Indexed, completions: 4, parallelism: 4}",
                        "spec: {completionMode: Indexed, completions: 6, parallelism: 4}",
                        invalid("spec.completions", "6: can only be modified in tandem with spec.parallelism")),
                UpdateCase.of("an old cron job with a long name stays updatable", CRON_JOB, "metadata: {name: " + "n".repeat(53) + "}",
                        "spec: {suspend: true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void validatesBatchUpdatesLikeKubernetes(UpdateCase u) {
        assertEquals(u.expected(), u.actual());
    }

    @Test
    void aJobTemplateIsImmutableOnceTheJobRuns() {
        KubernetesObject old = Defaulter.apply(Manifests.decode(JOB));
        KubernetesObject updated = Defaulter.apply(Manifests.patched(JOB,
                "spec: {template: {spec: {containers: [{name: report, image: 'tugboat/report:2'}]}}}"));
        List<StatusCause> causes = Validator.validateUpdate(updated, old);
        assertEquals(1, causes.size(), causes::toString);
        assertEquals("spec.template", causes.get(0).field());
        assertEquals("FieldValueInvalid", causes.get(0).reason());
        assertTrue(causes.get(0).message().startsWith("Invalid value: {\"metadata\":"), causes.get(0).message());
        assertTrue(causes.get(0).message().contains("\"image\":\"tugboat/report:2\""), causes.get(0).message());
        assertTrue(causes.get(0).message().endsWith("}: field is immutable"), causes.get(0).message());
    }

    @Test
    void aTemplateChangeIsForbiddenButNotForSuspendedJobsWithoutSchedulingChanges() {
        KubernetesObject old = Defaulter.apply(Manifests.patched(JOB, "spec: {suspend: true}"));
        KubernetesObject updated = Defaulter.apply(Manifests.patched(JOB,
                "spec: {suspend: true, template: {spec: {containers: [{name: report, image: 'tugboat/report:2'}]}}}"));
        List<StatusCause> causes = Validator.validateUpdate(updated, old);
        assertEquals(List.of("spec.template"), causes.stream().map(StatusCause::field).toList(),
                "only scheduling directives may change, not images");
        assertEquals(List.of(), Validator.validateUpdate(old, old), "an unchanged suspended job is a valid update");
    }
}
