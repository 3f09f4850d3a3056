package io.tugboat.api.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats Kubernetes validates everywhere (DNS names, label keys and values, port names, config keys,
 * environment variable names, percentages) with the exact sentences apimachinery returns for them.
 *
 * <p>Each check returns a list of messages, empty when the value is fine; a caller turns each message into one
 * {@code Invalid value} cause. A value can fail several ways at once (too long <em>and</em> badly formed), and
 * Kubernetes reports each, so we do too. Lengths are counted in UTF-8 bytes, as Go's {@code len} does.
 *
 * <p>The sentences follow {@code k8s.io/apimachinery/pkg/util/validation} and {@code pkg/api/validate/content}.
 * A label-syntax package is being written elsewhere in Tugboat; these checks are kept here, private to
 * validation, until the two are unified.
 */
final class Formats {

    private Formats() {
    }

    static final String EMPTY_ERROR = "must be non-empty";

    static final int DNS1123_LABEL_MAX_LENGTH = 63;
    static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    static final int DNS1035_LABEL_MAX_LENGTH = 63;
    static final int LABEL_VALUE_MAX_LENGTH = 63;
    private static final int LABEL_KEY_NAME_MAX_LENGTH = 63;

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final String LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_KEY_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must "
            + "start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + LABEL_KEY_FMT + ")?";
    private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final String CONFIG_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private static final String ENV_VAR_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private static final String ENV_VAR_ERR = "a valid environment variable name must consist of alphabetic characters, "
            + "digits, '_', '-', or '.', and must not start with a digit";
    private static final String PERCENT_FMT = "[0-9]+%";
    private static final String PERCENT_ERR = "a valid percent string must be a numeric string followed by an ending '%'";
    private static final String HTTP_HEADER_FMT = "[-A-Za-z0-9]+";
    private static final String HTTP_HEADER_ERR = "a valid HTTP header must consist of alphanumeric characters or '-'";

    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
    private static final Pattern ENV_VAR = Pattern.compile(ENV_VAR_FMT);
    private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
    private static final Pattern HTTP_HEADER = Pattern.compile(HTTP_HEADER_FMT);
    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

    /**
     * How an object's name is checked. {@code prefix} is true for {@code metadata.generateName}: random characters
     * will follow, so a trailing dash is allowed there.
     */
    @FunctionalInterface
    interface NameRule {
        List<String> check(String name, boolean prefix);
    }

    /** Most kinds: a DNS-1123 subdomain, at most 253 characters (Pods, Deployments, ConfigMaps...). */
    static final NameRule SUBDOMAIN_NAME = (name, prefix) -> dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
    /** A DNS-1123 label, at most 63 characters (Namespaces, StatefulSets). */
    static final NameRule LABEL_NAME = (name, prefix) -> dns1123Label(prefix ? maskTrailingDash(name) : name);
    /** A DNS-1035 label: like a DNS-1123 label but starting with a letter (Services). */
    static final NameRule DNS1035_NAME = (name, prefix) -> dns1035Label(prefix ? maskTrailingDash(name) : name);

    /**
     * The weakest rule, for kinds without their own (Events): the name only has to fit in a URL path segment.
     * The API server applies it to every object after the kind's own validation has passed.
     */
    static final NameRule PATH_SEGMENT_NAME = (name, prefix) -> {
        List<String> errs = new ArrayList<>();
        if (!prefix && (name.equals(".") || name.equals(".."))) {
            errs.add("may not be '" + name + "'");
        }
        for (String illegal : List.of("/", "%")) {
            if (name.contains(illegal)) {
                errs.add("may not contain '" + illegal + "'");
            }
        }
        return errs;
    };

    // Kubernetes replaces the last two characters of a generateName ending in '-' by one letter before checking it.
    private static String maskTrailingDash(String name) {
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }

    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // The name formats are checked by hand rather than with the regular expressions the messages quote: the
    // expressions nest quantifiers, which backtracking engines (java.util.regex, unlike Go's RE2) can take
    // quadratic time on, and annotation keys may be hundreds of kilobytes long.

    private static boolean isDns1123Label(String s) {
        return isWord(s, 0, s.length(), Formats::isLowerAlnum, Formats::isLowerAlnum, c -> isLowerAlnum(c) || c == '-');
    }

    private static boolean isDns1123Subdomain(String s) {
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            if (!isWord(s, start, end, Formats::isLowerAlnum, Formats::isLowerAlnum, c -> isLowerAlnum(c) || c == '-')) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean isDns1035Label(String s) {
        return isWord(s, 0, s.length(), c -> c >= 'a' && c <= 'z', Formats::isLowerAlnum, c -> isLowerAlnum(c) || c == '-');
    }

    private static boolean isLabelKeyName(String s) {
        return isWord(s, 0, s.length(), Formats::isAlnum, Formats::isAlnum,
                c -> isAlnum(c) || c == '-' || c == '_' || c == '.');
    }

    private interface CharRule {
        boolean test(char c);
    }

    /** Non-empty {@code s[start, end)} whose first, last and middle characters satisfy the given rules. */
    private static boolean isWord(String s, int start, int end, CharRule first, CharRule last, CharRule middle) {
        if (end <= start || !first.test(s.charAt(start)) || !last.test(s.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            if (!middle.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || c >= 'A' && c <= 'Z';
    }

    static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    static String inclusiveRangeError(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** {@code msg (e.g. 'a' or 'b', regex used for validation is 'fmt')}. */
    static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        StringBuilder s = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                s.append(" or ");
            }
            s.append('\'').append(examples[i]).append("', ");
        }
        return s.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!isDns1123Label(value)) {
            // A valid subdomain that is not a valid label can only be wrong because of its dots.
            if (isDns1123Subdomain(value)) {
                errs.add("must not contain dots");
            } else {
                errs.add(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!isDns1123Subdomain(value)) {
            errs.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!isDns1035Label(value)) {
            errs.add(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /**
     * A label key (Kubernetes also calls it a "qualified name"): an optional DNS subdomain prefix and a slash,
     * then a name of at most 63 characters: {@code app}, {@code app.kubernetes.io/name}.
     */
    static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String name;
        int slash = value.indexOf('/');
        if (slash < 0) {
            name = value;
        } else if (value.indexOf('/', slash + 1) >= 0) {
            errs.add("a valid label key " + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        } else {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errs.add("prefix part " + EMPTY_ERROR);
            } else {
                for (String msg : dns1123Subdomain(prefix)) {
                    errs.add("prefix part " + msg);
                }
            }
        }
        if (name.isEmpty()) {
            errs.add("name part " + EMPTY_ERROR);
        } else if (byteLength(name) > LABEL_KEY_NAME_MAX_LENGTH) {
            errs.add("name part " + maxLenError(LABEL_KEY_NAME_MAX_LENGTH));
        }
        if (!isLabelKeyName(name)) {
            errs.add("name part " + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
            errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!value.isEmpty() && !isLabelKeyName(value)) {
            errs.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** An IANA service name as used for port names: at most 15 characters, lower case, at least one letter. */
    static List<String> portName(String port) {
        List<String> errs = new ArrayList<>();
        if (byteLength(port) > 15) {
            errs.add(maxLenError(15));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(port).matches()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    static List<String> portNum(long port) {
        return 1 <= port && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
    }

    /** A key of a ConfigMap or Secret; it becomes a file name, so {@code .} and {@code ..} are refused. */
    static List<String> configMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!CONFIG_KEY.matcher(value).matches()) {
            errs.add(regexError(CONFIG_KEY_ERR, CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        errs.addAll(chdirPrefix(value));
        return errs;
    }

    static List<String> envVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (!ENV_VAR.matcher(value).matches()) {
            errs.add(regexError(ENV_VAR_ERR, ENV_VAR_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }
        errs.addAll(chdirPrefix(value));
        return errs;
    }

    private static List<String> chdirPrefix(String value) {
        if (value.equals(".")) {
            return List.of("must not be '.'");
        }
        if (value.equals("..")) {
            return List.of("must not be '..'");
        }
        if (value.startsWith("..")) {
            return List.of("must not start with '..'");
        }
        return List.of();
    }

    static List<String> percent(String value) {
        return PERCENT.matcher(value).matches() ? List.of() : List.of(regexError(PERCENT_ERR, PERCENT_FMT, "1%", "93%"));
    }

    static List<String> httpHeaderName(String value) {
        return HTTP_HEADER.matcher(value).matches()
                ? List.of()
                : List.of(regexError(HTTP_HEADER_ERR, HTTP_HEADER_FMT, "X-Header-Name"));
    }
}
