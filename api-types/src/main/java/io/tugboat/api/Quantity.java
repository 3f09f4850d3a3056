package io.tugboat.api;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;

/**
 * An exact amount of a resource — CPU, memory, storage — written the way Kubernetes writes it:
 * {@code 500m}, {@code 1Gi}, {@code 2.5}, {@code 12e6}. Mirrors {@code resource.Quantity} from
 * {@code k8s.io/apimachinery/pkg/api/resource}.
 *
 * <h2>Grammar</h2>
 * <pre>
 *   quantity ::= [sign] number [suffix]
 *   number   ::= digits | digits "." digits | digits "." | "." digits
 *   suffix   ::= binarySI | decimalSI | ("e" | "E") [sign] digits
 *   binarySI ::= Ki | Mi | Gi | Ti | Pi | Ei           (powers of 1024)
 *   decimalSI::= n | u | m | "" | k | M | G | T | P | E  (powers of 1000)
 * </pre>
 * Note the capitalisation trap: {@code 1k} is 1000 but {@code 1Ki} is 1024, and {@code 1m} is a
 * thousandth while {@code 1M} is a million.
 *
 * <h2>Value</h2>
 * The value is kept exactly as a {@link BigDecimal}; no floating point is ever involved, which is
 * the whole point of the type. Like Kubernetes, parsing keeps precision down to a nanounit and
 * rounds anything finer <em>away from zero</em> ({@code 0.1n} becomes {@code 1n}): whoever asks for
 * some of a resource should get some. A binary-suffixed quantity larger than 2<sup>63</sup>-1 is
 * silently capped there, again as Kubernetes does.
 *
 * <h2>Format and canonical form</h2>
 * A quantity remembers which of the three {@link Format formats} it was written in and prints
 * itself back in that family, in <em>canonical form</em>: no fractional digits, and the largest
 * suffix (or exponent) that loses no precision. {@link #toString()} is that form and is what goes
 * on the wire. Worked examples:
 * <pre>
 *   input    format            canonical   why
 *   0.5      DECIMAL_SI        500m        no fractional digits allowed, so step down to milli
 *   1000m    DECIMAL_SI        1           the largest exact suffix wins
 *   1.5Gi    BINARY_SI         1536Mi      1.5 * 1024 = 1536, a whole number of Mi
 *   1024Mi   BINARY_SI         1Gi
 *   1000Ki   BINARY_SI         1000Ki      1000 is not a multiple of 1024
 *   0.5Ki    BINARY_SI         512         below 1Ki binary suffixes would need fractions: printed as DecimalSI
 *   1e3      DECIMAL_EXPONENT  1e3         exponents stay exponents, in multiples of three
 *   1.5e3    DECIMAL_EXPONENT  1500
 * </pre>
 *
 * <h2>Equality</h2>
 * Two quantities are {@link #equals equal} when their canonical strings are equal, i.e. exactly
 * when they serialize to the same JSON. So {@code 1000m} equals {@code 1}, but {@code 1Ki} does
 * not equal {@code 1024}: same amount, different bytes on the wire. To compare amounts use
 * {@link #compareTo}, which looks at the value only ({@code compareTo} is therefore inconsistent
 * with {@code equals}, as it is for {@link BigDecimal}).
 *
 * <h2>JSON and YAML</h2>
 * A quantity is written as its canonical string. It is read from a string or from a bare number
 * ({@code cpu: 2}, {@code "cpu": 0.5}) by parsing the token's text, so {@code 1e3} stays an
 * exponent and no digit is lost to a {@code double}; surrounding whitespace inside a JSON string
 * is tolerated, as Kubernetes' decoder tolerates it. The annotations make this work in any
 * {@code ObjectMapper} without registering a module.
 *
 * <h2>Where Tugboat differs from Kubernetes</h2>
 * <ul>
 *   <li>Kubernetes sometimes echoes the input text instead of printing it canonically, when the
 *       input merely <em>looks</em> canonical: {@code +1}, {@code 01} and {@code 1E3} come back
 *       unchanged. Tugboat always prints the canonical form ({@code 1}, {@code 1}, {@code 1e3}),
 *       so that equal quantities always print alike.</li>
 *   <li>Kubernetes reads a bare suffix or sign ({@code Gi}, {@code m}, {@code -}) as zero; Tugboat
 *       rejects it, as the grammar and Kubernetes' own error message require a number.</li>
 *   <li>Quantities of 10<sup>1001</sup> or more are rejected (Kubernetes has no bound), so that
 *       absurd exponents cannot make arithmetic build enormous numbers.</li>
 *   <li>{@link #longValue()} and {@link #milliValue()} throw on overflow where Kubernetes
 *       silently returns a wrapped-around value.</li>
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
@JsonDeserialize(using = Quantity.Deserializer.class)
public final class Quantity implements Comparable<Quantity> {

    /**
     * The three ways of writing a quantity. Kubernetes keeps the family of the input so that a
     * value written in {@code Mi} is printed back in binary units, never as a decimal number.
     */
    public enum Format {
        /** Plain number with a power-of-ten exponent, e.g. {@code 12e6}; canonical exponents are multiples of 3. */
        DECIMAL_EXPONENT,
        /** Power-of-two suffixes, e.g. {@code 12Mi} = 12 * 2<sup>20</sup>. */
        BINARY_SI,
        /** Power-of-ten suffixes, e.g. {@code 12M} = 12 * 10<sup>6</sup>, {@code 500m} = 0.5. */
        DECIMAL_SI
    }

    /** The pattern Kubernetes names in its error message; it is only a first, permissive filter. */
    static final String SYNTAX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    private static final String FORMAT_ERROR = "quantities must match the regular expression '" + SYNTAX + "'";
    private static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

    private static final String SUFFIX_LETTERS = "eEinumkKMGTP";
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    /** Decimal suffix for exponents -9, -6, ..., 18, indexed by (exponent + 9) / 3. */
    private static final String[] DECIMAL_SUFFIX_BY_EXPONENT = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    /** Binary suffix for 1024^0 .. 1024^6. */
    private static final String[] BINARY_SUFFIX_BY_POWER = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    /** Kubernetes keeps nine fractional digits: the smallest representable amount is 1n. */
    private static final int NANO_SCALE = 9;
    private static final BigInteger ONE_KI = BigInteger.valueOf(1024);
    /** Also the cap for binary quantities: Kubernetes stores them in an int64. */
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    /**
     * Largest power of ten a parsed quantity may reach. Kubernetes has no such bound, but without
     * one "1e2000000000" would parse fine and then make {@link #add} build a two-billion-digit
     * number. No resource comes anywhere near 10^1000.
     */
    private static final int MAX_DECIMAL_EXPONENT = 1000;

    private final BigDecimal value;
    private final Format format;
    private final String canonical;

    private Quantity(BigDecimal value, Format format) {
        // Strip trailing zeros so that value() is the same BigDecimal for 1, 1.0 and 1000m.
        this.value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        this.format = format;
        this.canonical = canonicalize(this.value, format);
    }

    /**
     * Parses a quantity in Kubernetes syntax, e.g. {@code "100m"}, {@code "1.5Gi"}, {@code "1e3"}.
     *
     * @param s the text, without surrounding whitespace
     * @return the quantity
     * @throws IllegalArgumentException if {@code s} is not a quantity; the message says why in
     *     Kubernetes' words
     */
    public static Quantity parse(String s) {
        Objects.requireNonNull(s, "quantity");
        int end = s.length();
        int pos = 0;
        boolean negative = false;
        if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            negative = s.charAt(pos) == '-';
            pos++;
        }

        int intStart = pos;
        while (pos < end && isDigit(s.charAt(pos))) {
            pos++;
        }
        String intDigits = s.substring(intStart, pos);
        String fracDigits = "";
        boolean dot = pos < end && s.charAt(pos) == '.';
        if (dot) {
            int fracStart = ++pos;
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
            fracDigits = s.substring(fracStart, pos);
        }
        if (intDigits.isEmpty() && !dot) {
            // Kubernetes' hand-written scanner reads a bare suffix ("Gi") as zero; its own error
            // message and grammar say a number is required, and that is what we enforce.
            throw new IllegalArgumentException(FORMAT_ERROR);
        }

        // The suffix is a run of suffix letters, then an optional signed integer (for exponents).
        int suffixStart = pos;
        while (pos < end && SUFFIX_LETTERS.indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            pos++;
        }
        while (pos < end && isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos != end) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        String suffix = s.substring(suffixStart);

        String digits = intDigits + fracDigits;
        BigDecimal number = new BigDecimal(digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits), fracDigits.length());
        if (negative) {
            number = number.negate();
        }
        return fromNumberAndSuffix(number, suffix);
    }

    private static Quantity fromNumberAndSuffix(BigDecimal number, String suffix) {
        Integer binaryPower = BINARY_SUFFIXES.get(suffix);
        if (binaryPower != null) {
            BigDecimal bytes = number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(binaryPower)));
            return fromParsedValue(bytes, Format.BINARY_SI);
        }
        Integer decimalExponent = DECIMAL_SUFFIXES.get(suffix);
        Format format = Format.DECIMAL_SI;
        if (decimalExponent == null) {
            if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
                throw new IllegalArgumentException(SUFFIX_ERROR);
            }
            try {
                decimalExponent = Integer.parseInt(suffix.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SUFFIX_ERROR, e);
            }
            format = Format.DECIMAL_EXPONENT;
        }
        if (number.signum() == 0) {
            return new Quantity(BigDecimal.ZERO, format);
        }
        // Decide the magnitude before building the number, so that absurd exponents cost nothing.
        long magnitude = (long) number.precision() - number.scale() - 1 + decimalExponent;
        if (magnitude > MAX_DECIMAL_EXPONENT) {
            throw new IllegalArgumentException("quantity is too large: at most 10^" + MAX_DECIMAL_EXPONENT + " is supported");
        }
        if (magnitude < -NANO_SCALE - 1) {
            // Smaller than 1n: rounds away from zero to exactly 1n.
            return new Quantity(BigDecimal.valueOf(number.signum(), NANO_SCALE), format);
        }
        return fromParsedValue(number.scaleByPowerOfTen(decimalExponent), format);
    }

    /** Applies Kubernetes' post-parse rules: nano rounding, the binary cap, tiny binary values. */
    private static Quantity fromParsedValue(BigDecimal value, Format format) {
        if (value.scale() > NANO_SCALE) {
            value = value.setScale(NANO_SCALE, RoundingMode.UP);
        }
        if (format == Format.BINARY_SI) {
            if (value.abs().compareTo(LONG_MAX) > 0) {
                value = value.signum() < 0 ? LONG_MAX.negate() : LONG_MAX;
            }
            if (value.signum() != 0 && value.abs().compareTo(BigDecimal.ONE) < 0) {
                format = Format.DECIMAL_SI;
            }
        }
        return new Quantity(value, format);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A CPU-style quantity of {@code millis} thousandths, e.g. {@code ofMillis(250)} is {@code 250m}. */
    public static Quantity ofMillis(long millis) {
        return new Quantity(BigDecimal.valueOf(millis, 3), Format.DECIMAL_SI);
    }

    /** A memory-style quantity printed in binary units, e.g. {@code ofBytes(1 << 20)} is {@code 1Mi}. */
    public static Quantity ofBytes(long bytes) {
        return new Quantity(BigDecimal.valueOf(bytes), Format.BINARY_SI);
    }

    /** A whole number printed with decimal suffixes, e.g. {@code ofDecimal(2000)} is {@code 2k}. */
    public static Quantity ofDecimal(long value) {
        return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_SI);
    }

    /** The exact amount, with trailing zeros stripped ({@code 1500m} gives {@code 1.5}). */
    public BigDecimal value() {
        return value;
    }

    /** The format this quantity prints itself in. */
    public Format format() {
        return format;
    }

    /**
     * The amount in thousandths, rounded away from zero: {@code 1.0001} gives 1001. This is what
     * Kubernetes compares CPU requests with.
     *
     * @throws ArithmeticException if the result does not fit a {@code long} (Kubernetes silently
     *     overflows instead)
     */
    public long milliValue() {
        return roundedLong(value.scaleByPowerOfTen(3));
    }

    /**
     * The amount as a whole number, rounded away from zero: {@code 100m} gives 1. This is what
     * Kubernetes compares memory with.
     *
     * @throws ArithmeticException if the result does not fit a {@code long}
     */
    public long longValue() {
        return roundedLong(value);
    }

    private static long roundedLong(BigDecimal v) {
        // Check the range first: rounding a huge value would build a huge integer for nothing.
        if (v.compareTo(LONG_MAX) > 0 || v.compareTo(LONG_MIN) < 0) {
            throw new ArithmeticException("quantity " + v.toPlainString() + " does not fit in a long");
        }
        return v.setScale(0, RoundingMode.UP).longValueExact();
    }

    /** Whether the amount is zero, whatever its format ({@code 0Gi} is zero). */
    public boolean isZero() {
        return value.signum() == 0;
    }

    /**
     * The exact sum. The result keeps this quantity's format, unless this quantity is zero, in
     * which case it takes {@code other}'s — so summing requests into a zero accumulator keeps
     * {@code Mi} memory in binary units, as in Kubernetes.
     */
    public Quantity add(Quantity other) {
        return new Quantity(value.add(other.value), resultFormat(other));
    }

    /** The exact difference; the format follows the same rule as {@link #add}. */
    public Quantity subtract(Quantity other) {
        return new Quantity(value.subtract(other.value), resultFormat(other));
    }

    private Format resultFormat(Quantity other) {
        return isZero() ? other.format : format;
    }

    /** Compares the amounts only: {@code 1Gi > 1G}, and {@code 1Ki} compares equal to {@code 1024}. */
    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** The canonical form, exactly as Kubernetes prints it; this is the JSON and YAML form too. */
    @JsonValue
    @Override
    public String toString() {
        return canonical;
    }

    /** Equal when the canonical strings are equal; see the class comment. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    // ---- canonical printing -------------------------------------------------------------------

    private static String canonicalize(BigDecimal value, Format format) {
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            // Binary suffixes only make sense for whole numbers of at least 1Ki; anything else is
            // shown in decimal so that no precision is lost and no fraction is printed.
            boolean wholeNumber = value.scale() <= 0;
            if (wholeNumber && value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0) {
                return binaryForm(value.toBigIntegerExact());
            }
            format = Format.DECIMAL_SI;
        }
        return decimalForm(value, format);
    }

    private static String binaryForm(BigInteger n) {
        int power = 0;
        while (power < BINARY_SUFFIX_BY_POWER.length - 1) {
            BigInteger[] qr = n.divideAndRemainder(ONE_KI);
            if (qr[1].signum() != 0) {
                break;
            }
            n = qr[0];
            power++;
        }
        return n + BINARY_SUFFIX_BY_POWER[power];
    }

    private static String decimalForm(BigDecimal value, Format format) {
        // value has no trailing zeros, so unscaled * 10^exponent is the shortest mantissa.
        BigInteger mantissa = value.unscaledValue();
        int exponent = -value.scale();
        // Suffixes come in steps of 1000: lower the exponent to a multiple of three, growing the
        // mantissa instead. (Java's % truncates like Go's, so -1 % 3 == -1.)
        while (exponent % 3 != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        if (format == Format.DECIMAL_SI && exponent >= -9 && exponent <= 18) {
            return mantissa + DECIMAL_SUFFIX_BY_EXPONENT[(exponent + 9) / 3];
        }
        // DecimalExponent, or a DecimalSI value beyond the largest suffix (E = 10^18).
        return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }

    /**
     * Reads a quantity from the text of a JSON or YAML scalar, string or number alike. Parsing
     * the text rather than a {@code double} keeps every digit and the exponent form.
     */
    static final class Deserializer extends StdDeserializer<Quantity> {
        Deserializer() {
            super(Quantity.class);
        }

        @Override
        public Quantity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT
                    && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Quantity) ctxt.handleUnexpectedToken(Quantity.class, p);
            }
            String text = p.getText().strip();
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                // Keep Kubernetes' wording as the message; Jackson adds the location.
                throw InvalidFormatException.from(p, e.getMessage(), text, Quantity.class);
            }
        }
    }
}
