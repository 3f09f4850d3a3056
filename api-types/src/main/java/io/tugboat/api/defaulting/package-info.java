/**
 * Defaulting: filling in what a user left out of an object, before it is validated and stored.
 *
 * <h2>Why defaults are applied by the server</h2>
 * A manifest says what its author cares about; the stored object says everything. A Deployment written with a
 * name, a selector and a template is stored with {@code replicas: 1}, a {@code RollingUpdate} strategy of 25% /
 * 25%, {@code revisionHistoryLimit: 10}, and pods with {@code restartPolicy: Always}, {@code dnsPolicy:
 * ClusterFirst} and an {@code imagePullPolicy} chosen from the image tag. Because the API server fills these in,
 * every controller and every kubelet reads the same complete object, and {@code kubectl get -o yaml} shows the
 * behaviour the cluster will actually have.
 *
 * <h2>Where defaulting sits</h2>
 * <pre>
 *   decode ──▶ default ──▶ validate ──▶ store
 * </pre>
 * Defaulting comes after decoding (it works on records, not bytes) and before validation, which can therefore
 * treat defaulted fields as required. Kubernetes also applies defaults when it reads objects back from storage,
 * which is why defaulting must be idempotent and must never overwrite a value that is present.
 *
 * <h2>Templates are not pods</h2>
 * A pod template inside a Deployment gets the pod-spec defaults, but not the few that Kubernetes reserves for real
 * Pods (copying resource limits into requests, {@code enableServiceLinks}, host ports under host networking).
 * Adding a default to templates changes the template of every existing Deployment, and with it the template
 * hash, which would roll every workload of an upgraded cluster; Kubernetes keeps that set frozen, and so do we.
 *
 * <h2>The Kubernetes originals</h2>
 * {@code pkg/apis/core/v1/defaults.go}, {@code pkg/apis/apps/v1/defaults.go}, {@code pkg/apis/batch/v1/defaults.go}
 * and {@code pkg/apis/storage/v1/defaults.go} in {@code k8s.io/kubernetes}. A few values Kubernetes sets elsewhere
 * in the API server are set here too, with the place noted where it happens: a Namespace's {@code kubernetes}
 * finalizer (namespace strategy) and a Service's {@code clusterIPs}, {@code ipFamilies} and
 * {@code ipFamilyPolicy} (service strategy and IP allocator).
 */
package io.tugboat.api.defaulting;
