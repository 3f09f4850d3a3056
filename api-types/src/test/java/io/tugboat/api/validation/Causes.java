package io.tugboat.api.validation;

import io.tugboat.api.meta.StatusCause;

/**
 * Expected causes, written out in full. Each helper only fixes the reason and the label that goes with it
 * ({@code FieldValueInvalid} always starts with {@code Invalid value: }); the rest of the text is spelled out in
 * the tables, so they read like the 422 responses of a real API server.
 */
final class Causes {

    private Causes() {
    }

    /** {@code a lowercase RFC 1123 label ...}, the detail of every failed DNS-label check. */
    static final String DNS_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
            + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    static final String DNS_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
            + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String DNS_1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
            + "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex "
            + "used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String LABEL_KEY_NAME = "name part must consist of alphanumeric characters, '-', '_' or '.', and must "
            + "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', "
            + "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
            + "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    static final String CONFIG_KEY = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
            + "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    static StatusCause required(String field) {
        return new StatusCause("FieldValueRequired", "Required value", field);
    }

    static StatusCause required(String field, String detail) {
        return new StatusCause("FieldValueRequired", "Required value: " + detail, field);
    }

    static StatusCause invalid(String field, String valueAndDetail) {
        return new StatusCause("FieldValueInvalid", "Invalid value: " + valueAndDetail, field);
    }

    static StatusCause notSupported(String field, String valueAndDetail) {
        return new StatusCause("FieldValueNotSupported", "Unsupported value: " + valueAndDetail, field);
    }

    static StatusCause duplicate(String field, String value) {
        return new StatusCause("FieldValueDuplicate", "Duplicate value: " + value, field);
    }

    static StatusCause forbidden(String field, String detail) {
        return new StatusCause("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    static StatusCause notFound(String field, String value) {
        return new StatusCause("FieldValueNotFound", "Not found: " + value, field);
    }

    static StatusCause tooLong(String field, String detail) {
        return new StatusCause("FieldValueTooLong", "Too long: " + detail, field);
    }
}
