/**
 * The Kubernetes object model shared by every Tugboat component.
 */
package io.tugboat.api;
