package io.tugboat.api.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Next-run computation: month ends, leap years, day-of-week rules, macros and daylight saving time changes. */
class CronScheduleTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} after {2} in {1} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *        | UTC              | 2024-01-01T00:00:00Z      | 2024-01-01T00:01:00Z
            * * * * *        | UTC              | 2024-01-01T00:00:30Z      | 2024-01-01T00:01:00Z
            */15 * * * *     | UTC              | 2024-01-01T00:15:00Z      | 2024-01-01T00:30:00Z
            5/20 * * * *     | UTC              | 2024-01-01T00:26:00Z      | 2024-01-01T00:45:00Z
            0 9-17/4 * * *   | UTC              | 2024-01-01T09:00:00Z      | 2024-01-01T13:00:00Z
            0 0 31 * *       | UTC              | 2024-04-01T00:00:00Z      | 2024-05-31T00:00:00Z
            0 0 29 2 *       | UTC              | 2024-03-01T00:00:00Z      | 2028-02-29T00:00:00Z
            0 0 L 2 *        | UTC              | 2024-03-01T00:00:00Z      | error
            0 0 1 * *        | UTC              | 2024-12-15T00:00:00Z      | 2025-01-01T00:00:00Z
            @monthly         | UTC              | 2024-01-31T23:59:00Z      | 2024-02-01T00:00:00Z
            @yearly          | UTC              | 2024-06-01T00:00:00Z      | 2025-01-01T00:00:00Z
            @weekly          | UTC              | 2024-01-01T00:00:00Z      | 2024-01-07T00:00:00Z
            @daily           | UTC              | 2024-01-01T00:00:00Z      | 2024-01-02T00:00:00Z
            @hourly          | UTC              | 2024-01-01T00:59:59Z      | 2024-01-01T01:00:00Z
            0 12 * * MON-FRI | UTC              | 2024-01-05T12:00:00Z      | 2024-01-08T12:00:00Z
            0 0 * JAN,jul SUN| UTC              | 2024-02-01T00:00:00Z      | 2024-07-07T00:00:00Z
            0 0 13 * 5       | UTC              | 2024-09-01T00:00:00Z      | 2024-09-06T00:00:00Z
            0 0 13 * 5       | UTC              | 2024-09-06T00:00:00Z      | 2024-09-13T00:00:00Z
            0 0 13 * 5       | UTC              | 2024-09-13T00:00:00Z      | 2024-09-20T00:00:00Z
            0 0 30 2 *       | UTC              | 2024-01-01T00:00:00Z      | never
            30 2 * * *       | America/New_York | 2024-03-09T08:00:00Z      | 2024-03-11T06:30:00Z
            0 * * * *        | America/New_York | 2024-03-10T06:30:00Z      | 2024-03-10T07:00:00Z
            30 1 * * *       | America/New_York | 2024-11-03T04:00:00Z      | 2024-11-03T05:30:00Z
            30 1 * * *       | America/New_York | 2024-11-03T05:30:00Z      | 2024-11-03T06:30:00Z
            30 1 * * *       | America/New_York | 2024-11-03T06:30:00Z      | 2024-11-04T06:30:00Z
            0 0 * * *        | Europe/Berlin    | 2024-03-30T22:00:00Z      | 2024-03-30T23:00:00Z
            0 0 * * *        | Europe/Berlin    | 2024-03-30T23:00:00Z      | 2024-03-31T22:00:00Z
            0 3 31 * *       | Europe/Berlin    | 2024-03-30T00:00:00Z      | 2024-03-31T01:00:00Z
            """)
    void nextRun(String schedule, String zone, String after, String expected) {
        if (expected.equals("error")) {
            assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(schedule));
            return;
        }
        var next = CronSchedule.parse(schedule).next(Instant.parse(after), ZoneId.of(zone));
        assertEquals(expected.equals("never") ? "never" : expected, next.map(Instant::toString).orElse("never"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
            "* * * * 7", "*/0 * * * *", "5-1 * * * *", "CRON_TZ=UTC * * * * *", "TZ=Europe/Berlin 0 0 * * *",
            "@reboot", "a * * * *"})
    void refusesWhatKubernetesRefuses(String schedule) {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(schedule));
    }

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            @every 1h30m | 2024-01-01T00:00:00.700Z | 2024-01-01T01:30:00Z
            @every 90s   | 2024-01-01T00:00:10Z     | 2024-01-01T00:01:40Z
            @every 1.5s  | 2024-01-01T00:00:00Z     | 2024-01-01T00:00:01Z
            @every 10ms  | 2024-01-01T00:00:00Z     | 2024-01-01T00:00:01Z
            """)
    void everyRunsAtAFixedIntervalOfWholeSeconds(String schedule, String after, String expected) {
        Instant next = CronSchedule.parse(schedule).next(Instant.parse(after), ZoneOffset.UTC).orElseThrow();
        assertEquals(Instant.parse(expected), next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "*/5 1-3 ? JAN-mar mon,FRI", "@hourly", "@every 1h", "0 0 31 2 *",
            "", "* * * *", "60 * * * *", "*/0 * * * *", "@reboot", "@every 5", "@every 1d", "1-2-3 * * * *", "a * * * *"})
    void validationAndTheControllerAgree(String schedule) {
        var error = CronSchedule.error(schedule);
        if (error.isEmpty()) {
            CronSchedule.parse(schedule);
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(schedule));
            assertEquals(error.get(), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void everyMinuteFiresSixtyTimesAnHour() {
        CronSchedule every = CronSchedule.parse("* * * * *");
        List<Instant> runs = new ArrayList<>();
        Instant t = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
        while (runs.size() < 60) {
            t = every.next(t, ZoneOffset.UTC).orElseThrow();
            runs.add(t);
        }
        assertEquals(Instant.parse("2024-01-01T01:00:00Z"), runs.get(59));
        assertTrue(runs.stream().allMatch(r -> r.getEpochSecond() % 60 == 0));
    }

    @org.junit.jupiter.api.Test
    void theRepeatedAutumnHourFiresTwiceForAnHourlySchedule() {
        CronSchedule hourly = CronSchedule.parse("@hourly");
        Instant t = Instant.parse("2024-10-27T00:00:00Z"); // 02:00 CEST in Berlin; 03:00 CEST becomes 02:00 CET
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            t = hourly.next(t, BERLIN).orElseThrow();
            runs.add(t.atZone(BERLIN).toOffsetDateTime().toString());
        }
        assertEquals(List.of("2024-10-27T02:00+01:00", "2024-10-27T03:00+01:00", "2024-10-27T04:00+01:00"), runs);
    }
}
