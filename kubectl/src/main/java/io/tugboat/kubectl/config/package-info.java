/**
 * Verbs about the client and the connection: {@code config view|current-context|get-contexts|use-context} on the
 * kubeconfig files kubectl uses, {@code version}, {@code cluster-info} and {@code completion bash}.
 */
package io.tugboat.kubectl.config;
