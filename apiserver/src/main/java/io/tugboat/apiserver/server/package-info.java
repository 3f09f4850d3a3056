/**
 * The Netty edge, in the three classes of a Netty example: {@link io.tugboat.apiserver.server.ApiServer}
 * (bootstrap and wiring), {@code ApiServerInitializer} (the pipeline: TLS on the secure port, HTTP codec, a 3 MiB
 * body limit answered with a 413 Status, the handler) and {@code HttpRequestHandler} (decode, limit in-flight
 * requests, hand off to a worker thread, authenticate and authorize there, write the reply whole or chunked).
 *
 * <p>One server may have two listeners: HTTPS on the secure port (always, unless
 * {@link io.tugboat.apiserver.server.ApiServer#withPlainHttpOnly()}), and a plain-HTTP one on loopback only when
 * asked for ({@code --insecure-port}), whose requests are {@code system:unsecured} without authentication.
 */
package io.tugboat.apiserver.server;
