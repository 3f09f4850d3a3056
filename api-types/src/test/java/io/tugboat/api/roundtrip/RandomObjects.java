package io.tugboat.api.roundtrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.IntOrString;
import io.tugboat.api.Quantity;
import io.tugboat.api.Rfc3339;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds random instances of the API records by reflection, for the round-trip property tests.
 *
 * <p>Every record component is filled according to its declared type, recursively: the generator knows the
 * handful of leaf types the model uses (String, Integer, Long, Boolean, Instant, {@link Quantity},
 * {@link IntOrString}, {@link JsonNode}, untyped {@code Object} cells) and the two container shapes
 * ({@code List<X>}, {@code Map<String, X>}); everything else must be a record. A type it does not know is a
 * failure, not a silent null, so a new field type cannot slip past the round-trip tests untested.
 *
 * <p>Values lean towards the ones that break codecs: strings YAML would read as something else
 * ({@code yes}, {@code ~}, {@code 1:30}, {@code <<}), control characters, emoji, extreme integers, the first and
 * last representable timestamps, lists that are null, empty or long. Any component may be null, as any field
 * of a Kubernetes object may be absent.
 *
 * <p>Everything comes from one seeded {@link Random}: {@code new RandomObjects(seed).next(Pod.class)} rebuilds
 * exactly the object a failing test reported.
 */
final class RandomObjects {

    /**
     * Strings that YAML 1.1 (what SnakeYAML and Kubernetes' go-yaml read) would resolve to a non-string, that
     * are YAML syntax, or that are otherwise known to trip encoders. An encoder must quote them or they come
     * back as booleans, numbers, nulls, merge keys or parse errors.
     */
    static final List<String> TRICKY_STRINGS = List.of(
            "", " ", "yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "true", "False", "TRUE",
            "null", "Null", "NULL", "~", "123", "-17", "+1", "007", "08", "0", "-0", "1e3", "1E-3", "12e03", ".5",
            "-.5", "1.", "0x10", "0o17", "0X1F", "0B11", "0b101", "1_000", "1:30", "-1:30:00", "190:20:30.15",
            ".inf", "-.Inf", ".nan", ".NaN", "2024-01-01T00:00:00Z", "2024-01-01", "2001-12-14 21:59:43.10 -5", ":",
            "- x", "-", "--",
            "---", "...", "#", "a #b", "a: b", "a:b", "<<", "=", "!tag", "!!str", "&anchor", "*alias", "|", ">",
            "%YAML", "@at", "`tick", "? x", "?", "[a]", "{a: b}", "{}", "[]", ",", "'", "''", "\"", "\"quoted\"",
            "it's", "back\\slash", "a\nb", "line\n", "\nleading", "a\r\nb", "\r", "\ttab", "trailing ", " leading",
            "two  spaces", "\u0000", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u00a0", "\u2028",
            "\u2029", "\ufeff", "\ufffd", "héllo wörld", "日本語", "😀 emoji", "\uD83D\uDC4D\uD83C\uDFFD",
            "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "25%", "http", "app.kubernetes.io/name",
            "0.0.0.0/0", "cpu: 1", "${VAR}", "$(VAR)", "{{ .Values.x }}");

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/";
    private static final String[] WORDS = {"web", "db", "kube-system", "nginx:1.25", "app", "10.0.0.1", "Ready",
        "True", "Running", "default", "/var/lib", "node-1", "a very long message about why it failed"};
    private static final String[] QUANTITY_SUFFIXES = {"", "", "m", "k", "M", "G", "T", "P", "E", "n", "u",
        "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3", "E6", "e-3", "e+2", "e0"};
    private static final long FIRST_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

    /** Records nest about a dozen deep (CronJob down to a label selector's values); more means a cycle. */
    private static final int MAX_DEPTH = 30;

    /** Reflection is slow enough to dominate generation, so each record type is looked at once. */
    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    /** What the generator needs to know about a record type, looked up once. */
    private record RecordShape(RecordComponent[] components, String[] fieldNames, boolean[] microTime,
                               Constructor<?> constructor) {
        static RecordShape of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException("the generator does not know how to build a " + type.getName()
                        + "; teach RandomObjects the type or make it a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            boolean[] microTime = new boolean[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = type.getSimpleName() + "." + components[i].getName();
                microTime[i] = isMicroTime(components[i]);
                types[i] = components[i].getType();
            }
            try {
                return new RecordShape(components, names, microTime, type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has its canonical constructor", e);
            }
        }
    }

