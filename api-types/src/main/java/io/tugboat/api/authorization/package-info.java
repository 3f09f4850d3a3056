/**
 * The authorization.k8s.io/v1 group: questions to the API server's authorizer, never stored. A client POSTs a
 * {@link io.tugboat.api.authorization.SelfSubjectAccessReview} ("may I list pods in default?") and reads the
 * answer from the returned object's status; {@code kubectl auth can-i} is a thin wrapper around it.
 * {@link io.tugboat.api.authorization.SelfSubjectRulesReview} lists every rule the caller has in a namespace
 * ({@code kubectl auth can-i --list}); {@link io.tugboat.api.authorization.SubjectAccessReview} asks the same
 * about any user, for callers allowed to.
 */
package io.tugboat.api.authorization;
