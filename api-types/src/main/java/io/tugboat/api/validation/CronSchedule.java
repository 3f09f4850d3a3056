package io.tugboat.api.validation;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A syntax check of CronJob schedules with the error texts of the parser Kubernetes uses
 * ({@code github.com/robfig/cron/v3}, {@code ParseStandard}): five fields (minute, hour, day of month, month,
 * day of week), each a comma-separated list of {@code *}, {@code ?}, numbers, names, ranges {@code a-b} and steps
 * {@code /n}; or a descriptor like {@code @daily} or {@code @every 1h30m}.
 *
 * <p>Only syntax and bounds are checked; computing the next run is the CronJob controller's business.
 */
final class CronSchedule {

    private CronSchedule() {
    }

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    private static final List<Bounds> FIELDS = List.of(
            new Bounds(0, 59, Map.of()),
            new Bounds(0, 23, Map.of()),
            new Bounds(1, 31, Map.of()),
            new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3),
                    Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
                    Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
                    Map.entry("dec", 12))),
            new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6)));
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([^0-9.]*)");
    private static final List<String> DURATION_UNITS = List.of("ns", "us", "µs", "μs", "ms", "s", "m", "h");

    /** The parser's error for this schedule, or empty when it parses. */
    static Optional<String> error(String schedule) {
        String spec = schedule;
        if (spec.isEmpty()) {
            return Optional.of("empty spec string");
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            if (space < 0) {
                return Optional.of("invalid timezone specification: " + spec);
            }
            String zone = spec.substring(spec.indexOf('=') + 1, space);
            if (!isKnownZone(zone)) {
                return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
            }
            spec = spec.substring(space).strip();
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String trimmed = spec.strip();
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (fields.length != FIELDS.size()) {
            return Optional.of("expected exactly " + FIELDS.size() + " fields, found " + fields.length + ": ["
                    + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < fields.length; i++) {
            for (String range : fields[i].split(",")) {
                if (range.isEmpty()) {
                    continue;
                }
                Optional<String> err = range(range, FIELDS.get(i));
                if (err.isPresent()) {
                    return err;
                }
            }
        }
        return Optional.empty();
    }

    static boolean isKnownZone(String zone) {
        return ZoneId.getAvailableZoneIds().contains(zone) || zone.equals("UTC");
    }

    private static Optional<String> range(String expr, Bounds bounds) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        int start;
        int end;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = bounds.min();
            end = bounds.max();
        } else {
            Parsed s = number(lowAndHigh[0], bounds.names());
            if (s instanceof Failure e) {
                return Optional.of(e.message());
            }
            start = s.value();
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                Parsed e = number(lowAndHigh[1], bounds.names());
                if (e instanceof Failure err) {
                    return Optional.of(err.message());
                }
                end = e.value();
            } else {
                return Optional.of("too many hyphens: " + expr);
            }
        }
        int step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            Parsed s = number(rangeAndStep[1], Map.of());
            if (s instanceof Failure e) {
                return Optional.of(e.message());
            }
            step = s.value();
            if (lowAndHigh.length == 1) {
                end = bounds.max(); // "N/step" means "N-max/step"
            }
        } else {
            return Optional.of("too many slashes: " + expr);
        }
        if (start < bounds.min()) {
            return Optional.of("beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expr);
        }
        if (end > bounds.max()) {
            return Optional.of("end of range (" + end + ") above maximum (" + bounds.max() + "): " + expr);
        }
        if (start > end) {
            return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            return Optional.of("step of range should be a positive number: " + expr);
        }
        return Optional.empty();
    }

    private sealed interface Parsed permits Ok, Failure {
        default int value() {
            return ((Ok) this).v();
        }
    }

    private record Ok(int v) implements Parsed {
    }

    private record Failure(String message) implements Parsed {
    }

    /** A month or weekday name, or a non-negative integer, with Go's {@code strconv.Atoi} error texts. */
    private static Parsed number(String expr, Map<String, Integer> names) {
        Integer named = names.get(expr.toLowerCase(java.util.Locale.ROOT));
        if (named != null) {
            return new Ok(named);
        }
        if (!expr.matches("[+-]?[0-9]+")) {
            return new Failure("failed to parse int from " + expr + ": strconv.Atoi: parsing " + GoFormat.quote(expr)
                    + ": invalid syntax");
        }
        long n;
        try {
            n = Long.parseLong(expr.startsWith("+") ? expr.substring(1) : expr);
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            return new Failure("failed to parse int from " + expr + ": strconv.Atoi: parsing " + GoFormat.quote(expr)
                    + ": value out of range");
        }
        if (n < 0) {
            return new Failure("negative number (" + n + ") not allowed: " + expr);
        }
        return new Ok((int) n);
    }

    private static Optional<String> descriptor(String spec) {
        if (DESCRIPTORS.contains(spec)) {
            return Optional.empty();
        }
        String every = "@every ";
        if (spec.startsWith(every)) {
            return durationError(spec.substring(every.length()))
                    .map(err -> "failed to parse duration " + spec + ": " + err);
        }
        return Optional.of("unrecognized descriptor: " + spec);
    }

    /** Go's {@code time.ParseDuration} errors, for {@code @every}: {@code 90s}, {@code 1h30m}, {@code 1.5h}. */
    private static Optional<String> durationError(String text) {
        String quoted = GoFormat.quote(text);
        String s = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (s.equals("0")) {
            return Optional.empty();
        }
        if (s.isEmpty()) {
            return Optional.of("time: invalid duration " + quoted);
        }
        int pos = 0;
        while (pos < s.length()) {
            Matcher m = DURATION_PART.matcher(s);
            m.region(pos, s.length());
            if (!m.lookingAt() || m.group(1).isEmpty() || m.group(1).equals(".")) {
                return Optional.of("time: invalid duration " + quoted);
            }
            String unit = m.group(2);
            if (unit.isEmpty()) {
                return Optional.of("time: missing unit in duration " + quoted);
            }
            if (!DURATION_UNITS.contains(unit)) {
                return Optional.of("time: unknown unit " + GoFormat.quote(unit) + " in duration " + quoted);
            }
            pos = m.end();
        }
        return Optional.empty();
    }
}
