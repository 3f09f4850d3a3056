/**
 * Node maintenance: {@code cordon}/{@code uncordon} flip {@code spec.unschedulable}; {@code drain} cordons, then
 * removes the node's pods that {@link io.tugboat.kubectl.node.DrainFilter} (a pure decider, as kubectl's drain
 * filters) allows, and waits until they are gone so their controllers recreate them elsewhere.
 */
package io.tugboat.kubectl.node;
