/**
 * How verbs name and reach objects. kubectl resolves {@code deploy}, {@code deployments.apps} or
 * {@code pod/web-1} through discovery; Tugboat's {@link io.tugboat.api.ResourceKinds} registry carries the same
 * names the server's discovery serves, so {@link io.tugboat.kubectl.resource.Kinds} resolves them locally and
 * {@link io.tugboat.kubectl.resource.Target} parses kubectl's two argument spellings.
 * {@link io.tugboat.kubectl.resource.Api} sends requests and returns JSON trees (the CLI prints what the server
 * sent, every field, rather than the typed records controllers use); {@link io.tugboat.kubectl.resource.Manifests}
 * reads {@code -f}; {@link io.tugboat.kubectl.resource.Waiter} is the read-then-watch loop behind
 * {@code delete --wait}, {@code wait}, {@code rollout status} and {@code drain}.
 */
package io.tugboat.kubectl.resource;
