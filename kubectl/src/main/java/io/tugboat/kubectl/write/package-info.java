/**
 * Verbs that change objects. The heart is {@code apply}: client-side apply as kubectl does it, recording the
 * applied configuration in the {@code kubectl.kubernetes.io/last-applied-configuration} annotation and sending
 * the three-way strategic merge patch of {@link io.tugboat.kubectl.write.ThreeWayPatch}, computed with the same
 * patch schema the API server merges with, so kubectl and tug can take turns on one object. Also {@code create},
 * {@code delete} (with kubectl's cascade, grace period and wait), {@code edit}, {@code label} and {@code annotate}.
 */
package io.tugboat.kubectl.write;
