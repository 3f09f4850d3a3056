package io.tugboat.api.validation;

import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.CronJobSpec;
import io.tugboat.api.batch.CronSchedule;
import io.tugboat.api.batch.JobSpec;
import io.tugboat.api.batch.JobTemplateSpec;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * CronJobs: a schedule the cron parser accepts, a known time zone, a concurrency policy and a job template. The
 * controller names each job {@code <cronjob>-<timestamp>}, eleven characters longer, and job names are at most 63
 * characters: hence the 52-character limit on new CronJobs. Mirrors {@code ValidateCronJobCreate} and
 * {@code ValidateCronJobUpdate}.
 */
final class CronJobValidator implements KindValidator<CronJob> {

    private static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");
    private static final int MAX_NAME_LENGTH = 63 - 11;
    private static final Pattern TIME_ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

    @Override
    public Class<CronJob> type() {
        return CronJob.class;
    }

    @Override
    public List<FieldError> validate(CronJob cj) {
        ObjectMeta meta = MetaValidation.orEmpty(cj.metadata());
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(meta, true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(cj.spec(), null));
        String name = MetaValidation.str(meta.name());
        if (name.length() > MAX_NAME_LENGTH) {
            errs.add(FieldError.invalid(FieldPath.root("metadata", "name"), name, "must be no more than 52 characters"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(CronJob n, CronJob o) {
        // No name-length rule here: CronJobs created before it existed must stay updatable (and deletable).
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(spec(n.spec(), spec0(o.spec())));
        return errs;
    }

    private static List<FieldError> spec(CronJobSpec spec, CronJobSpec oldSpec) {
        CronJobSpec s = spec0(spec);
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        String schedule = MetaValidation.str(s.schedule());
        if (schedule.isEmpty()) {
            errs.add(FieldError.required(path.child("schedule"), ""));
        } else {
            boolean allowTzInSchedule = oldSpec != null && MetaValidation.str(oldSpec.schedule()).contains("TZ");
            errs.addAll(scheduleFormat(schedule, allowTzInSchedule, s.timeZone(), path.child("schedule")));
        }
        if (s.startingDeadlineSeconds() != null) {
            errs.addAll(MetaValidation.nonNegative(s.startingDeadlineSeconds(), path.child("startingDeadlineSeconds")));
        }
        if (oldSpec == null || !Objects.equals(oldSpec.timeZone(), s.timeZone())) {
            errs.addAll(timeZone(s.timeZone(), path.child("timeZone")));
        }
        String policy = MetaValidation.str(s.concurrencyPolicy());
        if (policy.isEmpty()) {
            errs.add(FieldError.required(path.child("concurrencyPolicy"), ""));
        } else if (!CONCURRENCY_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(path.child("concurrencyPolicy"), policy, CONCURRENCY_POLICIES));
        }
        errs.addAll(jobTemplate(s.jobTemplate(), path.child("jobTemplate")));
        if (s.successfulJobsHistoryLimit() != null) {
            errs.addAll(MetaValidation.nonNegative(s.successfulJobsHistoryLimit(), path.child("successfulJobsHistoryLimit")));
        }
        if (s.failedJobsHistoryLimit() != null) {
            errs.addAll(MetaValidation.nonNegative(s.failedJobsHistoryLimit(), path.child("failedJobsHistoryLimit")));
        }
        return errs;
    }

    private static List<FieldError> scheduleFormat(String schedule, boolean allowTz, String timeZone, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        CronSchedule.error(schedule).ifPresent(err -> errs.add(FieldError.invalid(path, schedule, err)));
        if (allowTz && schedule.contains("TZ") && timeZone != null) {
            errs.add(FieldError.invalid(path, schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        } else if (!allowTz && schedule.contains("TZ")) {
            errs.add(FieldError.invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        return errs;
    }

    /** An explicit IANA zone name such as {@code Europe/Berlin}; {@code Local} would depend on the controller host. */
    private static List<FieldError> timeZone(String timeZone, FieldPath path) {
        if (timeZone == null) {
            return List.of();
        }
        if (timeZone.isEmpty()) {
            return List.of(FieldError.invalid(path, timeZone, "timeZone must be nil or non-empty string"));
        }
        for (String part : timeZone.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TIME_ZONE_PART.matcher(part).matches()) {
                return List.of(FieldError.invalid(path, timeZone, "unknown time zone " + timeZone));
            }
        }
        List<FieldError> errs = new ArrayList<>();
        if (timeZone.equalsIgnoreCase("Local")) {
            errs.add(FieldError.invalid(path, timeZone,
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        // Go's LoadLocation accepts exactly "Local" (the host's zone), which the check above has refused already.
        if (!timeZone.equals("Local") && !CronSchedule.isKnownZone(timeZone)) {
            errs.add(FieldError.invalid(path, timeZone, "unknown time zone " + timeZone));
        }
        return errs;
    }

    /** Like a Job's spec, except that the selector is always generated for the jobs it stamps out. */
    private static List<FieldError> jobTemplate(JobTemplateSpec template, FieldPath path) {
        JobSpec spec = JobValidator.spec0(template == null ? null : template.spec());
        FieldPath specPath = path.child("spec");
        List<FieldError> errs = new ArrayList<>(JobValidator.jobSpecFields(spec, specPath));
        if (spec.selector() != null) {
            errs.add(FieldError.invalid(specPath.child("selector"), spec.selector(), "`selector` will be auto-generated"));
        }
        if (MetaValidation.isTrue(spec.manualSelector())) {
            errs.add(FieldError.notSupported(specPath.child("manualSelector"), true, List.of("nil", "false")));
        }
        return errs;
    }

    private static CronJobSpec spec0(CronJobSpec spec) {
        return spec == null ? new CronJobSpec(null, null, null, null, null, null, null, null) : spec;
    }
}
