package io.tugboat.api.validation;

import io.tugboat.api.core.Event;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 Events, with the lenient "legacy" rules Kubernetes keeps for this API version (the strict ones apply
 * to events.k8s.io/v1 only): an event lives in the namespace of the object it is about, and a new-style event
 * (one with {@code eventTime}) names who reported what. Kubernetes does not require {@code involvedObject} here,
 * and neither do we. Mirrors {@code legacyValidateEvent}; note that its namespace check reports the path
 * {@code namespace}, without {@code metadata}. ({@code reportingComponent} is called {@code reportingController}
 * inside Kubernetes; for core/v1 requests the error uses the wire name, as here.)
 */
final class EventValidator implements KindValidator<Event> {

    private static final int REPORTING_INSTANCE_LIMIT = 128;
    private static final int ACTION_LIMIT = 128;
    private static final int REASON_LIMIT = 128;
    private static final int NOTE_LIMIT = 1024;

    @Override
    public Class<Event> type() {
        return Event.class;
    }

    @Override
    public List<FieldError> validate(Event event) {
        ObjectMeta meta = MetaValidation.orEmpty(event.metadata());
        String namespace = MetaValidation.str(meta.namespace());
        ObjectReference involved = event.involvedObject();
        String involvedNamespace = involved == null ? "" : MetaValidation.str(involved.namespace());
        FieldPath involvedPath = FieldPath.root("involvedObject", "namespace");
        List<FieldError> errs = new ArrayList<>();
        if (event.eventTime() == null) {
            boolean matches = involvedNamespace.isEmpty()
                    ? namespace.isEmpty() || namespace.equals("default")
                    : namespace.equals(involvedNamespace);
            if (!matches) {
                errs.add(FieldError.invalid(involvedPath, involvedNamespace, "does not match event.namespace"));
            }
        } else {
            if (involvedNamespace.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                errs.add(FieldError.invalid(involvedPath, involvedNamespace, "does not match event.namespace"));
            }
            String controller = MetaValidation.str(event.reportingComponent());
            FieldPath controllerPath = FieldPath.root("reportingComponent");
            if (controller.isEmpty()) {
                errs.add(FieldError.required(controllerPath, ""));
            }
            Formats.qualifiedName(controller).forEach(msg -> errs.add(FieldError.invalid(controllerPath, controller, msg)));
            limited(event.reportingInstance(), REPORTING_INSTANCE_LIMIT, FieldPath.root("reportingInstance"), true, errs);
            limited(event.action(), ACTION_LIMIT, FieldPath.root("action"), true, errs);
            limited(event.reason(), REASON_LIMIT, FieldPath.root("reason"), true, errs);
            limited(event.message(), NOTE_LIMIT, FieldPath.root("message"), false, errs);
        }
        Formats.dns1123Subdomain(namespace).forEach(msg -> errs.add(FieldError.invalid(FieldPath.root("namespace"), namespace, msg)));
        if (!errs.isEmpty()) {
            return errs;
        }
        // The API server's generic metadata check runs only once the kind's own rules pass, and Events have no
        // name rule of their own: any name that fits in a URL path segment will do.
        return MetaValidation.objectMeta(meta, true, Formats.PATH_SEGMENT_NAME, FieldPath.root("metadata"));
    }

    private static void limited(String value, int limit, FieldPath path, boolean required, List<FieldError> errs) {
        String v = MetaValidation.str(value);
        if (required && v.isEmpty()) {
            errs.add(FieldError.required(path, ""));
        }
        if (Formats.byteLength(v) > limit) {
            errs.add(FieldError.invalid(path, "", "can have at most " + limit + " characters"));
        }
    }

    @Override
    public List<FieldError> validateUpdate(Event n, Event o) {
        return validate(n);
    }
}
