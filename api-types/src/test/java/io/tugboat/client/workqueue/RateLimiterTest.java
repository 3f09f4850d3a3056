package io.tugboat.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The arithmetic of client-go's default rate limiters, as tables. */
class RateLimiterTest {

    private final FakeClock clock = new FakeClock();

    // ---- ItemExponentialFailureRateLimiter ----------------------------------------------------------------------

    @ParameterizedTest(name = "failure {0} waits {1}")
    @CsvSource({
            "1,  PT0.005S",
            "2,  PT0.01S",
            "3,  PT0.02S",
            "4,  PT0.04S",
            "5,  PT0.08S",
            "10, PT2.56S",
            "17, PT5M27.68S",   // 5 ms * 2^16 = 327.68 s
            "18, PT10M55.36S",  // 5 ms * 2^17 = 655.36 s, the last one under the cap
            "19, PT16M40S",     // 1310.72 s would be over: capped at 1000 s
            "64, PT16M40S",     // 2^63 does not fit a long of nanoseconds
            "500, PT16M40S",    // 2^499 does not fit anything but a double
    })
    void theNthFailureInARowWaitsBaseTimesTwoToTheNMinusOneUpToTheCap(int failure, Duration expected) {
        RateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        for (int i = 1; i < failure; i++) {
            limiter.when("a");
        }

        assertEquals(expected, limiter.when("a"));
        assertEquals(failure, limiter.numRequeues("a"));
    }

    @Test
    void forgetStartsTheBackoffOver() {
        RateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        limiter.when("a");
        limiter.when("a");
        limiter.when("a");

        limiter.forget("a");

        assertEquals(0, limiter.numRequeues("a"));
        assertEquals(Duration.ofMillis(5), limiter.when("a"));
    }

    @Test
    void eachItemBacksOffOnItsOwn() {
        RateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        limiter.when("broken");
        limiter.when("broken");
        limiter.when("broken");

        assertEquals(Duration.ofMillis(5), limiter.when("healthy"));
        assertEquals(3, limiter.numRequeues("broken"));
        assertEquals(1, limiter.numRequeues("healthy"));
    }

    @Test
    void anEnormousBaseNeverWrapsAround() {
        // Half of Long.MAX_VALUE nanoseconds (146 years), doubled, is 2^63 - 2: a double rounds that to 2^63, exactly
        // the value where a careless cast to long wraps around to a negative wait.
        Duration huge = Duration.ofNanos(Long.MAX_VALUE / 2);
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        RateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>(huge, forever);

        for (int i = 0; i < 100; i++) {
            Duration wait = limiter.when("a");
            assertTrue(!wait.isNegative() && wait.compareTo(huge) >= 0, "failure " + (i + 1) + " waited " + wait);
        }
        assertEquals(Duration.ofNanos(Long.MAX_VALUE), limiter.when("a"), "the cap, saturated to a long of nanos");
    }

    @Test
    void rejectsABaseLongerThanTheCap() {
        assertThrows(IllegalArgumentException.class,
                () -> new ItemExponentialFailureRateLimiter<>(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    // ---- BucketRateLimiter --------------------------------------------------------------------------------------

    @Test
    void theBucketLetsTheBurstGoAtOnceThenSpacesItemsByTheRate() {
        RateLimiter<String> bucket = new BucketRateLimiter<>(10, 100, clock);

        for (int i = 1; i <= 100; i++) {
            assertEquals(Duration.ZERO, bucket.when("item-" + i), "item " + i + " is within the burst");
        }
        assertEquals(Duration.ofMillis(100), bucket.when("item-101"));
        assertEquals(Duration.ofMillis(200), bucket.when("item-102"));
        assertEquals(Duration.ofMillis(300), bucket.when("item-103"));
    }

    @ParameterizedTest(name = "after {0}, the next waits {1}")
    @CsvSource({
            "PT0S,    PT0.4S",  // three tokens owed, and this one makes four
            "PT0.1S,  PT0.3S",
            "PT0.3S,  PT0.1S",  // the debt is paid, but this one still borrows
            "PT0.4S,  PT0S",    // one token refilled beyond the debt: this one goes at once
            "PT1S,    PT0S",
            "PT1H,    PT0S",    // the bucket is full, no fuller
    })
    void theBucketRefillsAtTheRateAsTheClockMoves(Duration elapsed, Duration expected) {
        RateLimiter<String> bucket = new BucketRateLimiter<>(10, 3, clock);
        for (int i = 0; i < 6; i++) {
            bucket.when("x"); // 3 from the burst, then 3 on credit: the level is -3
        }

        clock.advance(elapsed);

        assertEquals(expected, bucket.when("x"));
    }

    @Test
    void aFullBucketHoldsNoMoreThanTheBurst() {
        RateLimiter<String> bucket = new BucketRateLimiter<>(10, 2, clock);
        clock.advance(Duration.ofHours(1));

        assertEquals(Duration.ZERO, bucket.when("x"));
        assertEquals(Duration.ZERO, bucket.when("x"));
        assertEquals(Duration.ofMillis(100), bucket.when("x"));
    }

    @Test
    void theBucketTakesAClockGoingBackwardsAsNoTimePassing() {
        RateLimiter<String> bucket = new BucketRateLimiter<>(10, 1, clock);
        bucket.when("x");

        clock.advance(Duration.ofSeconds(-5));

        assertEquals(Duration.ofMillis(100), bucket.when("x"));
    }

    @Test
    void theBucketIgnoresWhichItemAsks() {
        RateLimiter<String> bucket = new BucketRateLimiter<>(10, 1, clock);
        bucket.when("a");
        bucket.forget("a");

        assertEquals(0, bucket.numRequeues("a"));
        assertEquals(Duration.ofMillis(100), bucket.when("a"));
    }

    // ---- MaxOfRateLimiter and the controller default ------------------------------------------------------------

    @Test
    void maxOfTakesTheLongestWaitAndForgetsEverywhere() {
        ItemExponentialFailureRateLimiter<String> backoff =
                new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        BucketRateLimiter<String> bucket = new BucketRateLimiter<>(10, 1, clock);
        RateLimiter<String> max = MaxOfRateLimiter.of(backoff, bucket);

        assertEquals(Duration.ofMillis(5), max.when("a"), "the bucket had a token; backoff wins");
        assertEquals(Duration.ofMillis(100), max.when("a"), "the bucket is empty; it wins over 10 ms");
        assertEquals(2, max.numRequeues("a"));

        max.forget("a");
        assertEquals(0, backoff.numRequeues("a"));
    }

    @Test
    void theDefaultControllerLimiterBacksOffPerItemAndCapsTheOverallRate() {
        RateLimiter<String> limiter = RateLimiters.defaultControllerRateLimiter(clock);

        assertEquals(Duration.ofMillis(5), limiter.when("a"));
        assertEquals(Duration.ofMillis(10), limiter.when("a"));
        for (int i = 0; i < 98; i++) {
            assertEquals(Duration.ofMillis(5), limiter.when("other-" + i));
        }
        assertEquals(Duration.ofMillis(100), limiter.when("one-too-many"), "burst of 100 spent at one instant");
    }
}
