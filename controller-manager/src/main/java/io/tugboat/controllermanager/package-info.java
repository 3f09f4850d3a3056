/**
 * The controller manager: one process running many level-triggered control loops, each a
 * {@code reconcile(key)} driven by the shared {@link io.tugboat.client.controller.ControllerRunner}.
 *
 * <pre>
 *   tug controller-manager --kubeconfig=K --controllers=*,-namespace-controller
 *        │
 *        ├─ {@link io.tugboat.controllermanager.Controllers}: name ──▶ factory, and the --controllers selection
 *        ├─ leader election on Lease kube-system/kube-controller-manager (only the leader runs controllers)
 *        └─ {@link io.tugboat.controllermanager.ControllerManager}: one SharedInformerFactory for all, each
 *           factory builds its controller, the informers start, each controller waits for its caches
 * </pre>
 *
 * <p>The controllers live in one package each: {@code garbagecollector}, {@code nodelifecycle} (node health,
 * taints, taint-based eviction), {@code namespace}. They mirror kube-controller-manager's
 * ({@code cmd/kube-controller-manager}, {@code pkg/controller/...}); the docs chapter is
 * {@code docs/controller-manager.md}.
 */
package io.tugboat.controllermanager;