    private final Random random;
    private final Set<String> filled;

    /**
     * @param seed   the seed of every choice
     * @param filled receives {@code Type.component} for each record component given a non-null value, so a
     *               test can check that the generator reaches every field of the model
     */
    RandomObjects(long seed, Set<String> filled) {
        this.random = new Random(seed);
        this.filled = filled;
    }

    RandomObjects(long seed) {
        this(seed, new HashSet<>());
    }

    /** A random record of {@code type}, every component filled or (sometimes) null. */
    <T> T next(Class<T> type) {
        return type.cast(record(type, 0));
    }

    /** Components whose values keep microseconds on the wire (metav1.MicroTime) rather than whole seconds. */
    private static boolean isMicroTime(RecordComponent component) {
        JsonSerialize annotation = component.getAccessor().getAnnotation(JsonSerialize.class);
        if (annotation == null) {
            annotation = component.getAnnotation(JsonSerialize.class);
        }
        return annotation != null && annotation.using() == Rfc3339.MicroTimeSerializer.class;
    }

    private Object record(Class<?> type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException(type.getName() + " nests deeper than " + MAX_DEPTH + "; is there a cycle?");
        }
        RecordShape shape = SHAPES.computeIfAbsent(type, RecordShape::of);
        Object[] values = new Object[shape.components.length];
        for (int i = 0; i < values.length; i++) {
            // The top level is always complete; below it any field may be absent, and deep down most are, which
            // keeps a Deployment at a few kilobytes instead of a few hundred.
            boolean absent = depth > 0 && random.nextInt(depth < 3 ? 4 : 2) == 0;
            values[i] = absent ? null : component(shape, i, depth);
            if (values[i] != null) {
                filled.add(shape.fieldNames[i]);
            }
        }
        try {
            return shape.constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + type.getName() + " refused generated values", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private Object component(RecordShape shape, int i, int depth) {
        if (shape.microTime[i]) {
            return microTime();
        }
        return value(shape.components[i].getGenericType(), depth + 1);
    }

    private Object value(Type type, int depth) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return list(args[0], depth);
            }
            if (raw == Map.class && args[0] == String.class) {
                return map(args[1], depth);
            }
            throw new IllegalArgumentException("the generator does not know " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return string();
        } else if (c == Integer.class || c == int.class) {
            return integer();
        } else if (c == Long.class || c == long.class) {
            return longValue();
        } else if (c == Boolean.class || c == boolean.class) {
            return random.nextBoolean();
        } else if (c == Instant.class) {
            return time();
        } else if (c == Quantity.class) {
            return quantity();
        } else if (c == IntOrString.class) {
            return intOrString();
        } else if (c == JsonNode.class) {
            return jsonObject(0);
        } else if (c == Object.class) {
            return cell();
        }
        return record(c, depth);
    }

    /** Null, empty, or up to four elements; long lists are rare, and rarer deep down, so objects stay small. */
    private List<Object> list(Type element, int depth) {
        int size = size(depth);
        if (size < 0) {
            return null;
        }
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(value(element, depth));
        }
        return list;
    }

    private Map<String, Object> map(Type valueType, int depth) {
        int size = size(depth);
        if (size < 0) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(string(), value(valueType, depth));
        }
        return map;
    }

    /** -1 for null. */
    private int size(int depth) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return -1;
        }
        if (roll == 1 || (depth > 3 && roll < 4)) {
            return 0;
        }
        return roll < 7 ? 1 : roll < 9 || depth > 3 ? 2 : 3 + random.nextInt(2);
    }

    private String string() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> TRICKY_STRINGS.get(random.nextInt(TRICKY_STRINGS.size()));
            case 3 -> WORDS[random.nextInt(WORDS.length)];
            case 4 -> randomChars();
            case 5 -> sentence();
            default -> identifier();
        };
    }

    private String identifier() {
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Any code points at all, astral ones included; YAML must escape what it cannot print. */
    private String randomChars() {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> random.nextInt(0x800);
                case 2 -> random.nextInt(0x10000);
                default -> 0x10000 + random.nextInt(0x100000 - 0x10000);
            };
            if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
                codePoint = 'x';
            }
            s.appendCodePoint(codePoint);
        }
        return s.toString();
    }

    /** Long text with runs of spaces: YAML folds long lines, and must not lose a space doing it. */
    private String sentence() {
        StringBuilder s = new StringBuilder();
        // Mostly short; sometimes past the 80 columns where the YAML writer folds lines.
        int words = random.nextInt(4) == 0 ? 15 + random.nextInt(30) : 2 + random.nextInt(6);
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ".repeat(random.nextInt(10) == 0 ? 2 : 1));
            s.append(random.nextInt(15) == 0 ? TRICKY_STRINGS.get(random.nextInt(TRICKY_STRINGS.size())) : identifier());
        }
        return s.toString();
    }

    private Integer integer() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            case 2 -> -1 - random.nextInt(1000);
            case 3 -> random.nextInt();
            default -> random.nextInt(100);
        };
    }

    private Long longValue() {
        return switch (random.nextInt(6)) {
            case 0 -> 0L;
            case 1 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            case 2 -> -1L - random.nextInt(1000);
            case 3 -> random.nextLong();
            default -> (long) random.nextInt(100_000);
        };
    }

    /** metav1.Time: whole seconds, mostly recent, sometimes the first or last second RFC 3339 can write. */
    private Instant time() {
        return switch (random.nextInt(8)) {
            case 0 -> Instant.ofEpochSecond(FIRST_SECOND);
            case 1 -> Instant.ofEpochSecond(LAST_SECOND);
            case 2 -> Instant.ofEpochSecond(FIRST_SECOND + (long) (random.nextDouble() * (LAST_SECOND - FIRST_SECOND)));
            case 3 -> Instant.EPOCH;
            default -> Instant.ofEpochSecond((long) (random.nextDouble() * YEAR_2100));
        };
    }

    /** metav1.MicroTime: whole microseconds, including zero and 999999. */
    private Instant microTime() {
        int micros = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 999_999;
            default -> random.nextInt(1_000_000);
        };
        return time().plusNanos(micros * 1000L);
    }

    /** A quantity as people write them: 1, 0.5, .5, 100m, 1.5Gi, 1e3, -2k. */
    private Quantity quantity() {
        StringBuilder s = new StringBuilder();
        int sign = random.nextInt(10);
        s.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
        int shape = random.nextInt(5);
        if (shape == 0) {
            s.append('.').append(1 + random.nextInt(999));
        } else {
            s.append(random.nextInt(5) == 0 ? random.nextInt(100_000) : random.nextInt(10));
            if (shape == 1) {
                s.append('.').append(random.nextInt(1000));
            }
        }
        s.append(QUANTITY_SUFFIXES[random.nextInt(QUANTITY_SUFFIXES.length)]);
        return Quantity.parse(s.toString());
    }

    private IntOrString intOrString() {
        return switch (random.nextInt(5)) {
            case 0 -> IntOrString.of(integer());
            case 1 -> IntOrString.of(random.nextInt(65536));
            case 2 -> IntOrString.of(random.nextInt(101) + "%");
            case 3 -> IntOrString.of(String.valueOf(random.nextInt(65536)));
            default -> IntOrString.of(string());
        };
    }

    /**
     * A Table cell: what a Go {@code interface{}} decodes to. Integers that fit an int are Integers, larger ones
     * Longs, as Jackson reads them back; doubles are finite (JSON has no NaN).
     */
    private Object cell() {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> integer();
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : (long) Integer.MAX_VALUE + 1 + random.nextInt(1000);
            case 3 -> random.nextBoolean();
            case 4 -> random.nextInt(3) == 0 ? (double) random.nextInt(100) : random.nextDouble() * 1e6;
            case 5 -> Map.of(string(), (Object) string());
            default -> string();
        };
    }

    /** A small JSON object: what a RawExtension (ControllerRevision.data) or a TableRow.object holds. */
    private ObjectNode jsonObject(int depth) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            node.set(string(), json(depth + 1));
        }
        return node;
    }

    private JsonNode json(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int roll = random.nextInt(depth < 3 ? 9 : 7);
        return switch (roll) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(integer());
            case 2 -> f.numberNode(Long.MAX_VALUE - random.nextInt(1000));
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.numberNode(random.nextInt(3) == 0 ? (double) random.nextInt(100) : random.nextDouble() * 1e6);
            case 5, 6 -> f.textNode(string());
            case 7 -> jsonObject(depth);
            default -> {
                ArrayNode array = f.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(json(depth + 1));
                }
                yield array;
            }
        };
    }
}
