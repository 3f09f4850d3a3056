package io.tugboat.api;

import java.util.List;

/**
 * A decoded value together with the fields of the input that the object model does not have. Decoding never
 * fails on those (a manifest written for a newer Kubernetes still applies); callers turn them into warnings,
 * or reject them when strict field validation was asked for.
 *
 * @param value         the decoded object
 * @param unknownFields paths of ignored fields, such as {@code spec.template.spec.containers[0].foo}, in input order
 */
public record Decoded<T>(T value, List<String> unknownFields) {
    public Decoded {
        unknownFields = List.copyOf(unknownFields);
    }
}
