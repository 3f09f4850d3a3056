package io.tugboat.api.batch;

import io.tugboat.api.validation.GoFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CronJob's {@code spec.schedule}: its syntax (checked by validation, with the error texts of the parser
 * Kubernetes uses, {@code robfig/cron/v3}'s {@code ParseStandard}) and its one question, asked by the CronJob
 * controller: when does it fire next? One parser serves both, so what the API server accepts is exactly what the
 * controller can run. Pure, immutable and thread-safe.
 * <pre>
 *   ┌───────────── minute        0-59
 *   │ ┌─────────── hour          0-23
 *   │ │ ┌───────── day of month  1-31
 *   │ │ │ ┌─────── month         1-12 or JAN-DEC
 *   │ │ │ │ ┌───── day of week   0-6  or SUN-SAT (0 is Sunday)
 *   * * * * *
 * </pre>
 * Each field is a comma-separated list of {@code *} (or {@code ?}), {@code n}, {@code a-b}, each optionally
 * followed by {@code /step} ({@code n/step} runs from n to the field's maximum). The descriptors {@code @yearly}
 * ({@code @annually}), {@code @monthly}, {@code @weekly}, {@code @daily} ({@code @midnight}) and {@code @hourly}
 * stand for {@code 0 0 1 1 *}, {@code 0 0 1 * *}, {@code 0 0 * * 0}, {@code 0 0 * * *} and {@code 0 * * * *};
 * {@code @every 1h30m} fires at a fixed interval (whole seconds, at least one) from the time it is asked.
 *
 * <p>Day of month and day of week: if either is {@code *}, a day must match both; if both are restricted, a day
 * matching either one fires ({@code 0 0 13 * 5} is every 13th and every Friday), as in every cron since Vixie's.
 *
 * <p>Time zones and daylight saving time, as Kubernetes' robfig/cron computes them: the schedule is read in the
 * given zone's wall-clock time, and {@link #next} walks real time forward. So a wall-clock time that a spring
 * change skips does not fire that day ({@code 30 2 * * *} in New York has no run on the second Sunday of March),
 * and one that an autumn change repeats fires twice, once per offset.
 *
 * <p>{@code TZ=} and {@code CRON_TZ=} prefixes: the syntax check accepts them as robfig does (validation then
 * refuses them in new objects and asks for the CronJob's {@code timeZone} field); {@link #parse} refuses them.
 */
public final class CronSchedule {
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
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String EVERY = "@every ";
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([^0-9.]*)");
    private static final List<String> DURATION_UNITS = List.of("ns", "us", "µs", "μs", "ms", "s", "m", "h");
    /** Like robfig/cron: a schedule that matches nothing within five years never fires. */
    private static final int YEAR_LIMIT = 5;

    private final String text;
    /** minute, hour, day of month, month, day of week; null for an {@code @every} schedule. */
    private final BitSet[] fields;
    private final boolean domStar;
    private final boolean dowStar;
    /** The interval of an {@code @every} schedule, else null. */
    private final Duration every;

    private CronSchedule(String text, BitSet[] fields, boolean domStar, boolean dowStar, Duration every) {
        this.text = text;
        this.fields = fields;
        this.domStar = domStar;
        this.dowStar = dowStar;
        this.every = every;
    }

    /** What compiling a schedule gave: a schedule, or robfig's error text. */
    private record Compiled(CronSchedule schedule, String error) {
    }

    /** The parser's error for this schedule, or empty when it parses (a {@code TZ=} prefix with a known zone is fine). */
    public static Optional<String> error(String schedule) {
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
        return Optional.ofNullable(compile(spec).error());
    }

    /**
     * Parses {@code schedule} for running it.
     *
     * @throws IllegalArgumentException with a message fit for an Event, for anything {@link #error} refuses and
     *                                  for a {@code TZ=} / {@code CRON_TZ=} prefix
     */
    public static CronSchedule parse(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("empty spec string");
        }
        if (schedule.contains("TZ")) {
            throw new IllegalArgumentException("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        Compiled compiled = compile(schedule.strip());
        if (compiled.error() != null) {
            throw new IllegalArgumentException(compiled.error());
        }
        return compiled.schedule();
    }

    /** Whether Go's {@code time.LoadLocation} would know {@code zone} (apart from {@code Local}). */
    public static boolean isKnownZone(String zone) {
        return ZoneId.getAvailableZoneIds().contains(zone) || zone.equals("UTC");
    }

    /** The schedule as written. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * The first time strictly after {@code after} at which the schedule fires, read in {@code zone}; empty if it
     * never fires (a 30th of February) within five years.
     */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        if (every != null) {
            // robfig's ConstantDelaySchedule: the interval from the whole second at or before "after".
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every));
        }
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int limit = t.getYear() + YEAR_LIMIT;
        while (t.getYear() <= limit) {
            if (!fields[3].get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
            } else if (!dayMatches(t)) {
                t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
            } else if (!fields[1].get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1); // real time: a skipped hour is skipped
            } else if (!fields[0].get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = fields[2].get(t.getDayOfMonth());
        boolean dow = fields[4].get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        return domStar || dowStar ? dom && dow : dom || dow;
    }

    // ------------------------------------------------------------------ the parser

    /** A schedule without a time zone prefix. */
    private static Compiled compile(String spec) {
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String trimmed = spec.strip();
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (parts.length != FIELDS.size()) {
            return new Compiled(null, "expected exactly " + FIELDS.size() + " fields, found " + parts.length + ": ["
                    + String.join(" ", parts) + "]");
        }
        BitSet[] bits = new BitSet[FIELDS.size()];
        for (int i = 0; i < parts.length; i++) {
            bits[i] = new BitSet(FIELDS.get(i).max() + 1);
            for (String range : parts[i].split(",")) {
                if (range.isEmpty()) {
                    continue; // robfig splits with FieldsFunc, which drops empty parts
                }
                String err = range(range, FIELDS.get(i), bits[i]);
                if (err != null) {
                    return new Compiled(null, err);
                }
            }
        }
        return new Compiled(new CronSchedule(spec, bits, isStar(parts[2]), isStar(parts[4]), null), null);
    }

    private static boolean isStar(String field) {
        return field.equals("*") || field.equals("?");
    }

    /** Sets the values {@code expr} (one comma-separated part of a field) names; returns robfig's error, or null. */
    private static String range(String expr, Bounds bounds, BitSet into) {
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
                return e.message();
            }
            start = s.value();
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                Parsed e = number(lowAndHigh[1], bounds.names());
                if (e instanceof Failure err) {
                    return err.message();
                }
                end = e.value();
            } else {
                return "too many hyphens: " + expr;
            }
        }
        int step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            Parsed s = number(rangeAndStep[1], Map.of());
            if (s instanceof Failure e) {
                return e.message();
            }
            step = s.value();
            if (lowAndHigh.length == 1) {
                end = bounds.max(); // "N/step" means "N-max/step"
            }
        } else {
            return "too many slashes: " + expr;
        }
        if (start < bounds.min()) {
            return "beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expr;
        }
        if (end > bounds.max()) {
            return "end of range (" + end + ") above maximum (" + bounds.max() + "): " + expr;
        }
        if (start > end) {
            return "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr;
        }
        if (step == 0) {
            return "step of range should be a positive number: " + expr;
        }
        for (int v = start; v <= end; v += step) {
            into.set(v);
        }
        return null;
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
        Integer named = names.get(expr.toLowerCase(Locale.ROOT));
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

    private static Compiled descriptor(String spec) {
        String expanded = DESCRIPTORS.get(spec);
        if (expanded != null) {
            Compiled fields = compile(expanded);
            return new Compiled(new CronSchedule(spec, fields.schedule().fields, fields.schedule().domStar,
                    fields.schedule().dowStar, null), null);
        }
        if (spec.startsWith(EVERY)) {
            String text = spec.substring(EVERY.length());
            Optional<String> err = durationError(text);
            if (err.isPresent()) {
                return new Compiled(null, "failed to parse duration " + spec + ": " + err.get());
            }
            // robfig: the interval in whole seconds, and never less than one.
            Duration interval = io.tugboat.api.GoDuration.parse(text).truncatedTo(ChronoUnit.SECONDS);
            return new Compiled(new CronSchedule(spec, null, false, false,
                    interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval), null);
        }
        return new Compiled(null, "unrecognized descriptor: " + spec);
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
