package io.tugboat.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Either an integer or a string, as Kubernetes' {@code intstr.IntOrString}.
 *
 * <p>First cut; the Jackson (de)serializers and percent scaling are refined in a later commit.
 */
public final class IntOrString {

    private final Integer intVal;
    private final String strVal;

    private IntOrString(Integer intVal, String strVal) {
        this.intVal = intVal;
        this.strVal = strVal;
    }

    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String value) {
        return new IntOrString(null, Objects.requireNonNull(value, "value"));
    }

    @JsonCreator
    static IntOrString fromJson(Object value) {
        if (value instanceof Integer i) {
            return of(i);
        }
        if (value instanceof String s) {
            return of(s);
        }
        throw new IllegalArgumentException("IntOrString must be an int or a string, got " + value);
    }

    @JsonValue
    Object jsonValue() {
        return isInt() ? intVal : strVal;
    }

    public boolean isInt() {
        return intVal != null;
    }

    public int intValue() {
        return isInt() ? intVal : 0;
    }

    public String strValue() {
        return isInt() ? String.valueOf(intVal) : strVal;
    }

    public int scaledValue(int total, boolean roundUp) {
        if (isInt()) {
            return intVal;
        }
        if (!strVal.endsWith("%")) {
            throw new IllegalArgumentException("invalid type: string is not a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(strVal.substring(0, strVal.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid value \"" + strVal + "\"", e);
        }
        long product = (long) percent * total;
        return (int) (roundUp ? -Math.floorDiv(-product, 100) : Math.floorDiv(product, 100));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntOrString other && Objects.equals(intVal, other.intVal) && Objects.equals(strVal, other.strVal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intVal, strVal);
    }

    @Override
    public String toString() {
        return strValue();
    }
}
