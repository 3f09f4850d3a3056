/**
 * Integration tests of the client machinery ({@code io.tugboat.client.*}) against a real API server and etcd.
 */
package io.tugboat.integration;
