package io.tugboat.controllermanager.cronjob;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron schedule and its one question: when does it fire next? Pure, immutable and thread-safe.
 *
 * <p>The syntax is the one Kubernetes accepts ({@code robfig/cron}'s standard parser):
 * <pre>
 *   ┌───────────── minute        0-59
 *   │ ┌─────────── hour          0-23
 *   │ │ ┌───────── day of month  1-31
 *   │ │ │ ┌─────── month         1-12 or JAN-DEC
 *   │ │ │ │ ┌───── day of week   0-6  or SUN-SAT (0 is Sunday)
 *   * * * * *
 * </pre>
 * Each field is a comma-separated list of {@code *} (or {@code ?}), {@code n}, {@code a-b}, each optionally
 * followed by {@code /step} ({@code n/step} runs from n to the field's maximum). The macros {@code @yearly}
 * ({@code @annually}), {@code @monthly}, {@code @weekly}, {@code @daily} ({@code @midnight}) and {@code @hourly}
 * stand for {@code 0 0 1 1 *}, {@code 0 0 1 * *}, {@code 0 0 * * 0}, {@code 0 0 * * *} and {@code 0 * * * *}.
 *
 * <p>Day of month and day of week: if either is {@code *}, a day must match both; if both are restricted, a day
 * matching either one fires ({@code 0 0 13 * 5} is every 13th and every Friday), as in every cron since Vixie's.
 *
 * <p>Time zones and daylight saving time, as Kubernetes' robfig/cron computes them: the schedule is read in the
 * given zone's wall-clock time, and {@link #next} walks real time forward. So a wall-clock time that a spring
 * change skips does not fire that day ({@code 30 2 * * *} in New York has no run on the second Sunday of March),
 * and one that an autumn change repeats fires twice, once per offset.
 *
 * <p>{@code TZ=} and {@code CRON_TZ=} prefixes are refused: Kubernetes rejects them too and asks for the
 * CronJob's {@code timeZone} field instead.
 */
public final class CronSchedule {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Like robfig/cron: a schedule that matches nothing within five years never fires. */
    private static final int YEAR_LIMIT = 5;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronSchedule(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                         boolean domStar, boolean dowStar) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.domStar = domStar;
        this.dowStar = dowStar;
    }

    /**
     * Parses {@code schedule}.
     *
     * @throws IllegalArgumentException with a message fit for an Event, for anything but the syntax above
     */
    public static CronSchedule parse(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("empty schedule");
        }
        String trimmed = schedule.trim();
        if (trimmed.contains("TZ")) {
            throw new IllegalArgumentException("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        String expanded = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (expanded == null) {
            throw new IllegalArgumentException("unrecognized descriptor: " + trimmed);
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": " + trimmed);
        }
        return new CronSchedule(trimmed,
                field(fields[0], 0, 59, List.of(), 0), field(fields[1], 0, 23, List.of(), 0),
                field(fields[2], 1, 31, List.of(), 1), field(fields[3], 1, 12, MONTHS, 1),
                field(fields[4], 0, 6, DAYS, 0), isStar(fields[2]), isStar(fields[4]));
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
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int limit = t.getYear() + YEAR_LIMIT;
        while (t.getYear() <= limit) {
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
            } else if (!dayMatches(t)) {
                t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1); // real time: a skipped hour is skipped
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        return domStar || dowStar ? dom && dow : dom || dow;
    }

    private static boolean isStar(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet field(String field, int min, int max, List<String> names, int firstName) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), List.of(), 0, part);
                if (step <= 0) {
                    throw new IllegalArgumentException("step must be positive: " + part);
                }
            }
            int low;
            int high;
            if (range.equals("*") || range.equals("?")) {
                low = min;
                high = max;
            } else {
                int dash = range.indexOf('-');
                if (dash >= 0) {
                    low = number(range.substring(0, dash), names, firstName, part);
                    high = number(range.substring(dash + 1), names, firstName, part);
                } else {
                    low = number(range, names, firstName, part);
                    high = slash >= 0 ? max : low; // "n/step" runs to the end, as in robfig/cron
                }
            }
            if (low < min || high > max || low > high) {
                throw new IllegalArgumentException("value out of range [" + min + "-" + max + "]: " + part);
            }
            for (int v = low; v <= high; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, List<String> names, int firstName, String part) {
        int named = names.indexOf(s.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + firstName;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + s + ": " + part);
        }
    }
}
