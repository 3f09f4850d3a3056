package io.tugboat.api.validation;

import io.tugboat.api.core.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ConfigMaps: keys become file names in volumes, so they must be valid config keys, unique across {@code data}
 * and {@code binaryData}; the whole map is at most 1 MiB (an etcd value has to fit); and an {@code immutable} one
 * stays as it is. Mirrors {@code ValidateConfigMap}.
 */
final class ConfigMapValidator implements KindValidator<ConfigMap> {

    static final int MAX_SIZE = 1024 * 1024;

    @Override
    public Class<ConfigMap> type() {
        return ConfigMap.class;
    }

    @Override
    public List<FieldError> validate(ConfigMap cm) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(cm.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        long totalSize = 0;
        Map<String, String> binary = MetaValidation.sorted(cm.binaryData());
        for (Map.Entry<String, String> e : MetaValidation.sorted(cm.data()).entrySet()) {
            FieldPath p = FieldPath.root("data").key(e.getKey());
            Formats.configMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(p, e.getKey(), msg)));
            if (binary.containsKey(e.getKey())) {
                errs.add(FieldError.invalid(p, e.getKey(), "duplicate of key present in binaryData"));
            }
            totalSize += Formats.byteLength(MetaValidation.str(e.getValue()));
        }
        for (Map.Entry<String, String> e : binary.entrySet()) {
            FieldPath p = FieldPath.root("binaryData").key(e.getKey());
            Formats.configMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(p, e.getKey(), msg)));
            totalSize += SecretValidator.decodedLength(MetaValidation.str(e.getValue()));
        }
        if (totalSize > MAX_SIZE) {
            // An empty path: Kubernetes attributes the size to the whole object.
            errs.add(FieldError.tooLong(FieldPath.root(""), MAX_SIZE));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ConfigMap n, ConfigMap o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        if (MetaValidation.isTrue(o.immutable())) {
            String forbidden = "field is immutable when `immutable` is set";
            if (!MetaValidation.isTrue(n.immutable())) {
                errs.add(FieldError.forbidden(FieldPath.root("immutable"), forbidden));
            }
            if (!Semantic.equal(n.data(), o.data())) {
                errs.add(FieldError.forbidden(FieldPath.root("data"), forbidden));
            }
            if (!Semantic.equal(n.binaryData(), o.binaryData())) {
                errs.add(FieldError.forbidden(FieldPath.root("binaryData"), forbidden));
            }
        }
        errs.addAll(validate(n));
        return errs;
    }
}
