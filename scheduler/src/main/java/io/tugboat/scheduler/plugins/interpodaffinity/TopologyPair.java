package io.tugboat.scheduler.plugins.interpodaffinity;

/** A topology domain: the nodes whose label {@code key} has value {@code value} ({@code zone=a}, {@code hostname=n1}). */
record TopologyPair(String key, String value) {
}
