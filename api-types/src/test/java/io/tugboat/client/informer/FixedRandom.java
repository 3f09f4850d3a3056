package io.tugboat.client.informer;

import java.util.random.RandomGenerator;

/** A "random" source that always returns {@code value} from nextDouble: jitter becomes a known factor. */
record FixedRandom(double value) implements RandomGenerator {
    @Override
    public long nextLong() {
        return (long) (value * Long.MAX_VALUE);
    }

    @Override
    public double nextDouble() {
        return value;
    }
}
