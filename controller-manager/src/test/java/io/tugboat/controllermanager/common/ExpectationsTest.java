package io.tugboat.controllermanager.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
    final FakeClock clock = new FakeClock();
    final Expectations expectations = new Expectations(clock);

    @Test
    void nothingExpectedIsSatisfied() {
        assertTrue(expectations.satisfied("ns/rs"));
    }

    @Test
    void createsAreSatisfiedOnceAllAreObserved() {
        expectations.expectCreations("ns/rs", 2);
        expectations.creationObserved("ns/rs");
        assertFalse(expectations.satisfied("ns/rs"));
        expectations.creationObserved("ns/rs");
        assertTrue(expectations.satisfied("ns/rs"));
    }

    @Test
    void deletesAreTrackedByKeySoARepeatCountsOnce() {
        expectations.expectDeletions("ns/rs", List.of("ns/a", "ns/b"));
        expectations.deletionObserved("ns/rs", "ns/a");
        expectations.deletionObserved("ns/rs", "ns/a");
        expectations.deletionObserved("ns/rs", "ns/unexpected");
        assertFalse(expectations.satisfied("ns/rs"));
        expectations.deletionObserved("ns/rs", "ns/b");
        assertTrue(expectations.satisfied("ns/rs"));
    }

    @Test
    void expectationsExpireAfterFiveMinutes() {
        expectations.expectCreations("ns/rs", 1);
        clock.advance(Expectations.TTL.minus(Duration.ofSeconds(1)));
        assertFalse(expectations.satisfied("ns/rs"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(expectations.satisfied("ns/rs"));
    }

    @Test
    void aForgottenControllerIsSatisfied() {
        expectations.expectCreations("ns/rs", 3);
        expectations.forget("ns/rs");
        assertTrue(expectations.satisfied("ns/rs"));
    }
}
