package io.tugboat.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity such as {@code 500m}, {@code 1Gi} or {@code 1e3}.
 *
 * <p>First cut: exact value and format are kept; canonical printing is refined in a later commit.
 */
public final class Quantity implements Comparable<Quantity> {

    /** How a quantity is written; kept from the parsed input as Kubernetes does. */
    public enum Format { DECIMAL_EXPONENT, BINARY_SI, DECIMAL_SI }

    private static final Pattern SYNTAX = Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");

    private final BigDecimal value;
    private final Format format;

    private Quantity(BigDecimal value, Format format) {
        this.value = value.stripTrailingZeros();
        this.format = format;
    }

    @JsonCreator
    public static Quantity parse(String s) {
        Objects.requireNonNull(s, "quantity");
        Matcher m = SYNTAX.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("quantities must match the regular expression '" + SYNTAX.pattern() + "'");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantities must match the regular expression '" + SYNTAX.pattern() + "'");
        }
        String suffix = m.group(2);
        return switch (suffix) {
            case "" -> new Quantity(number, Format.DECIMAL_SI);
            case "Ki" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 10)), Format.BINARY_SI);
            case "Mi" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 20)), Format.BINARY_SI);
            case "Gi" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 30)), Format.BINARY_SI);
            case "Ti" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 40)), Format.BINARY_SI);
            case "Pi" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 50)), Format.BINARY_SI);
            case "Ei" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 60)), Format.BINARY_SI);
            case "n" -> new Quantity(number.scaleByPowerOfTen(-9), Format.DECIMAL_SI);
            case "u" -> new Quantity(number.scaleByPowerOfTen(-6), Format.DECIMAL_SI);
            case "m" -> new Quantity(number.scaleByPowerOfTen(-3), Format.DECIMAL_SI);
            case "k" -> new Quantity(number.scaleByPowerOfTen(3), Format.DECIMAL_SI);
            case "M" -> new Quantity(number.scaleByPowerOfTen(6), Format.DECIMAL_SI);
            case "G" -> new Quantity(number.scaleByPowerOfTen(9), Format.DECIMAL_SI);
            case "T" -> new Quantity(number.scaleByPowerOfTen(12), Format.DECIMAL_SI);
            case "P" -> new Quantity(number.scaleByPowerOfTen(15), Format.DECIMAL_SI);
            case "E" -> new Quantity(number.scaleByPowerOfTen(18), Format.DECIMAL_SI);
            default -> {
                if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
                    int exp = Integer.parseInt(suffix.substring(1));
                    yield new Quantity(number.scaleByPowerOfTen(exp), Format.DECIMAL_EXPONENT);
                }
                throw new IllegalArgumentException("unable to parse quantity's suffix");
            }
        };
    }

    public static Quantity ofMillis(long millis) {
        return new Quantity(BigDecimal.valueOf(millis, 3), Format.DECIMAL_SI);
    }

    public static Quantity ofBytes(long bytes) {
        return new Quantity(BigDecimal.valueOf(bytes), Format.BINARY_SI);
    }

    public static Quantity ofDecimal(long value) {
        return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_SI);
    }

    public BigDecimal value() {
        return value;
    }

    public Format format() {
        return format;
    }

    public long milliValue() {
        return value.scaleByPowerOfTen(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public long longValue() {
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public Quantity add(Quantity other) {
        return new Quantity(value.add(other.value), format);
    }

    public Quantity subtract(Quantity other) {
        return new Quantity(value.subtract(other.value), format);
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && toString().equals(q.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
