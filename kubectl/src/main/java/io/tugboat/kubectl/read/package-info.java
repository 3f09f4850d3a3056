/**
 * Verbs that only read: {@code get} (Tables, every {@code -o} format, watches), {@code describe} (kubectl's
 * describers for pods, deployments, nodes, services and config maps, the generic one for other kinds, and the
 * Events found by {@code involvedObject} field selectors), {@code explain} (from {@code /openapi/v3}) and
 * {@code api-resources} (from discovery).
 */
package io.tugboat.kubectl.read;
