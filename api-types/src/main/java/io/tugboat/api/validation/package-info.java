/**
 * Validation: deciding whether an object may be stored, and if not, saying why in exactly the words Kubernetes
 * would use.
 *
 * <h2>Where validation sits</h2>
 * Every write to the API server goes through the same steps, in Kubernetes and in Tugboat:
 * <pre>
 *   request body ──decode──▶ object ──default──▶ object' ──validate──▶ causes? ──no──▶ store in etcd
 *                  (Codec)             (Defaulter)          (Validator)      │
 *                                                                            └─yes─▶ 422 Invalid, Status with causes
 * </pre>
 * Decoding turns bytes into a record (and refuses bytes that are not even the right shape — a string where a
 * number belongs). Defaulting ({@link io.tugboat.api.defaulting}) fills what the user left out. Validation then
 * checks the complete object: names, labels, ports, selectors, the consistency between fields. Because it sees
 * the defaulted object, it can insist that, say, {@code imagePullPolicy} is set: a user never sees that error
 * unless something bypassed the defaulter. Updates are validated against the stored object as well, since some
 * fields must never change ({@link io.tugboat.api.validation.Validator#validateUpdate}).
 *
 * <h2>What a failure looks like</h2>
 * Each problem is a {@link io.tugboat.api.validation.FieldError}: a type (Required, Invalid, NotSupported,
 * Duplicate, Forbidden, TooLong, ...), a {@link io.tugboat.api.validation.FieldPath} such as
 * {@code spec.template.spec.containers[0].image}, the offending value and a detail sentence. The API server puts
 * them into the 422 {@code Status} as {@code details.causes} and joins them into its message:
 * <pre>
 * Deployment.apps "web" is invalid: [spec.selector: Required value,
 *   spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`]
 * </pre>
 * Clients and people rely on this text (and kubectl prints it verbatim), so it is reproduced byte for byte
 * where it can be: paths, reasons, sentences, value quoting, even the upstream quirks (a node's taint errors
 * under {@code metadata.taints}, a pod template's labels under {@code spec.template.labels}). Where Go-internal
 * output cannot be reproduced — the {@code cmp.Diff} appended to "pod updates may not change..." — Tugboat
 * prints its own short diff and says so.
 *
 * <h2>How the code is organised</h2>
 * {@link io.tugboat.api.validation.Validator} dispatches to one small validator per kind
 * ({@code PodValidator}, {@code DeploymentValidator}, ...), which share rule collections: {@code MetaValidation}
 * for metadata, {@code PodSpecValidation} and {@code ContainerValidation} for pods and templates,
 * {@code WorkloadValidation} for selectors and rolling updates, {@code Formats} for the string formats
 * (DNS names, label keys and values). Rules are pure functions from an object to a list of errors.
 *
 * <h2>The Kubernetes originals</h2>
 * <ul>
 *   <li>{@code k8s.io/apimachinery/pkg/util/validation/field} — error types and their wording;</li>
 *   <li>{@code k8s.io/apimachinery/pkg/util/validation} and {@code pkg/api/validation} — formats, ObjectMeta;</li>
 *   <li>{@code k8s.io/kubernetes/pkg/apis/core/validation/validation.go} — pods, services, volumes, nodes...;</li>
 *   <li>{@code pkg/apis/apps/validation}, {@code pkg/apis/batch/validation}, {@code pkg/apis/storage/validation},
 *       {@code pkg/apis/coordination/validation};</li>
 *   <li>{@code k8s.io/apiserver/pkg/registry/rest} and {@code pkg/registry/*}{@code /strategy.go} — where
 *       the update rules that are not in the validation packages (a workload's immutable selector) live.</li>
 * </ul>
 */
package io.tugboat.api.validation;
