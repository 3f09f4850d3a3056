/**
 * The frame every verb runs in: the picocli root {@link io.tugboat.kubectl.cli.TugCommand} with kubectl's
 * global flags ({@code --kubeconfig}, {@code --context}, {@code -n}, {@code --request-timeout}), the
 * {@link io.tugboat.kubectl.cli.Session} they produce, the {@link io.tugboat.kubectl.cli.Verb} base class, and
 * {@link io.tugboat.kubectl.cli.Errors}, the single place where a failure becomes kubectl's one line
 * ({@code Error from server (NotFound): pods "x" not found}, exit 1). A verb is one
 * {@code @Command class XCommand extends Verb} whose {@code call()} returns the exit code.
 */
package io.tugboat.kubectl.cli;
