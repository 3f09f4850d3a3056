package io.tugboat.apiserver.rest.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Durations as {@code kubectl get} prints them in AGE columns: two or three significant figures, coarser as the
 * duration grows. The breakpoints are those of Kubernetes' {@code apimachinery/pkg/util/duration.HumanDuration}:
 *
 * <pre>
 *   under 2 minutes     seconds              5s, 119s
 *   under 10 minutes    minutes and seconds  3m20s, 5m
 *   under 3 hours       minutes              10m, 179m
 *   under 8 hours       hours and minutes    3h, 7h59m
 *   under 2 days        hours                8h, 47h
 *   under 8 days        days and hours       2d, 2d3h
 *   under 2 years       days                 8d, 729d
 *   under 8 years       years and days       2y, 3y12d
 *   beyond              years                8y
 * </pre>
 *
 * A duration up to a second in the future (clock skew between machines) prints as {@code 0s}; further in the
 * future it is {@code <invalid>}. A missing timestamp prints as {@code <unknown>}.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    /** The time from {@code then} to {@code now}, or {@code <unknown>} when {@code then} is null. */
    public static String since(Instant then, Instant now) {
        return then == null ? "<unknown>" : format(Duration.between(then, now));
    }

    /** Formats a duration; see the class documentation for the breakpoints. */
    public static String format(Duration d) {
        long seconds = d.toMillis() / 1000; // truncates toward zero, as Go's int(d.Seconds()) does
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
