/**
 * The Netty edge, in the three classes of a Netty example: {@link io.tugboat.apiserver.server.ApiServer}
 * (bootstrap and wiring), {@code ApiServerInitializer} (the pipeline: HTTP codec, a 3 MiB body limit answered
 * with a 413 Status, the handler) and {@code HttpRequestHandler} (decode, limit in-flight requests, hand off to
 * a worker thread, write the reply whole or chunked).
 */
package io.tugboat.apiserver.server;
