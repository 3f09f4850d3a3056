package io.tugboat.api.validation;

import io.tugboat.api.core.Secret;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Secrets: config keys, at most 1 MiB of data, the keys each well-known type requires (a TLS secret needs
 * {@code tls.crt} and {@code tls.key}...), and immutability once marked {@code immutable}. Mirrors
 * {@code ValidateSecret}.
 *
 * <p>Tugboat keeps {@code data} values as the base64 text of the wire format; Kubernetes decodes them into bytes
 * while decoding the request and fails the whole request on bad base64. Here a bad value is a cause on
 * {@code data[key]} with Go's decoder message ({@code illegal base64 data at input byte 4}). Values given in
 * {@code stringData} are merged into {@code data} by Kubernetes before validation; their keys are checked under
 * {@code data[key]} for the same reason.
 */
final class SecretValidator implements KindValidator<Secret> {

    private static final String REDACTED = "<secret contents redacted>";

    @Override
    public Class<Secret> type() {
        return Secret.class;
    }

    @Override
    public List<FieldError> validate(Secret secret) {
        ObjectMeta meta = MetaValidation.orEmpty(secret.metadata());
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(meta, true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        FieldPath dataPath = FieldPath.root("data");
        Map<String, String> data = MetaValidation.sorted(secret.data());
        long totalSize = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            FieldPath p = dataPath.key(e.getKey());
            Formats.configMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(p, e.getKey(), msg)));
            String value = MetaValidation.str(e.getValue());
            OptionalInt bad = corruptBase64At(value);
            if (bad.isPresent()) {
                errs.add(FieldError.invalid(p, REDACTED, "illegal base64 data at input byte " + bad.getAsInt()));
            } else {
                totalSize += decodedLength(value);
            }
        }
        Map<String, String> stringData = MetaValidation.sorted(secret.stringData());
        for (Map.Entry<String, String> e : stringData.entrySet()) {
            if (!data.containsKey(e.getKey())) {
                FieldPath p = dataPath.key(e.getKey());
                Formats.configMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(p, e.getKey(), msg)));
            }
            totalSize += Formats.byteLength(MetaValidation.str(e.getValue()));
        }
        if (totalSize > ConfigMapValidator.MAX_SIZE) {
            errs.add(FieldError.tooLong(dataPath, ConfigMapValidator.MAX_SIZE));
        }
        errs.addAll(typeRules(MetaValidation.str(secret.type()), meta, data, stringData, dataPath));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Secret n, Secret o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(MetaValidation.immutable(MetaValidation.str(n.type()), MetaValidation.str(o.type()), FieldPath.root("type")));
        if (MetaValidation.isTrue(o.immutable())) {
            String forbidden = "field is immutable when `immutable` is set";
            if (!MetaValidation.isTrue(n.immutable())) {
                errs.add(FieldError.forbidden(FieldPath.root("immutable"), forbidden));
            }
            if (!Semantic.equal(n.data(), o.data())) {
                errs.add(FieldError.forbidden(FieldPath.root("data"), forbidden));
            }
        }
        errs.addAll(validate(n));
        return errs;
    }

    /** The keys the built-in secret types promise their consumers. */
    private static List<FieldError> typeRules(String type, ObjectMeta meta, Map<String, String> data,
                                              Map<String, String> stringData, FieldPath dataPath) {
        List<FieldError> errs = new ArrayList<>();
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                Map<String, String> annotations = meta.annotations();
                String name = annotations == null ? null : annotations.get("kubernetes.io/service-account.name");
                if (name == null || name.isEmpty()) {
                    errs.add(FieldError.required(FieldPath.root("metadata", "annotations").key("kubernetes.io/service-account.name"), ""));
                }
            }
            case "kubernetes.io/dockercfg" -> requireKey(".dockercfg", data, stringData, dataPath, errs);
            case "kubernetes.io/dockerconfigjson" -> requireKey(".dockerconfigjson", data, stringData, dataPath, errs);
            case "kubernetes.io/basic-auth" -> {
                if (!has("username", data, stringData) && !has("password", data, stringData)) {
                    errs.add(FieldError.required(dataPath.key("username"), ""));
                    errs.add(FieldError.required(dataPath.key("password"), ""));
                }
            }
            case "kubernetes.io/ssh-auth" -> {
                String key = data.getOrDefault("ssh-privatekey", stringData.get("ssh-privatekey"));
                if (key == null || key.isEmpty()) {
                    errs.add(FieldError.required(dataPath.key("ssh-privatekey"), ""));
                }
            }
            case "kubernetes.io/tls" -> {
                requireKey("tls.crt", data, stringData, dataPath, errs);
                requireKey("tls.key", data, stringData, dataPath, errs);
            }
            default -> {
            }
        }
        return errs;
    }

    private static void requireKey(String key, Map<String, String> data, Map<String, String> stringData,
                                   FieldPath dataPath, List<FieldError> errs) {
        if (!has(key, data, stringData)) {
            errs.add(FieldError.required(dataPath.key(key), ""));
        }
    }

    private static boolean has(String key, Map<String, String> data, Map<String, String> stringData) {
        return data.containsKey(key) || stringData.containsKey(key);
    }

    /**
     * Where Go's standard base64 decoder gives up on this text, if it does: at the first character outside the
     * alphabet, at misplaced padding, or at the start of an unfinished final group. Newlines are skipped, as Go
     * skips them.
     */
    static OptionalInt corruptBase64At(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = 0;
            while (j < 4) {
                if (i == n) {
                    if (j == 0) {
                        return OptionalInt.empty();
                    }
                    return OptionalInt.of(i - j);
                }
                char c = s.charAt(i++);
                if (c == '\n' || c == '\r') {
                    continue;
                }
                if (isBase64(c)) {
                    j++;
                    continue;
                }
                if (c != '=') {
                    return OptionalInt.of(i - 1);
                }
                // Padding: only after two or three characters, and it ends the text.
                if (j < 2) {
                    return OptionalInt.of(i - 1);
                }
                if (j == 2) {
                    while (i < n && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
                        i++;
                    }
                    if (i == n) {
                        return OptionalInt.of(n);
                    }
                    if (s.charAt(i) != '=') {
                        return OptionalInt.of(i - 1);
                    }
                    i++;
                }
                while (i < n && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
                    i++;
                }
                return i < n ? OptionalInt.of(i) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }

    /** The number of bytes a base64 text decodes to (for the size limit); 0 when it is not valid base64. */
    static long decodedLength(String s) {
        if (corruptBase64At(s).isPresent()) {
            return 0;
        }
        long chars = s.chars().filter(c -> c != '\n' && c != '\r' && c != '=').count();
        return chars * 3 / 4;
    }
}
