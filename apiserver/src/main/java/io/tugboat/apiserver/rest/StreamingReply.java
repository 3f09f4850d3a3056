package io.tugboat.apiserver.rest;

import java.util.function.Consumer;

/**
 * A long-running response sent in chunks: the HTTP layer writes the status line and headers, then hands a
 * {@link ResponseStream} to {@code producer}, which writes chunks from any thread until it closes the stream.
 *
 * @param status      HTTP status code
 * @param contentType the media type of the chunks
 * @param producer    starts producing; must not block the calling thread for long
 */
public record StreamingReply(int status, String contentType, Consumer<ResponseStream> producer) implements Reply {
}
