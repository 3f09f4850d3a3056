package io.tugboat.kubectl.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as kubectl's flags take them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, {@code 0}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty() || text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double value = Double.parseDouble(m.group(1));
            long millis = (long) (value * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
            });
            total = total.plusMillis(millis);
            end = m.end();
        }
        if (end != text.length()) {
            throw new CliException("invalid duration \"" + text + "\"");
        }
        return total;
    }
}
