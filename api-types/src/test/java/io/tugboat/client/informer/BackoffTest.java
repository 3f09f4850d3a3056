package io.tugboat.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    /**
     * Each step is {@code +<seconds>} (time passes) or {@code next} (a failure asks how long to wait; the
     * answer is recorded in milliseconds). No jitter, 800ms doubling to 30s, reset after 2 minutes of quiet.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            next next next                            | 800 1600 3200
            next next next next next next next next   | 800 1600 3200 6400 12800 25600 30000 30000
            next next +119 next                       | 800 1600 3200
            next next +121 next                       | 800 1600 800
            next +60 next +60 next +60 next           | 800 1600 3200 6400
            """)
    void doublesUpToTheCapAndStartsOverAfterAQuietPeriod(String steps, String waits) {
        FakeClock clock = FakeClock.autoAdvancing();
        Backoff backoff = new Backoff(InformerOptions.defaults().withClock(clock).withRandom(new FixedRandom(0)));
        List<String> observed = new ArrayList<>();
        for (String step : steps.split(" ")) {
            if (step.equals("next")) {
                observed.add(Long.toString(backoff.next().toMillis()));
            } else {
                clock.advance(Duration.ofSeconds(Long.parseLong(step.substring(1))));
            }
        }
        assertEquals(waits, String.join(" ", observed));
    }
}
