package io.tugboat.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Go writes them ({@code time.ParseDuration}), which is how every Kubernetes component
 * and kubectl take them on the command line: a sequence of decimal numbers, each with a unit, as in
 * {@code 40s}, {@code 500ms}, {@code 1m30s}, {@code 1.5h}, {@code -2m}; units {@code ns}, {@code us} (or
 * {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}. {@code 0} alone needs no unit.
 *
 * <p>Every Tugboat command-line flag that takes a duration parses it here, so {@code --node-monitor-grace-period=40s}
 * means the same thing to each component.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with Go's message ({@code time: invalid duration "x"}) when it is not one
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time: invalid duration \"\"");
        }
        String rest = text;
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < rest.length() && m.find(end) && m.start() == end) {
            BigDecimal unit = switch (m.group(2)) {
                case "ns" -> BigDecimal.ONE;
                case "us", "µs" -> BigDecimal.valueOf(1_000L);
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                case "m" -> BigDecimal.valueOf(60_000_000_000L);
                default -> BigDecimal.valueOf(3_600_000_000_000L);
            };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
            end = m.end();
        }
        if (rest.isEmpty() || end != rest.length()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }
}
