package io.tugboat.api.validation;

import io.tugboat.api.core.ConfigMapVolumeSource;
import io.tugboat.api.core.HostPathVolumeSource;
import io.tugboat.api.core.KeyToPath;
import io.tugboat.api.core.SecretVolumeSource;
import io.tugboat.api.core.Volume;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The volumes of a pod: unique DNS-label names, exactly one source each, and the rules of each source
 * (a hostPath needs a path without {@code ..}, a secret needs a secret name, file modes fit in 0777...).
 * Mirrors {@code ValidateVolumes} and {@code validateVolumeSource}.
 */
final class VolumeValidation {

    private VolumeValidation() {
    }

    private static final String FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
    private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
            "DirectoryOrCreate", "File", "FileOrCreate", "Socket");

    /** The names of the valid volumes (for checking mounts against) and the problems found. */
    record Result(Set<String> names, List<FieldError> errors) {
    }

    static Result volumes(List<Volume> volumes, FieldPath path) {
        Set<String> names = new LinkedHashSet<>();
        List<FieldError> errs = new ArrayList<>();
        List<Volume> list = MetaValidation.list(volumes);
        for (int i = 0; i < list.size(); i++) {
            Volume v = list.get(i);
            FieldPath idx = path.index(i);
            FieldPath namePath = idx.child("name");
            String name = MetaValidation.str(v.name());
            List<FieldError> el = new ArrayList<>(source(v, idx));
            if (name.isEmpty()) {
                el.add(FieldError.required(namePath, ""));
            } else {
                for (String msg : Formats.dns1123Label(name)) {
                    el.add(FieldError.invalid(namePath, name, msg));
                }
            }
            if (names.contains(name)) {
                el.add(FieldError.duplicate(namePath, name));
            }
            // Only a volume without problems can be mounted; a broken one is reported once, here.
            if (el.isEmpty()) {
                names.add(name);
            } else {
                errs.addAll(el);
            }
        }
        return new Result(names, errs);
    }

    private static List<FieldError> source(Volume v, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        int sources = 0;
        // Checked in Kubernetes' order, so the second source named is the one reported as extra.
        if (v.emptyDir() != null) {
            sources++;
            if (v.emptyDir().sizeLimit() != null && v.emptyDir().sizeLimit().value().signum() < 0) {
                errs.add(FieldError.forbidden(path.child("emptyDir").child("sizeLimit"),
                        "SizeLimit field must be a valid resource quantity"));
            }
        }
        if (v.hostPath() != null) {
            if (sources++ > 0) {
                errs.add(moreThanOne(path.child("hostPath")));
            } else {
                errs.addAll(hostPath(v.hostPath(), path.child("hostPath")));
            }
        }
        if (v.secret() != null) {
            if (sources++ > 0) {
                errs.add(moreThanOne(path.child("secret")));
            } else {
                errs.addAll(secret(v.secret(), path.child("secret")));
            }
        }
        if (v.persistentVolumeClaim() != null) {
            if (sources++ > 0) {
                errs.add(moreThanOne(path.child("persistentVolumeClaim")));
            } else if (MetaValidation.str(v.persistentVolumeClaim().claimName()).isEmpty()) {
                errs.add(FieldError.required(path.child("persistentVolumeClaim").child("claimName"), ""));
            }
        }
        if (v.configMap() != null) {
            if (sources++ > 0) {
                errs.add(moreThanOne(path.child("configMap")));
            } else {
                errs.addAll(configMap(v.configMap(), path.child("configMap")));
            }
        }
        if (sources == 0) {
            errs.add(FieldError.required(path, "must specify a volume type"));
        }
        return errs;
    }

    private static FieldError moreThanOne(FieldPath path) {
        return FieldError.forbidden(path, "may not specify more than 1 volume type");
    }

    static List<FieldError> hostPath(HostPathVolumeSource hostPath, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String p = MetaValidation.str(hostPath.path());
        if (p.isEmpty()) {
            errs.add(FieldError.required(path.child("path"), ""));
            return errs;
        }
        errs.addAll(noBacksteps(p, path.child("path")));
        if (hostPath.type() != null && !HOST_PATH_TYPES.contains(hostPath.type())) {
            errs.add(FieldError.notSupported(path.child("type"), hostPath.type(), HOST_PATH_TYPES));
        }
        return errs;
    }

    private static List<FieldError> secret(SecretVolumeSource secret, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (MetaValidation.str(secret.secretName()).isEmpty()) {
            errs.add(FieldError.required(path.child("secretName"), ""));
        }
        errs.addAll(fileMode(secret.defaultMode(), path.child("defaultMode")));
        errs.addAll(items(secret.items(), path.child("items")));
        return errs;
    }

    private static List<FieldError> configMap(ConfigMapVolumeSource configMap, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (MetaValidation.str(configMap.name()).isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        }
        errs.addAll(fileMode(configMap.defaultMode(), path.child("defaultMode")));
        errs.addAll(items(configMap.items(), path.child("items")));
        return errs;
    }

    private static List<FieldError> items(List<KeyToPath> items, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<KeyToPath> list = MetaValidation.list(items);
        for (int i = 0; i < list.size(); i++) {
            KeyToPath kp = list.get(i);
            FieldPath idx = path.index(i);
            if (MetaValidation.str(kp.key()).isEmpty()) {
                errs.add(FieldError.required(idx.child("key"), ""));
            }
            String p = MetaValidation.str(kp.path());
            if (p.isEmpty()) {
                errs.add(FieldError.required(idx.child("path"), ""));
            }
            errs.addAll(localNonReservedPath(p, idx.child("path")));
            errs.addAll(fileMode(kp.mode(), idx.child("mode")));
        }
        return errs;
    }

    private static List<FieldError> fileMode(Integer mode, FieldPath path) {
        if (mode != null && (mode > 0777 || mode < 0)) {
            return List.of(FieldError.invalid(path, mode, FILE_MODE_ERROR));
        }
        return List.of();
    }

    /** No {@code ..} element anywhere in the path: a volume must not reach outside what it was given. */
    static List<FieldError> noBacksteps(String target, FieldPath path) {
        for (String item : target.split("/", -1)) {
            if (item.equals("..")) {
                return List.of(FieldError.invalid(path, target, "must not contain '..'"));
            }
        }
        return List.of();
    }

    /** A relative path without {@code ..} elements (sub paths, items of projected files). */
    static List<FieldError> localDescendingPath(String target, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (target.startsWith("/")) {
            errs.add(FieldError.invalid(path, target, "must be a relative path"));
        }
        errs.addAll(noBacksteps(target, path));
        return errs;
    }

    private static List<FieldError> localNonReservedPath(String target, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(localDescendingPath(target, path));
        // "..data" and friends are where the kubelet keeps its own files; "../x" was reported above already.
        if (target.startsWith("..") && !target.startsWith("../")) {
            errs.add(FieldError.invalid(path, target, "must not start with '..'"));
        }
        return errs;
    }
}
