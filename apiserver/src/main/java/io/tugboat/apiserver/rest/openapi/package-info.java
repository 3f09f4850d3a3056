/**
 * The OpenAPI v3 description of the API, generated from the Java records of the object model.
 *
 * <h2>Why an API server publishes OpenAPI</h2>
 *
 * Kubernetes describes every kind it serves in OpenAPI, and kubectl relies on it more than one might expect:
 * <ul>
 *   <li><b>{@code kubectl apply} and {@code create}</b> validate strictly by default. Before sending anything,
 *       kubectl asks whether the server can do the validation itself: it looks in the group-version's document
 *       for a PATCH operation of the kind that accepts the {@code fieldValidation} query parameter
 *       (cli-runtime {@code resource/query_param_verifier_v3.go}). If it finds one it sends
 *       {@code ?fieldValidation=Strict} and leaves the rest to the server; without any OpenAPI it refuses to run
 *       unless told {@code --validate=false}.</li>
 *   <li><b>{@code kubectl apply}</b> computes its strategic merge patch from the
 *       {@code x-kubernetes-patch-merge-key} and {@code x-kubernetes-patch-strategy} of the schemas
 *       ({@code cmd/apply/patcher.go}); see {@link io.tugboat.apiserver.rest.openapi.FieldRules} for why these
 *       must mirror Kubernetes exactly.</li>
 *   <li><b>{@code kubectl explain}</b> renders the schemas: it finds the kind of a resource through the
 *       {@code x-kubernetes-group-version-kind} of the operations on the resource's paths, then the schema that
 *       lists the same GVK, then walks the fields ({@code kubectl/pkg/explain/v2}).</li>
 * </ul>
 *
 * <h2>The shape of what we serve</h2>
 *
 * <pre>
 * GET /openapi/v3                    the index: group-version path to document URL (with a content hash)
 * GET /openapi/v3/api/v1?hash=...    {"openapi": "3.0.0", "info": {...},
 *                                     "paths": {"/api/v1/namespaces/{namespace}/pods/{name}": {"patch": ...}},
 *                                     "components": {"schemas": {"io.k8s.api.core.v1.Pod": ...}}}
 * </pre>
 *
 * {@link io.tugboat.apiserver.rest.openapi.OpenApiV3} is the entry point: it generates every document once and
 * hands out the index, the documents and their hashes. {@code SchemaGenerator} turns records into schemas by
 * reflection, {@code PathGenerator} writes the operations of each kind, and {@code FieldRules} and
 * {@code Descriptions} hold what reflection cannot see: merge keys, required fields, enums and prose.
 *
 * <p>The Kubernetes originals: {@code k8s.io/kube-openapi} (builder3, handler3) generates and serves these
 * documents in the real API server; {@code api/openapi-spec/v3} in kubernetes/kubernetes holds the published
 * ones, whose naming and extensions we follow. Tugboat does not describe Swagger 2.0 ({@code /openapi/v2}):
 * kubectl 1.27 and later only fall back to it when v3 is missing.
 */
package io.tugboat.apiserver.rest.openapi;
