package io.tugboat.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Scratch space of one scheduling cycle (one pod): what a plugin's PreFilter or PreScore computed, for its Filter
 * or Score to read, keyed by the plugin's own key. Thrown away when the cycle ends; used by one thread.
 */
public final class CycleState {
    private final Map<String, Object> data = new HashMap<>();
    private final Set<String> skipFilter = new HashSet<>();
    private final Set<String> skipScore = new HashSet<>();

    public void write(String key, Object value) {
        data.put(key, value);
    }

    /** What was written under {@code key}; the caller knows its type. */
    @SuppressWarnings("unchecked")
    public <T> T read(String key) {
        Object value = data.get(key);
        if (value == null) {
            throw new IllegalStateException("nothing written under " + key + " in this cycle (PreFilter/PreScore not run?)");
        }
        return (T) value;
    }

    void skipFilter(String plugin) {
        skipFilter.add(plugin);
    }

    boolean filterSkipped(String plugin) {
        return skipFilter.contains(plugin);
    }

    void skipScore(String plugin) {
        skipScore.add(plugin);
    }

    boolean scoreSkipped(String plugin) {
        return skipScore.contains(plugin);
    }
}
