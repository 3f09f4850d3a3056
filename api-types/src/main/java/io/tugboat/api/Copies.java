package io.tugboat.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the collections inside API records. Unlike {@link List#copyOf} they keep {@code null}
 * (an absent field stays absent) and tolerate null elements, which JSON allows, so decoding never fails on
 * them; the copies are unmodifiable, which is what keeps the records immutable.
 */
public final class Copies {
    private Copies() {
    }

    public static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
