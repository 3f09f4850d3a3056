package io.tugboat.apiserver.rest;

/** What a handler answers: a complete response, a stream (watch, log follow), or a connection upgraded to a kubelet. */
public sealed interface Reply permits ApiResponse, StreamingReply, UpgradeReply {
}
