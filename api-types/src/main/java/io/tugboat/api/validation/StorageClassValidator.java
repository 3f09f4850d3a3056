package io.tugboat.api.validation;

import io.tugboat.api.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * StorageClasses: a provisioner name (a label key such as {@code rancher.io/local-path}), bounded parameters, and
 * reclaim policy and binding mode from fixed sets. Provisioner, parameters, reclaim policy and binding mode are
 * fixed once created: volumes already provisioned were made under them. Mirrors {@code ValidateStorageClass}.
 */
final class StorageClassValidator implements KindValidator<StorageClass> {

    private static final List<String> RECLAIM_POLICIES = List.of("Delete", "Retain");
    private static final List<String> BINDING_MODES = List.of("Immediate", "WaitForFirstConsumer");
    private static final int MAX_PARAMETERS = 512;
    private static final int MAX_PARAMETERS_SIZE = 256 * (1 << 10);

    @Override
    public Class<StorageClass> type() {
        return StorageClass.class;
    }

    @Override
    public List<FieldError> validate(StorageClass sc) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(sc.metadata(), false, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        FieldPath provisionerPath = FieldPath.root("provisioner");
        String provisioner = MetaValidation.str(sc.provisioner());
        if (provisioner.isEmpty()) {
            errs.add(FieldError.required(provisionerPath, ""));
        } else {
            String lower = provisioner.toLowerCase(Locale.ROOT);
            Formats.qualifiedName(lower).forEach(msg -> errs.add(FieldError.invalid(provisionerPath, lower, msg)));
        }
        errs.addAll(parameters(sc.parameters(), FieldPath.root("parameters")));
        String reclaim = sc.reclaimPolicy();
        if (reclaim != null && !reclaim.isEmpty() && !RECLAIM_POLICIES.contains(reclaim)) {
            errs.add(FieldError.notSupported(FieldPath.root("reclaimPolicy"), reclaim, RECLAIM_POLICIES));
        }
        String mode = sc.volumeBindingMode();
        if (mode == null) {
            errs.add(FieldError.required(FieldPath.root("volumeBindingMode"), ""));
        } else if (!BINDING_MODES.contains(mode)) {
            errs.add(FieldError.notSupported(FieldPath.root("volumeBindingMode"), mode, BINDING_MODES));
        }
        return errs;
    }

    private static List<FieldError> parameters(Map<String, String> params, FieldPath path) {
        Map<String, String> p = MetaValidation.sorted(params);
        if (p.size() > MAX_PARAMETERS) {
            return List.of(FieldError.tooLong(path, MAX_PARAMETERS));
        }
        List<FieldError> errs = new ArrayList<>();
        long size = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getKey().isEmpty()) {
                errs.add(FieldError.invalid(path, e.getKey(), "field can not be empty."));
            }
            size += Formats.byteLength(e.getKey()) + Formats.byteLength(MetaValidation.str(e.getValue()));
        }
        if (size > MAX_PARAMETERS_SIZE) {
            errs.add(FieldError.tooLong(path, MAX_PARAMETERS_SIZE));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(StorageClass n, StorageClass o) {
        List<FieldError> errs = new ArrayList<>(validate(n));
        errs.addAll(MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        if (!Semantic.equal(n.parameters(), o.parameters())) {
            errs.add(FieldError.forbidden(FieldPath.root("parameters"), "updates to parameters are forbidden."));
        }
        if (!MetaValidation.str(n.provisioner()).equals(MetaValidation.str(o.provisioner()))) {
            errs.add(FieldError.forbidden(FieldPath.root("provisioner"), "updates to provisioner are forbidden."));
        }
        if (!Objects.equals(n.reclaimPolicy(), o.reclaimPolicy())) {
            errs.add(FieldError.forbidden(FieldPath.root("reclaimPolicy"), "updates to reclaimPolicy are forbidden."));
        }
        errs.addAll(MetaValidation.immutable(n.volumeBindingMode(), o.volumeBindingMode(), FieldPath.root("volumeBindingMode")));
        return errs;
    }
}
