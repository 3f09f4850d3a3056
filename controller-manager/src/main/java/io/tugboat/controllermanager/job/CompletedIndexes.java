package io.tugboat.controllermanager.job;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code status.completedIndexes} of an Indexed Job: the succeeded indexes as sorted, comma-separated intervals,
 * e.g. {@code {0, 1, 2, 4, 7, 8}} is {@code "0-2,4,7-8"} (Kubernetes' {@code orderedIntervals}).
 */
final class CompletedIndexes {
    private CompletedIndexes() {
    }

    /** The indexes in {@code text} below {@code completions}; malformed parts are ignored, as Kubernetes does. */
    static SortedSet<Integer> parse(String text, int completions) {
        SortedSet<Integer> indexes = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return indexes;
        }
        for (String part : text.split(",")) {
            try {
                int dash = part.indexOf('-');
                int low = Integer.parseInt(dash < 0 ? part.trim() : part.substring(0, dash).trim());
                int high = dash < 0 ? low : Integer.parseInt(part.substring(dash + 1).trim());
                for (int i = low; i <= high && i < completions; i++) {
                    indexes.add(i);
                }
            } catch (NumberFormatException e) {
                // skip: a hand-edited status must not stop the controller
            }
        }
        return indexes;
    }

    /** The intervals of {@code indexes}, or {@code null} for none (the field is then absent). */
    static String format(SortedSet<Integer> indexes) {
        if (indexes.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            if (start != null) {
                parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
            }
            start = i;
            prev = i;
        }
        parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
        return String.join(",", parts);
    }
}
