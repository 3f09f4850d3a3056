package io.tugboat.api.roundtrip;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds where two records first differ, as a field path ({@code spec.containers[0].ports[1].name: "yes" vs true}).
 * A failed round trip of a 20 kB Deployment is unreadable as two {@code toString()}s; the path says at once
 * which field the codec mangled.
 */
final class RecordDiff {
    private RecordDiff() {
    }

    /** The first differing path and both values there, or empty when the two are equal. */
    static Optional<String> firstDifference(Object expected, Object actual) {
        return Optional.ofNullable(diff(expected, actual, ""));
    }

    private static String diff(Object expected, Object actual, String path) {
        if (Objects.equals(expected, actual)) {
            return null;
        }
        if (expected == null || actual == null || expected.getClass() != actual.getClass()) {
            return describe(path, expected, actual);
        }
        if (expected.getClass().isRecord()) {
            for (RecordComponent component : expected.getClass().getRecordComponents()) {
                String found = diff(get(component, expected), get(component, actual), join(path, component.getName()));
                if (found != null) {
                    return found;
                }
            }
        } else if (expected instanceof List<?> a && actual instanceof List<?> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                String found = diff(a.get(i), b.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b && a.keySet().equals(b.keySet())) {
            for (Object key : new TreeSet<>(a.keySet())) {
                String found = diff(a.get(key), b.get(key), path + "[" + quote(key) + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return describe(path, expected, actual);
    }

    private static Object get(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(String path, Object expected, Object actual) {
        return (path.isEmpty() ? "<root>" : path) + ": expected " + quote(expected) + typeOf(expected)
                + " but was " + quote(actual) + typeOf(actual);
    }

    private static String typeOf(Object value) {
        return value == null ? "" : " (" + value.getClass().getSimpleName() + ")";
    }

    /** Strings in Java escapes, so an invisible character in a failure message is visible. */
    static String quote(Object value) {
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
