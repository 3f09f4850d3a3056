package io.tugboat.controllermanager.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The failure backoff table and the completed-indexes notation. */
class JobBackoffTest {
    @ParameterizedTest(name = "{0} failures -> {1} s")
    @CsvSource({"0, 0", "1, 10", "2, 20", "3, 40", "4, 80", "5, 160", "6, 320", "7, 360", "8, 360", "100, 360"})
    void delayDoublesFromTenSecondsUpToSixMinutes(int failures, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), JobBackoff.delay(failures));
    }

    @Test
    void aSuccessResetsTheStreak() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        JobBackoff b = JobBackoff.NONE.after(0, 2, t0);
        assertEquals(Duration.ofSeconds(20), b.remaining(t0));
        assertEquals(Duration.ofSeconds(5), b.remaining(t0.plusSeconds(15)));
        assertEquals(Duration.ZERO, b.after(1, 0, t0).remaining(t0));
        assertEquals(Duration.ofSeconds(10), b.after(1, 1, t0).remaining(t0));
        assertEquals(b, b.after(0, 0, t0.plusSeconds(99)), "no news changes nothing");
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0,1,2,4,7,8 | 0-2,4,7-8
            3           | 3
            1,2         | 1-2
            """)
    void completedIndexesAreIntervals(String list, String text) {
        SortedSet<Integer> set = new TreeSet<>();
        for (String s : list.split(",")) {
            set.add(Integer.parseInt(s));
        }
        assertEquals(text, CompletedIndexes.format(set));
        assertEquals(set, CompletedIndexes.parse(text, 100));
    }

    @Test
    void indexesBeyondCompletionsAndGarbageAreIgnored() {
        assertEquals(new TreeSet<>(java.util.List.of(1, 2)), CompletedIndexes.parse("1-4,x,9", 3));
        assertEquals(null, CompletedIndexes.format(new TreeSet<>()));
    }
}
