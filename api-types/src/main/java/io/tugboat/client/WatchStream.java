package io.tugboat.client;

/**
 * The events of one open watch, read one at a time by a blocking {@link #next()}. Closing the stream ends the
 * watch (and unblocks a reader waiting in {@code next}).
 */
public interface WatchStream<T> extends AutoCloseable {

    /**
     * The next event, waiting for it; {@code null} when the watch has ended (server timeout, closed stream).
     * An ERROR event is returned as a value; a broken connection throws.
     */
    WatchEvent<T> next() throws ApiException;

    @Override
    void close();
}
