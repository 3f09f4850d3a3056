package io.tugboat.api.validation;

import java.util.ArrayList;
import java.util.List;

/** Access modes and volume modes, shared by PersistentVolumes and their claims. */
final class StorageValidation {

    private StorageValidation() {
    }

    static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

    /** Known modes; {@code ReadWriteOncePod} (one pod, exclusively) cannot be combined with the others. */
    static List<FieldError> accessModes(List<String> modes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        boolean oncePod = false;
        boolean other = false;
        for (String mode : MetaValidation.list(modes)) {
            String m = MetaValidation.str(mode);
            if (!ACCESS_MODES.contains(m)) {
                errs.add(FieldError.notSupported(path, m, ACCESS_MODES));
            } else if (m.equals("ReadWriteOncePod")) {
                oncePod = true;
            } else {
                other = true;
            }
        }
        if (oncePod && other) {
            errs.add(FieldError.forbidden(path, "may not use ReadWriteOncePod with other access modes"));
        }
        return errs;
    }

    static List<FieldError> volumeMode(String mode, FieldPath path) {
        if (mode != null && !VOLUME_MODES.contains(mode)) {
            return List.of(FieldError.notSupported(path, mode, VOLUME_MODES));
        }
        return List.of();
    }

    static List<FieldError> storageClassName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (name != null && !name.isEmpty()) {
            Formats.SUBDOMAIN_NAME.check(name, false).forEach(msg -> errs.add(FieldError.invalid(path, name, msg)));
        }
        return errs;
    }
}
