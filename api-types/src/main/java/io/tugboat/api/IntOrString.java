package io.tugboat.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Objects;

/**
 * A field that holds either an integer or a string, as Kubernetes' {@code intstr.IntOrString}.
 *
 * <p>Kubernetes uses it where a number may also be given by name or as a percentage:
 * a Deployment's {@code maxSurge: 1} or {@code maxSurge: 25%}, a Service's
 * {@code targetPort: 8080} or {@code targetPort: http}. On the wire it is a bare JSON number or a
 * JSON string, and it stays whichever it was: {@code "1"} (a string) is not the same as {@code 1}.
 * The annotations on this class make every Jackson {@code ObjectMapper} read and write it that
 * way — YAML included, where {@code 25%} is a string and {@code 1} a number — with no module to
 * register.
 *
 * <p>Instances are immutable. Two values are equal when they hold the same kind and the same
 * content.
 */
@JsonSerialize(using = IntOrString.Serializer.class)
@JsonDeserialize(using = IntOrString.Deserializer.class)
public final class IntOrString {

    /** Meaningful only when {@link #strVal} is null. */
    private final int intVal;
    /** Null exactly when this holds an int. */
    private final String strVal;

    private IntOrString(int intVal, String strVal) {
        this.intVal = intVal;
        this.strVal = strVal;
    }

    /** An integer value, written as a JSON number. */
    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    /** A string value, written as a JSON string, even when it looks like a number. */
    public static IntOrString of(String value) {
        return new IntOrString(0, Objects.requireNonNull(value, "value"));
    }

    /** Whether this holds an integer rather than a string. */
    public boolean isInt() {
        return strVal == null;
    }

    /**
     * The integer. For a string that spells a whole number the number it spells, and 0 for any
     * other string — the lenient reading Kubernetes' {@code IntValue()} gives.
     */
    public int intValue() {
        if (isInt()) {
            return intVal;
        }
        try {
            return Integer.parseInt(strVal);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The string, or for an integer its decimal form (Kubernetes' {@code String()}). */
    public String strValue() {
        return isInt() ? Integer.toString(intVal) : strVal;
    }

    /**
     * Resolves this value against a total, as Kubernetes' {@code GetScaledValueFromIntOrPercent}:
     * an integer is returned as is; a percentage such as {@code "25%"} becomes that share of
     * {@code total}, rounded up or down. For example, with 10 replicas {@code maxSurge: 25%} is 3
     * (rounded up) while {@code maxUnavailable: 25%} is 2 (rounded down), which is exactly how a
     * rolling update keeps availability.
     *
     * @param total the number the percentage is taken of
     * @param roundUp whether a fractional result rounds up (ceiling) or down (floor)
     * @throws IllegalArgumentException if this is a string that is not an integer followed by
     *     {@code %}
     */
    public int scaledValue(int total, boolean roundUp) {
        if (isInt()) {
            return intVal;
        }
        if (!strVal.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(strVal.substring(0, strVal.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid value for IntOrString: invalid value \"" + strVal + "\": not an integer percentage", e);
        }
        // Integer arithmetic is exact where Kubernetes goes through float64; the results agree
        // for every int-sized input.
        long share = (long) percent * total;
        long scaled = roundUp ? -Math.floorDiv(-share, 100) : Math.floorDiv(share, 100);
        return Math.toIntExact(scaled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntOrString other && intVal == other.intVal && Objects.equals(strVal, other.strVal);
    }

    @Override
    public int hashCode() {
        return isInt() ? Integer.hashCode(intVal) : strVal.hashCode();
    }

    /** The integer's digits or the string itself, e.g. {@code 1} or {@code 25%}. */
    @Override
    public String toString() {
        return strValue();
    }

    /** Writes a JSON number for an int and a JSON string otherwise. */
    static final class Serializer extends StdSerializer<IntOrString> {
        Serializer() {
            super(IntOrString.class);
        }

        @Override
        public void serialize(IntOrString value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isInt()) {
                gen.writeNumber(value.intVal);
            } else {
                gen.writeString(value.strVal);
            }
        }
    }

    /**
     * Reads a JSON integer or string. Anything else — a fraction, a boolean, an object — is
     * rejected, as Kubernetes rejects it.
     */
    static final class Deserializer extends StdDeserializer<IntOrString> {
        Deserializer() {
            super(IntOrString.class);
        }

        @Override
        public IntOrString deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return IntOrString.of(p.getText());
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                // getIntValue() fails for numbers outside the int range, like Kubernetes' int32.
                return IntOrString.of(p.getIntValue());
            }
            return (IntOrString) ctxt.handleUnexpectedToken(IntOrString.class, p);
        }
    }
}
