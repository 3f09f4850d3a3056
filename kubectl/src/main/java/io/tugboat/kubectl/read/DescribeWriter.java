package io.tugboat.kubectl.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.apiserver.rest.table.HumanDuration;
import io.tugboat.kubectl.printers.TabWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's describe layout: each line indented two spaces per level, {@code Title:\tvalue} cells aligned by a
 * {@link TabWriter} (padding 2) within each run of lines that have them, maps printed one entry a line under
 * their title, and {@code <none>} for anything empty.
 */
final class DescribeWriter {
    static final String NONE = "<none>";
    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneId.systemDefault());

    private final TabWriter writer = TabWriter.forDescribe();
    private final Instant now;

    DescribeWriter(Instant now) {
        this.now = now;
    }

    /** One line: {@code cells} joined by tabs, indented by {@code level}. */
    void line(int level, String... cells) {
        writer.line("  ".repeat(level) + String.join("\t", cells));
    }

    /** {@code Title:\tvalue}, with {@code <none>} for an empty value. */
    void field(int level, String title, String value) {
        line(level, title + ":", value == null || value.isEmpty() ? NONE : value);
    }

    /** A map, one {@code key=value} (or {@code key: value}) per line, sorted, the first beside the title. */
    void map(int level, String title, JsonNode map, String separator, String skip) {
        Map<String, String> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(skip)) {
                sorted.put(e.getKey(), e.getValue().asText());
            }
        });
        if (sorted.isEmpty()) {
            field(level, title, NONE);
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String value = e.getKey() + separator + e.getValue();
            if (first) {
                line(level, title + ":", value);
                first = false;
            } else {
                line(level, "", value);
            }
        }
    }

    void labels(int level, JsonNode metadata) {
        map(level, "Labels", metadata.path("labels"), "=", null);
    }

    void annotations(int level, JsonNode metadata) {
        map(level, "Annotations", metadata.path("annotations"), ": ", "kubectl.kubernetes.io/last-applied-configuration");
    }

    /** A timestamp as kubectl prints them ({@code Mon, 02 Jan 2006 15:04:05 -0700}). */
    static String time(JsonNode timestamp) {
        String text = timestamp.asText("");
        if (text.isEmpty()) {
            return NONE;
        }
        try {
            return RFC1123Z.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** How long ago, as {@code 5m}. */
    String age(JsonNode timestamp) {
        String text = timestamp.asText("");
        if (text.isEmpty()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.since(Instant.parse(text), now);
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** A table under a title: header, dashes as long as each header, rows. */
    void table(int level, List<String> header, List<List<String>> rows) {
        List<String> dashes = new ArrayList<>();
        header.forEach(h -> dashes.add("-".repeat(h.length())));
        table(level, header, dashes, rows);
    }

    /** A table with kubectl's own dash lengths (its Events table underlines "Age" with four). */
    void table(int level, List<String> header, List<String> dashes, List<List<String>> rows) {
        line(level, header.toArray(String[]::new));
        line(level, dashes.toArray(String[]::new));
        rows.forEach(r -> line(level, r.toArray(String[]::new)));
    }

    Instant now() {
        return now;
    }

    String text() {
        return writer.flush();
    }
}
