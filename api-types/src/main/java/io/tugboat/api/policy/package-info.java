/**
 * The policy/v1 group. Tugboat serves only {@link io.tugboat.api.policy.Eviction}, the body of the
 * {@code pods/{name}/eviction} subresource (a subresource of the core pods resource, announced in {@code /api/v1}
 * discovery with group {@code policy} and version {@code v1}, which is how kubectl finds it). PodDisruptionBudget
 * is not modelled yet, so no eviction is ever refused for a budget.
 */
package io.tugboat.api.policy;
