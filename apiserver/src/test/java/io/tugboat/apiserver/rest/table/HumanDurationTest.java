package io.tugboat.apiserver.rest.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HumanDurationTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(-2), "<invalid>"),
                Arguments.of(Duration.ofMillis(-1500), "0s"),
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofMillis(999), "0s"),
                Arguments.of(Duration.ofSeconds(5), "5s"),
                Arguments.of(Duration.ofSeconds(119), "119s"),
                Arguments.of(Duration.ofSeconds(120), "2m"),
                Arguments.of(Duration.ofSeconds(200), "3m20s"),
                Arguments.of(Duration.ofMinutes(9).plusSeconds(59), "9m59s"),
                Arguments.of(Duration.ofMinutes(10), "10m"),
                Arguments.of(Duration.ofMinutes(179), "179m"),
                Arguments.of(Duration.ofHours(3), "3h"),
                Arguments.of(Duration.ofHours(7).plusMinutes(59), "7h59m"),
                Arguments.of(Duration.ofHours(8), "8h"),
                Arguments.of(Duration.ofHours(47).plusMinutes(59), "47h"),
                Arguments.of(Duration.ofHours(48), "2d"),
                Arguments.of(Duration.ofHours(51), "2d3h"),
                Arguments.of(Duration.ofDays(8), "8d"),
                Arguments.of(Duration.ofDays(729), "729d"),
                Arguments.of(Duration.ofDays(730), "2y"),
                Arguments.of(Duration.ofDays(3 * 365 + 12), "3y12d"),
                Arguments.of(Duration.ofDays(8 * 365), "8y"),
                Arguments.of(Duration.ofDays(20 * 365), "20y"));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @MethodSource("durations")
    void formatsDurationsLikeKubernetes(Duration duration, String expected) {
        assertEquals(expected, HumanDuration.format(duration));
    }

    @Test
    void aMissingTimestampIsUnknown() {
        assertEquals("<unknown>", HumanDuration.since(null, Instant.EPOCH));
    }

    @Test
    void sinceMeasuresFromThenToNow() {
        assertEquals("5m", HumanDuration.since(Instant.parse("2024-05-01T11:55:00Z"), Fixtures.NOW));
    }
}
