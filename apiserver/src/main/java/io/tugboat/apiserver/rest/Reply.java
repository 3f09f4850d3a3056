package io.tugboat.apiserver.rest;

/** What a handler answers: a complete response, or a stream (watch, log follow). */
public sealed interface Reply permits ApiResponse, StreamingReply {
}
