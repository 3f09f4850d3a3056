/**
 * The three ways a client can {@code PATCH} a Kubernetes object, as pure functions over Jackson
 * trees: no HTTP, no storage, no object model.
 *
 * <p>A {@code PATCH} request carries a {@code Content-Type} that names its format:
 * <table>
 *   <caption>Patch formats</caption>
 *   <tr><th>Content-Type</th><th>Class</th><th>Who sends it</th></tr>
 *   <tr><td>{@code application/merge-patch+json}</td><td>{@link io.tugboat.apiserver.rest.patch.JsonMergePatch}</td>
 *       <td>{@code kubectl scale}, {@code kubectl patch --type=merge}</td></tr>
 *   <tr><td>{@code application/json-patch+json}</td><td>{@link io.tugboat.apiserver.rest.patch.JsonPatch}</td>
 *       <td>{@code kubectl patch --type=json}, controllers that need a {@code test}</td></tr>
 *   <tr><td>{@code application/strategic-merge-patch+json}</td>
 *       <td>{@link io.tugboat.apiserver.rest.patch.StrategicMergePatch}</td>
 *       <td>{@code kubectl apply}, {@code edit}, {@code patch}, {@code label}, ...</td></tr>
 * </table>
 *
 * <p>The REST handler reads the object from storage as JSON, applies the patch with one of these
 * functions, decodes and validates the result like any update, and writes it back with the
 * resourceVersion it read — retrying on a conflict, since the patch, unlike a full update, does not
 * depend on the version. Failures are {@link io.tugboat.apiserver.rest.patch.PatchException}s whose
 * reason becomes the {@code Status} returned to the client.
 *
 * <h2>Why strategic merge patch exists</h2>
 * A JSON merge patch replaces lists whole, so adding a container means sending all of them. Strategic
 * merge patch fixes that with a {@link io.tugboat.apiserver.rest.patch.PatchSchema} per kind that says
 * which lists are merged by which key ({@link io.tugboat.apiserver.rest.patch.PatchSchemas}), and a
 * handful of {@code $}-directives for what a plain patch cannot say: delete this list element,
 * replace this object, keep only these keys, put the list in this order. {@code kubectl apply}
 * computes such a patch from three versions of the object — the configuration it applied last time
 * (kept in the {@code kubectl.kubernetes.io/last-applied-configuration} annotation), the new
 * configuration, and the live object — so that it changes what the user changed and leaves alone
 * what controllers and defaults added:
 * <pre>
 * last applied:  containers: [web(nginx:1.25), sidecar]
 * new config:    containers: [web(nginx:1.27), metrics]
 * live object:   containers: [web(nginx:1.25, imagePullPolicy: IfNotPresent, ...), sidecar(...)]
 *
 * patch:  {"$setElementOrder/containers": [{"name": "web"}, {"name": "metrics"}],
 *          "containers": [{"name": "web", "image": "nginx:1.27"},
 *                         {"name": "metrics", "image": "exporter"},
 *                         {"name": "sidecar", "$patch": "delete"}]}
 *
 * result: containers: [web(nginx:1.27, imagePullPolicy: IfNotPresent, ...), metrics(exporter)]
 * </pre>
 *
 * <p>Mirrors {@code k8s.io/apimachinery/pkg/util/strategicpatch} (apply side only; Tugboat's
 * server never computes patches), {@code gopkg.in/evanphx/json-patch} as used by
 * {@code k8s.io/apiserver/pkg/endpoints/handlers/patch.go}, RFC 6902 and RFC 7386. See
 * {@code docs/apiserver.md} for how the handler uses them.
 */
package io.tugboat.apiserver.rest.patch;
