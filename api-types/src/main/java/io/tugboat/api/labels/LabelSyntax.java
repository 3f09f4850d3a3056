package io.tugboat.api.labels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax rules for label keys and values, with Kubernetes' own error messages
 * ({@code k8s.io/apimachinery/pkg/util/validation}: {@code IsQualifiedName},
 * {@code IsValidLabelValue}, {@code IsDNS1123Subdomain}).
 *
 * <p>A <b>key</b> is an optional prefix and a name: {@code app.kubernetes.io/name}. The prefix is a
 * DNS-1123 subdomain of at most 253 characters (lower case, digits, {@code -} and {@code .}); the
 * name is at most 63 characters of letters, digits, {@code -}, {@code _} and {@code .}, starting
 * and ending with a letter or digit. A <b>value</b> follows the name rule or is empty.
 *
 * <p>Every method returns the list of problems — empty when the input is valid — rather than
 * throwing, so that validation code can report all of them against a field path. Lengths are
 * counted in UTF-8 bytes, as Go counts them.
 */
public final class LabelSyntax {

    /** Maximum length of the name part of a key, and of a value. */
    public static final int NAME_MAX_LENGTH = 63;
    /** Maximum length of a label value. */
    public static final int VALUE_MAX_LENGTH = 63;
    /** Maximum length of a DNS-1123 subdomain, and so of a key's prefix. */
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

    /** The name rule, also shown to users in error messages. */
    public static final String NAME_REGEX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    /** The value rule: a name, or nothing at all. */
    public static final String VALUE_REGEX = "(" + NAME_REGEX + ")?";
    private static final String DNS1123_LABEL_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    /** Dot-separated DNS labels, e.g. {@code example.com}. */
    public static final String DNS1123_SUBDOMAIN_REGEX = DNS1123_LABEL_REGEX + "(\\." + DNS1123_LABEL_REGEX + ")*";

    private static final Pattern NAME = Pattern.compile(NAME_REGEX);
    private static final Pattern VALUE = Pattern.compile(VALUE_REGEX);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_REGEX);

    private static final String NAME_MESSAGE =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String VALUE_MESSAGE =
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_MESSAGE =
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character";

    private LabelSyntax() {}

    /**
     * Checks a label key such as {@code app} or {@code example.com/tier}.
     *
     * @return the problems, empty if {@code key} is a valid key
     */
    public static List<String> validateKey(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errors.add("prefix part " + emptyError());
                } else {
                    for (String problem : validateDns1123Subdomain(prefix)) {
                        errors.add("prefix part " + problem);
                    }
                }
            }
            default -> {
                return List.of("a qualified name " + regexError(NAME_MESSAGE, NAME_REGEX, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            }
        }
        if (name.isEmpty()) {
            errors.add("name part " + emptyError());
        } else if (utf8Length(name) > NAME_MAX_LENGTH) {
            errors.add("name part " + maxLenError(NAME_MAX_LENGTH));
        }
        // Checked even after a length problem, so an empty name gets both messages, as upstream.
        if (!NAME.matcher(name).matches()) {
            errors.add("name part " + regexError(NAME_MESSAGE, NAME_REGEX, "MyName", "my.name", "123-abc"));
        }
        return List.copyOf(errors);
    }

    /**
     * Checks a label value such as {@code web}; the empty string is a valid value.
     *
     * @return the problems, empty if {@code value} is a valid value
     */
    public static List<String> validateValue(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > VALUE_MAX_LENGTH) {
            errors.add(maxLenError(VALUE_MAX_LENGTH));
        }
        if (!VALUE.matcher(value).matches()) {
            errors.add(regexError(VALUE_MESSAGE, VALUE_REGEX, "MyValue", "my_value", "12345"));
        }
        return List.copyOf(errors);
    }

    /**
     * Checks a DNS-1123 subdomain such as {@code example.com}: the form of a key's prefix, and of
     * most object names.
     *
     * @return the problems, empty if {@code value} is a valid subdomain
     */
    public static List<String> validateDns1123Subdomain(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errors.add(regexError(DNS1123_SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN_REGEX, "example.com"));
        }
        return List.copyOf(errors);
    }

    /**
     * Kubernetes' wording for a failed pattern, with examples, e.g.
     * {@code must consist of ... (e.g. 'MyName',  or 'my.name', regex used for validation is '...')}.
     * The doubled space before "or" is Kubernetes' and kept so messages match byte for byte.
     */
    public static String regexError(String message, String regex, String... examples) {
        if (examples.length == 0) {
            return message + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder sb = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(regex).append("')").toString();
    }

    /** Kubernetes' wording for a value that is too long. */
    public static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    /** Kubernetes' wording for a value that must not be empty. */
    public static String emptyError() {
        return "must be non-empty";
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
