package io.tugboat.kubelet.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.client.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashBackoffTest {
    private final FakeClock clock = new FakeClock();
    private final CrashBackoff backoff = CrashBackoff.kubernetesDefaults(clock);

    @Test
    void theFirstRestartIsImmediateThenDelaysDoubleFromTenSecondsUpToFiveMinutes() {
        assertEquals(Duration.ZERO, backoff.remaining("p/c", clock.instant()));
        long[] expected = {10, 20, 40, 80, 160, 300, 300};
        for (long seconds : expected) {
            backoff.next("p/c", Duration.ofSeconds(1));
            Instant exited = clock.instant();
            assertEquals(Duration.ofSeconds(seconds), backoff.remaining("p/c", exited));
            clock.advance(Duration.ofSeconds(seconds - 1));
            assertEquals(Duration.ofSeconds(1), backoff.remaining("p/c", exited));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(Duration.ZERO, backoff.remaining("p/c", exited));
        }
    }

    @Test
    void theDelayCountsFromTheExitNotFromWhenTheKubeletLooks() {
        backoff.next("p/c", Duration.ZERO);
        Instant exited = clock.instant();
        clock.advance(Duration.ofSeconds(7));
        assertEquals(Duration.ofSeconds(3), backoff.remaining("p/c", exited));
    }

    @Test
    void aContainerThatRanTenMinutesStartsItsBackoffOver() {
        backoff.next("p/c", Duration.ZERO);
        backoff.next("p/c", Duration.ZERO);
        assertEquals(Duration.ofSeconds(20), backoff.delay("p/c"));
        backoff.next("p/c", Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(10), backoff.delay("p/c"));
    }

    @Test
    void forgettingAPodForgetsItsContainersOnly() {
        backoff.next("p1/a", Duration.ZERO);
        backoff.next("p2/a", Duration.ZERO);
        backoff.forget("p1/");
        assertEquals(Duration.ZERO, backoff.delay("p1/a"));
        assertEquals(Duration.ofSeconds(10), backoff.delay("p2/a"));
    }
}
