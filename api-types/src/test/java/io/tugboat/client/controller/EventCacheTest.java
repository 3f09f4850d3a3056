package io.tugboat.client.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Event;
import io.tugboat.api.core.EventSource;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which occurrences count as the same event, and what the recorder writes for each. */
class EventCacheTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123456789Z");
    private static final ObjectReference WEB_1 = new ObjectReference("Pod", "default", "web-1", "uid-1", "v1", "17", null);

    static Event occurrence(Instant at) {
        ObjectMeta meta = new ObjectMeta(null, null, "default", null, null, null, null, null, null, null, null, null, null, null);
        return Event.of(meta, WEB_1, "FailedScheduling", "0/3 nodes are available", new EventSource("tug-scheduler", "vm1"),
                at, at, 1, EventRecorder.WARNING, null, null, null, "tug-scheduler", "vm1");
    }

    static Stream<Arguments> variations() {
        return Stream.of(
                Arguments.of("another reason", false, op(e -> e.withReason("Scheduled"))),
                Arguments.of("another message", false, op(e -> e.withMessage("0/4 nodes are available"))),
                Arguments.of("another type", false, op(e -> e.withType(EventRecorder.NORMAL))),
                Arguments.of("another component", false, op(e -> e.withSource(new EventSource("tug-controller-manager", "vm1")))),
                Arguments.of("another host", false, op(e -> e.withSource(new EventSource("tug-scheduler", "vm2")))),
                Arguments.of("another object name", false, op(e -> e.withInvolvedObject(
                        new ObjectReference("Pod", "default", "web-2", "uid-2", "v1", "17", null)))),
                Arguments.of("a recreated object (new uid)", false, op(e -> e.withInvolvedObject(
                        new ObjectReference("Pod", "default", "web-1", "uid-9", "v1", "17", null)))),
                Arguments.of("another kind", false, op(e -> e.withInvolvedObject(
                        new ObjectReference("ReplicaSet", "default", "web-1", "uid-1", "apps/v1", "17", null)))),
                Arguments.of("a field of the object", false, op(e -> e.withInvolvedObject(
                        new ObjectReference("Pod", "default", "web-1", "uid-1", "v1", "17", "spec.containers{app}")))),
                Arguments.of("a newer resourceVersion of the same object", true, op(e -> e.withInvolvedObject(
                        new ObjectReference("Pod", "default", "web-1", "uid-1", "v1", "42", null)))),
                Arguments.of("a later time", true, op(e -> e.withFirstTimestamp(T0.plusSeconds(30)).withLastTimestamp(T0.plusSeconds(30)))),
                Arguments.of("the very same occurrence", true, op(e -> e)));
    }

    private static UnaryOperator<Event> op(UnaryOperator<Event> change) {
        return change;
    }

    @ParameterizedTest(name = "{0}: repeat = {1}")
    @MethodSource("variations")
    void anOccurrenceRepeatsTheFirstOnlyIfItsKeyIsEqual(String story, boolean repeat, UnaryOperator<Event> change) {
        EventCache cache = new EventCache(16);
        EventCache.Write first = cache.plan(occurrence(T0));
        cache.remember(first.key(), first.event());

        EventCache.Write second = cache.plan(change.apply(occurrence(T0.plusSeconds(1))));

        assertEquals(repeat, second.repeat());
        assertEquals(repeat, second.event().metadata().name().equals(first.event().metadata().name()));
    }

    @Test
    void aRepeatKeepsTheNameAndFirstTimestampAndCountsUp() {
        EventCache cache = new EventCache(16);
        EventCache.Write first = cache.plan(occurrence(T0));
        assertFalse(first.repeat());
        assertEquals(1, first.event().count());
        cache.remember(first.key(), first.event());

        Instant later = T0.plusSeconds(90);
        EventCache.Write second = cache.plan(occurrence(later));
        cache.remember(second.key(), second.event());
        EventCache.Write third = cache.plan(occurrence(later.plusSeconds(1)));

        assertTrue(third.repeat());
        assertEquals(first.event().metadata().name(), third.event().metadata().name());
        assertEquals(3, third.event().count());
        assertEquals(T0, third.event().firstTimestamp());
        assertEquals(later.plusSeconds(1), third.event().lastTimestamp());
        assertEquals("{\"count\":3,\"lastTimestamp\":\"2024-05-01T12:01:31Z\"}", third.mergePatch());
    }

    @Test
    void theCountContinuesFromWhatTheServerStored() {
        EventCache cache = new EventCache(16);
        EventCache.Write first = cache.plan(occurrence(T0));
        cache.remember(first.key(), first.event().withCount(7));   // another writer counted too

        assertEquals(8, cache.plan(occurrence(T0)).event().count());
    }

    @Test
    void namesAreTheObjectNameAndHexNanosecondsAndNeverRepeat() {
        EventCache cache = new EventCache(16);
        long nanos = T0.getEpochSecond() * 1_000_000_000L + T0.getNano();

        String first = cache.plan(occurrence(T0)).event().metadata().name();
        String second = cache.plan(occurrence(T0).withReason("Other")).event().metadata().name();

        assertEquals("web-1." + Long.toHexString(nanos), first);
        assertEquals("web-1." + Long.toHexString(nanos + 1), second, "same instant, still a new name");
    }

    @Test
    void forgetsTheLeastRecentlyRepeatedEventFirst() {
        EventCache cache = new EventCache(2);
        EventCache.Write a = cache.plan(occurrence(T0).withReason("A"));
        cache.remember(a.key(), a.event());
        EventCache.Write b = cache.plan(occurrence(T0).withReason("B"));
        cache.remember(b.key(), b.event());
        assertTrue(cache.plan(occurrence(T0).withReason("A")).repeat());   // A is now the most recent

        EventCache.Write c = cache.plan(occurrence(T0).withReason("C"));
        cache.remember(c.key(), c.event());                                 // evicts B

        assertEquals(2, cache.size());
        assertTrue(cache.plan(occurrence(T0).withReason("A")).repeat());
        assertFalse(cache.plan(occurrence(T0).withReason("B")).repeat());
        assertNotEquals(b.event().metadata().name(), cache.plan(occurrence(T0).withReason("B")).event().metadata().name());
    }
}
