package io.tugboat.apiserver.rest;

/**
 * The write side of a streaming response. Writes never block: they are queued on the connection, and
 * {@link #pendingBytes()} tells how far behind the client is, so a producer can give up on a slow client
 * rather than buffer without bound.
 */
public interface ResponseStream {

    /** Queues a chunk; returns {@code false} when the stream is already closed. */
    boolean write(byte[] chunk);

    /** Bytes queued but not yet accepted by the client's socket. */
    long pendingBytes();

    /** Ends the response (the final empty chunk). Idempotent. */
    void close();

    boolean isOpen();

    /** Runs {@code callback} once when the stream ends, whether the client or the server closed it. */
    void onClose(Runnable callback);
}
