package io.tugboat.integration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leadership terms of several candidates on one timeline, to check the one property leader election exists
 * for: no two terms overlap. Candidates report when their {@code onStartedLeading} and {@code onStoppedLeading}
 * ran, in a unit shared by all of them ({@link System#nanoTime()} within one JVM, epoch microseconds across
 * processes on one machine).
 */
final class LeaderTermLog {
    /** One candidate's term; {@code end} is {@link Long#MAX_VALUE} while it lasts. */
    record Term(String who, long start, long end) {
        @Override
        public String toString() {
            return who + "[" + start + ", " + (end == Long.MAX_VALUE ? "…" : end) + "]";
        }
    }

    private final List<Term> closed = new ArrayList<>();
    private final Map<String, Long> open = new LinkedHashMap<>();

    synchronized void started(String who, long at) {
        if (open.putIfAbsent(who, at) != null) {
            throw new AssertionError(who + " started leading twice");
        }
    }

    synchronized void stopped(String who, long at) {
        Long start = open.remove(who);
        if (start == null) {
            throw new AssertionError(who + " stopped leading without having started");
        }
        closed.add(new Term(who, start, at));
    }

    /** Whether {@code who} is in a term now: its onStartedLeading ran, its onStoppedLeading has not. */
    synchronized boolean leads(String who) {
        return open.containsKey(who);
    }

    /** Who leads now, by the log, or null. */
    synchronized String current() {
        return open.isEmpty() ? null : open.keySet().iterator().next();
    }

    synchronized Term last(String who) {
        Long start = open.get(who);
        if (start != null) {
            return new Term(who, start, Long.MAX_VALUE);
        }
        return closed.stream().filter(t -> t.who().equals(who)).reduce((a, b) -> b).orElse(null);
    }

    /** Every term so far, by start. */
    synchronized List<Term> terms() {
        List<Term> all = new ArrayList<>(closed);
        open.forEach((who, start) -> all.add(new Term(who, start, Long.MAX_VALUE)));
        all.sort(Comparator.comparingLong(Term::start));
        return all;
    }

    /** Fails if any term starts before the previous one ended. */
    void assertNoOverlap() {
        List<Term> all = terms();
        for (int i = 1; i < all.size(); i++) {
            Term before = all.get(i - 1);
            Term after = all.get(i);
            if (after.start() <= before.end()) {
                throw new AssertionError("two leaders at once: " + before + " and " + after + " in " + all);
            }
        }
    }
}
