/**
 * The node agent: registers a Node, renews its Lease, runs the pods bound to it as Docker
 * containers and reports their status back to the API server.
 */
package io.tugboat.kubelet;
