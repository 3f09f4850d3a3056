package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Formats.count;
import static io.tugboat.apiserver.rest.table.Formats.list;

import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.CronJobSpec;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobSpec;
import io.tugboat.api.batch.JobStatus;
import io.tugboat.api.core.Container;
import io.tugboat.api.meta.TableColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Printers of jobs and cron jobs. */
final class BatchPrinters {
    private BatchPrinters() {
    }

    private static final TableColumnDefinition CONTAINERS =
            Columns.wide(Columns.string("Containers", "Names of the containers of the pod template."));
    private static final TableColumnDefinition IMAGES =
            Columns.wide(Columns.string("Images", "Images of the containers of the pod template."));
    private static final TableColumnDefinition SELECTOR =
            Columns.wide(Columns.string("Selector", "The label selector of the pods of the job."));

    /**
     * {@code NAME STATUS COMPLETIONS DURATION AGE}. STATUS is the first of Complete, Failed, Terminating (being
     * deleted), Suspended, FailureTarget that applies, else Running. COMPLETIONS reads {@code 1/3}, or
     * {@code 2/1 of 4} for a work queue (no completions, parallelism 4). DURATION runs from the start to the
     * completion, or to now while the job runs.
     */
    static final RowPrinter<Job> JOBS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Status", "Complete, Failed, Suspended, Terminating or Running."),
                    Columns.string("Completions", "Succeeded pods out of the completions wanted."),
                    Columns.string("Duration", "How long the job ran, or has been running."),
                    Columns.age(), CONTAINERS, IMAGES, SELECTOR),
            (job, now) -> {
                JobSpec spec = job.spec();
                List<Container> containers = Formats.containers(spec == null ? null : spec.template());
                return List.of(
                        Formats.name(job),
                        status(job),
                        completions(job),
                        duration(job.status(), now),
                        Formats.age(job, now),
                        Formats.containerNames(containers),
                        Formats.images(containers),
                        Formats.formatSelector(spec == null ? null : spec.selector()));
            });

    /** {@code NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE}. */
    static final RowPrinter<CronJob> CRON_JOBS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Schedule", "The cron schedule."),
                    Columns.string("Timezone", "The time zone of the schedule."),
                    Columns.bool("Suspend", "Whether new runs are suspended."),
                    Columns.integer("Active", "The number of running jobs."),
                    Columns.string("Last Schedule", "Time since a job was last scheduled."),
                    Columns.age(), CONTAINERS, IMAGES, SELECTOR),
            (cronJob, now) -> {
                CronJobSpec spec = cronJob.spec();
                JobSpec jobSpec = spec == null || spec.jobTemplate() == null ? null : spec.jobTemplate().spec();
                List<Container> containers = Formats.containers(jobSpec == null ? null : jobSpec.template());
                Instant lastSchedule = cronJob.status() == null ? null : cronJob.status().lastScheduleTime();
                return List.of(
                        Formats.name(cronJob),
                        spec == null ? "" : Formats.text(spec.schedule()),
                        Formats.orNone(spec == null ? null : spec.timeZone()),
                        Formats.bool(spec == null ? null : spec.suspend()),
                        (long) (cronJob.status() == null ? 0 : list(cronJob.status().active()).size()),
                        lastSchedule == null ? Formats.NONE : HumanDuration.since(lastSchedule, now),
                        Formats.age(cronJob, now),
                        Formats.containerNames(containers),
                        Formats.images(containers),
                        Formats.formatSelector(jobSpec == null ? null : jobSpec.selector()));
            });

    private static String status(Job job) {
        if (hasTrueCondition(job, "Complete")) {
            return "Complete";
        }
        if (hasTrueCondition(job, "Failed")) {
            return "Failed";
        }
        if (Formats.metadata(job).deletionTimestamp() != null) {
            return "Terminating";
        }
        if (hasTrueCondition(job, "Suspended")) {
            return "Suspended";
        }
        if (hasTrueCondition(job, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    /** The first condition of the type decides, as in Kubernetes. */
    private static boolean hasTrueCondition(Job job, String type) {
        return job.status() != null && list(job.status().conditions()).stream()
                .filter(c -> type.equals(c.type()))
                .findFirst()
                .map(c -> "True".equals(c.status()))
                .orElse(false);
    }

    private static String completions(Job job) {
        long succeeded = count(job.status() == null ? null : job.status().succeeded());
        JobSpec spec = job.spec();
        if (spec != null && spec.completions() != null) {
            return succeeded + "/" + spec.completions();
        }
        long parallelism = count(spec == null ? null : spec.parallelism());
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JobStatus status, Instant now) {
        if (status == null || status.startTime() == null) {
            return "";
        }
        Instant end = status.completionTime() != null ? status.completionTime() : now;
        return HumanDuration.format(Duration.between(status.startTime(), end));
    }
}
