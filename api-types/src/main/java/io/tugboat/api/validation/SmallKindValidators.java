package io.tugboat.api.validation;

import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.core.Binding;
import java.util.ArrayList;
import java.util.List;

/** The kinds with only a rule or two: ControllerRevisions, Bindings and Scales. */
final class SmallKindValidators {

    private SmallKindValidators() {
    }

    /** A snapshot of a workload's template: it must hold data, and that data never changes. */
    static final class ControllerRevisionValidator implements KindValidator<ControllerRevision> {
        @Override
        public Class<ControllerRevision> type() {
            return ControllerRevision.class;
        }

        @Override
        public List<FieldError> validate(ControllerRevision cr) {
            List<FieldError> errs = new ArrayList<>(
                    MetaValidation.objectMeta(cr.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
            if (cr.data() == null || cr.data().isNull()) {
                errs.add(FieldError.required(FieldPath.root("data"), "data is mandatory"));
            }
            errs.addAll(MetaValidation.nonNegative(cr.revision() == null ? 0 : cr.revision(), FieldPath.root("revision")));
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(ControllerRevision n, ControllerRevision o) {
            List<FieldError> errs = new ArrayList<>(
                    MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
            errs.addAll(validate(n));
            errs.addAll(MetaValidation.immutable(n.data(), o.data(), FieldPath.root("data")));
            return errs;
        }
    }

    /** What the scheduler posts to {@code pods/{name}/binding}: the node to run on. */
    static final class BindingValidator implements KindValidator<Binding> {
        @Override
        public Class<Binding> type() {
            return Binding.class;
        }

        @Override
        public List<FieldError> validate(Binding b) {
            List<FieldError> errs = new ArrayList<>();
            String kind = b.target() == null ? "" : MetaValidation.str(b.target().kind());
            String name = b.target() == null ? "" : MetaValidation.str(b.target().name());
            if (!kind.isEmpty() && !kind.equals("Node")) {
                errs.add(FieldError.notSupported(FieldPath.root("target", "kind"), kind, List.of("Node", "<empty>")));
            }
            if (name.isEmpty()) {
                errs.add(FieldError.required(FieldPath.root("target", "name"), ""));
            }
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(Binding n, Binding o) {
            return validate(n);
        }
    }

    /** The {@code .../scale} view of a workload: only the replica count can be set. */
    static final class ScaleValidator implements KindValidator<Scale> {
        @Override
        public Class<Scale> type() {
            return Scale.class;
        }

        @Override
        public List<FieldError> validate(Scale scale) {
            List<FieldError> errs = new ArrayList<>(
                    MetaValidation.objectMeta(scale.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
            int replicas = scale.spec() == null || scale.spec().replicas() == null ? 0 : scale.spec().replicas();
            errs.addAll(MetaValidation.nonNegative(replicas, FieldPath.root("spec", "replicas")));
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(Scale n, Scale o) {
            return validate(n);
        }
    }
}
