package io.tugboat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "40s, 40000",
            "500ms, 500",
            "1m30s, 90000",
            "1.5h, 5400000",
            "2h45m, 9900000",
            "-2m, -120000",
            "+3s, 3000",
            ".5s, 500",
            "1s500ms, 1500",
            "1000us, 1",
            "1000µs, 1",
            "3000000ns, 3",
    })
    void parsesWhatGoParses(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1x", "1s ", " 1s", "1m-2s", "--1s", "1.s.5"})
    void rejectsWhatGoRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertEquals("time: invalid duration \"" + text + "\"", e.getMessage());
    }
}
