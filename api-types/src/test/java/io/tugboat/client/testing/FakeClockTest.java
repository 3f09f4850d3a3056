package io.tugboat.client.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeClockTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void standsStillUntilTheTestMovesIt() {
        Instant start = clock.instant();

        assertEquals(FakeClock.DEFAULT_START, start);
        assertEquals(start, clock.instant());
        assertEquals(start.plusSeconds(90), clock.advance(Duration.ofSeconds(90)));
        assertEquals(start.plusSeconds(90).toEpochMilli(), clock.millis());

        clock.set(Instant.EPOCH);
        assertEquals(Instant.EPOCH, clock.instant());
    }

    @Test
    void tellsStepListenersAfterTheTimeHasChanged() {
        List<Instant> seen = new ArrayList<>();
        Runnable listener = () -> seen.add(clock.instant());
        clock.addStepListener(listener);

        clock.advance(Duration.ofSeconds(1));
        clock.set(Instant.EPOCH);
        clock.removeStepListener(listener);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of(FakeClock.DEFAULT_START.plusSeconds(1), Instant.EPOCH), seen);
        assertEquals(0, clock.stepListenerCount());
    }

    @Test
    void aViewInAnotherZoneSharesTheTime() {
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(5));

        assertEquals(clock.instant(), paris.instant());
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    }
}
