/**
 * The API server: the only component that talks to etcd. Everything else in Tugboat (scheduler,
 * controllers, kubelets, the CLI and the real kubectl) reads and writes cluster state through the
 * Kubernetes REST API it serves. See {@code docs/apiserver.md}.
 */
package io.tugboat.apiserver;
