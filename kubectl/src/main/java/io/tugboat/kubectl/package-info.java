/**
 * The {@code tug} command line. {@link io.tugboat.kubectl.Tug} runs one control-plane component in the
 * foreground ({@code tug apiserver ...}, what {@code deploy/}'s systemd units call) or hands everything else to
 * the kubectl-style command tree rooted at {@link io.tugboat.kubectl.cli.TugCommand}.
 *
 * <p>The verbs speak to the API server exactly as the real kubectl does (same requests, same output), so a
 * user can switch between {@code tug} and {@code kubectl} on one cluster at any time. They are grouped by what
 * they do: {@code read} (get, describe, explain, api-resources), {@code write} (apply, create, delete, edit,
 * label, annotate), {@code workload} (logs, scale, rollout, wait), {@code node} (cordon, uncordon, drain) and
 * {@code config} (config, version, cluster-info, completion), on top of {@code cli} (flags, sessions, errors),
 * {@code resource} (type names, raw JSON access, manifests, waiting) and {@code printers} (kubectl's output
 * formats). The user's guide is {@code docs/cli.md}.
 */
package io.tugboat.kubectl;
