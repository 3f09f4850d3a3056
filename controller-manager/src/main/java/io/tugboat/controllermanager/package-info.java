/**
 * The controller manager: one process running many level-triggered control loops (ReplicaSet,
 * Deployment, garbage collection, node lifecycle...), each a {@code reconcile(key)} driven by the
 * shared controller runner.
 */
package io.tugboat.controllermanager;
