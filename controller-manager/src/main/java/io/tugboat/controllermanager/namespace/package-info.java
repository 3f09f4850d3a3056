/**
 * Namespace deletion: {@link io.tugboat.controllermanager.namespace.NamespaceController} deletes everything in a
 * Terminating namespace, then removes the {@code kubernetes} finalizer through {@code /finalize} so that the
 * API server deletes the namespace. Mirrors Kubernetes' {@code pkg/controller/namespace}; see
 * docs/controller-manager.md.
 */
package io.tugboat.controllermanager.namespace;
