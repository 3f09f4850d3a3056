package io.tugboat.api.core;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tugboat.api.Rfc3339;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;

/**
 * A report of something that happened to an object; repeats are aggregated by count and lastTimestamp.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Event; absent fields are {@code null}.
 */
public record Event(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ObjectReference involvedObject,
        String reason,
        String message,
        EventSource source,
        Instant firstTimestamp,
        Instant lastTimestamp,
        Integer count,
        String type,
        @JsonSerialize(using = Rfc3339.MicroTimeSerializer.class) Instant eventTime,
        String action,
        ObjectReference related,
        String reportingComponent,
        String reportingInstance) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Event";

    /** Creates a Event with {@code apiVersion} and {@code kind} filled in. */
    public static Event of(ObjectMeta metadata, ObjectReference involvedObject, String reason, String message, EventSource source, Instant firstTimestamp, Instant lastTimestamp, Integer count, String type, Instant eventTime, String action, ObjectReference related, String reportingComponent, String reportingInstance) {
        return new Event(API_VERSION, KIND, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    @Override
    public Event withApiVersion(String apiVersion) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    @Override
    public Event withKind(String kind) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    @Override
    public Event withMetadata(ObjectMeta metadata) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withInvolvedObject(ObjectReference involvedObject) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withReason(String reason) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withMessage(String message) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withSource(EventSource source) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withFirstTimestamp(Instant firstTimestamp) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withLastTimestamp(Instant lastTimestamp) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withCount(Integer count) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withType(String type) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withEventTime(Instant eventTime) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withAction(String action) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withRelated(ObjectReference related) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withReportingComponent(String reportingComponent) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }

    public Event withReportingInstance(String reportingInstance) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, related, reportingComponent, reportingInstance);
    }
}
