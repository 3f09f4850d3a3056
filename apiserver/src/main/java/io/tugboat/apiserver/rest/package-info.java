/**
 * The REST layer: Kubernetes' URL space and wire formats, with no Netty in sight.
 *
 * <p>{@link io.tugboat.apiserver.rest.Router} maps a path to discovery, OpenAPI, health, or a
 * {@link io.tugboat.apiserver.rest.ResourcePath}; {@link io.tugboat.apiserver.rest.ResourceHandler} maps the
 * verb to a registry call; {@link io.tugboat.apiserver.rest.Responses} encodes the result as JSON, YAML or a
 * {@code meta.k8s.io/v1} Table, whichever the {@code Accept} header asks for. Watches stream through
 * {@link io.tugboat.apiserver.rest.WatchStreamer}. Every failure is an {@link io.tugboat.apiserver.rest.ApiError}
 * carrying the Kubernetes {@code Status} the client receives — the whole error contract is in that class.
 */
package io.tugboat.apiserver.rest;
