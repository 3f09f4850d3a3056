package io.tugboat.api.validation;

import io.tugboat.api.core.Namespace;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespaces: the name is a DNS label (it becomes part of service DNS names, {@code web.shop.svc}), the object
 * is cluster-scoped, and spec finalizers are finalizer names. Kubernetes reports a bad spec finalizer at
 * {@code spec.finalizers} without an index. Mirrors {@code ValidateNamespace}.
 */
final class NamespaceValidator implements KindValidator<Namespace> {

    @Override
    public Class<Namespace> type() {
        return Namespace.class;
    }

    @Override
    public List<FieldError> validate(Namespace ns) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(ns.metadata(), false, Formats.LABEL_NAME, FieldPath.root("metadata")));
        FieldPath path = FieldPath.root("spec", "finalizers");
        List<String> finalizers = ns.spec() == null ? List.of() : MetaValidation.list(ns.spec().finalizers());
        for (String f : finalizers) {
            String name = MetaValidation.str(f);
            Formats.qualifiedName(name).forEach(msg -> errs.add(FieldError.invalid(path, name, msg)));
            errs.addAll(MetaValidation.kubeFinalizerName(name, path));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Namespace n, Namespace o) {
        return MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata"));
    }
}
