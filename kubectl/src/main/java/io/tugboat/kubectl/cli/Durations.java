package io.tugboat.kubectl.cli;

import io.tugboat.api.GoDuration;
import java.time.Duration;

/** Go-style durations as kubectl's flags take them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, {@code 0}. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty() || text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid duration \"" + text + "\"");
        }
    }
}
