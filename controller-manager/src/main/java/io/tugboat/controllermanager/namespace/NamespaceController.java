package io.tugboat.controllermanager.namespace;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceCondition;
import io.tugboat.api.core.NamespaceSpec;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.controllermanager.Controller;
import io.tugboat.controllermanager.ControllerContext;
import io.tugboat.controllermanager.ObjectClients;
import io.tugboat.controllermanager.RunnerController;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace controller: empties a namespace being deleted, then lets it go. Keys are namespace names.
 *
 * <pre>
 *   kubectl delete namespace team-a
 *     API server: deletionTimestamp set, phase Terminating, spec.finalizers [kubernetes] keep it
 *   reconcile("team-a"):
 *     for every namespaced kind (ResourceKinds): list the namespace's objects live, delete each
 *     (propagation Background; pods get their grace period)
 *     anything left (graceful pods, finalizers)?  ─▶ status conditions say what; look again in a moment
 *     nothing left                                 ─▶ PUT namespaces/team-a/finalize without "kubernetes":
 *                                                     the API server deletes the namespace
 * </pre>
 * Status conditions are Kubernetes' ({@code NamespaceDeletionDiscoveryFailure},
 * {@code NamespaceDeletionGroupVersionParsingFailure}, {@code NamespaceDeletionContentFailure},
 * {@code NamespaceContentRemaining}, {@code NamespaceFinalizersRemaining}) with its reasons; the list of
 * kinds comes from the built-in registry, so discovery cannot fail.
 */
public final class NamespaceController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "namespace-controller";
    /** The finalizer this controller owns. */
    public static final String FINALIZER = "kubernetes";
    /** How soon a namespace with content left is looked at again. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    /** {@code PUT namespaces/{name}/finalize}. */
    @FunctionalInterface
    public interface Finalizer {
        Namespace finalizeNamespace(Namespace namespace) throws ApiException;
    }

    private final Lister<Namespace> namespaces;
    private final ObjectClients clients;
    private final Finalizer finalizer;
    private final Clock clock;

    public NamespaceController(Lister<Namespace> namespaces, ObjectClients clients, Finalizer finalizer, Clock clock) {
        this.namespaces = namespaces;
        this.clients = clients;
        this.finalizer = finalizer;
        this.clock = clock;
    }

    public static Controller create(ControllerContext context) {
        SharedInformer<Namespace> informer = context.informers().informerFor(ResourceKinds.NAMESPACES);
        var namespaceClient = context.client().resources(ResourceKinds.NAMESPACES);
        NamespaceController controller = new NamespaceController(informer.lister(), context.clients(),
                namespaceClient::finalizeNamespace, context.clock());
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(context.options().concurrentNamespaceSyncs())
                .clock(context.clock())
                .watches(informer::hasSynced, enqueue -> informer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .build();
        return new RunnerController(runner);
    }

    /** Every kind that lives in namespaces: what a namespace's deletion must remove. */
    public static List<ResourceKind<?>> namespacedKinds() {
        return ResourceKinds.all().stream().filter(ResourceKind::namespaced).toList();
    }

    @Override
    public ReconcileResult reconcile(String name) throws ApiException {
        Namespace namespace = namespaces.get(name).orElse(null);
        if (namespace == null || namespace.metadata().deletionTimestamp() == null) {
            return ReconcileResult.done();
        }
        List<String> finalizers = namespace.spec() == null ? List.of() : namespace.spec().finalizers();
        if (finalizers == null || !finalizers.contains(FINALIZER)) {
            return ReconcileResult.done(); // our part is done; other finalizers are somebody else's
        }
        Content content = deleteContent(name);
        if (!content.remaining().isEmpty() || !content.failures().isEmpty()) {
            updateConditions(namespace, content);
            log.info("Namespace {}: waiting for {} (failures: {})", name, content.remaining(), content.failures());
            return ReconcileResult.requeueAfter(RECHECK);
        }
        List<String> rest = finalizers.stream().filter(f -> !f.equals(FINALIZER)).toList();
        log.info("Namespace {} is empty; removing the {} finalizer", name, FINALIZER);
        try {
            finalizer.finalizeNamespace(namespace.withSpec(new NamespaceSpec(rest)));
        } catch (ApiException.NotFoundException e) {
            // already gone
        }
        return ReconcileResult.done();
    }

    /**
     * What is left of a namespace's content after a pass of deletes.
     *
     * @param remaining          objects still there per kind (plural)
     * @param finalizersRemaining objects still there per finalizer
     * @param failures           kinds whose list or delete failed, with the error
     */
    record Content(Map<String, Integer> remaining, Map<String, Integer> finalizersRemaining, List<String> failures) {
    }

    private Content deleteContent(String namespace) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        Map<String, Integer> finalizersRemaining = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        DeleteOptions background = new DeleteOptions(null, null, null, null, null, "Background", null);
        for (ResourceKind<?> kind : namespacedKinds()) {
            try {
                ObjectClient<?> client = clients.forKind(kind).inNamespace(namespace);
                List<? extends KubernetesObject> items = client.list(ListOptions.none()).items();
                if (items.isEmpty()) {
                    continue;
                }
                for (KubernetesObject item : items) {
                    if (item.metadata().deletionTimestamp() == null) {
                        try {
                            client.delete(item.metadata().name(), background);
                        } catch (ApiException.NotFoundException e) {
                            // gone already
                        }
                    }
                }
                List<? extends KubernetesObject> left = client.list(ListOptions.none()).items();
                if (!left.isEmpty()) {
                    remaining.put(kind.qualifiedName(), left.size());
                    for (KubernetesObject item : left) {
                        for (String f : item.metadata().finalizers() == null ? List.<String>of() : item.metadata().finalizers()) {
                            finalizersRemaining.merge(f, 1, Integer::sum);
                        }
                    }
                }
            } catch (ApiException e) {
                failures.add(kind.qualifiedName() + ": " + e.getMessage());
            }
        }
        return new Content(remaining, finalizersRemaining, failures);
    }

    private void updateConditions(Namespace namespace, Content content) throws ApiException {
        List<NamespaceCondition> desired = conditions(content, clock);
        List<NamespaceCondition> current = namespace.status() == null || namespace.status().conditions() == null
                ? List.of() : namespace.status().conditions();
        if (sameIgnoringTime(desired, current)) {
            return;
        }
        String phase = namespace.status() == null ? "Terminating" : namespace.status().phase();
        ObjectClient<Namespace> client = clients.forKind(ResourceKinds.NAMESPACES);
        try {
            client.updateStatus(namespace.withStatus(new NamespaceStatus(phase, keepTransitionTimes(desired, current))));
        } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
            log.debug("namespace {} changed meanwhile: {}", namespace.metadata().name(), e.getMessage());
        }
    }

    /** Kubernetes' deletion conditions for what {@code content} says. */
    static List<NamespaceCondition> conditions(Content content, Clock clock) {
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<NamespaceCondition> conditions = new ArrayList<>();
        conditions.add(new NamespaceCondition("NamespaceDeletionDiscoveryFailure", "False", now, "ResourcesDiscovered",
                "All resources successfully discovered"));
        conditions.add(new NamespaceCondition("NamespaceDeletionGroupVersionParsingFailure", "False", now,
                "ParsedGroupVersions", "All legacy kube types successfully parsed"));
        conditions.add(content.failures().isEmpty()
                ? new NamespaceCondition("NamespaceDeletionContentFailure", "False", now, "ContentDeleted",
                        "All content successfully deleted, may be waiting on finalization")
                : new NamespaceCondition("NamespaceDeletionContentFailure", "True", now, "ContentDeletionFailed",
                        "Failed to delete all resource types, " + content.failures().size() + " remaining: "
                                + String.join(", ", content.failures())));
        conditions.add(content.remaining().isEmpty()
                ? new NamespaceCondition("NamespaceContentRemaining", "False", now, "ContentRemoved", "All content successfully removed")
                : new NamespaceCondition("NamespaceContentRemaining", "True", now, "SomeResourcesRemain",
                        "Some resources are remaining: " + describe(content.remaining(), "has %d resource instances")));
        conditions.add(content.finalizersRemaining().isEmpty()
                ? new NamespaceCondition("NamespaceFinalizersRemaining", "False", now, "ContentHasNoFinalizers",
                        "All content-preserving finalizers finished")
                : new NamespaceCondition("NamespaceFinalizersRemaining", "True", now, "SomeFinalizersRemain",
                        "Some content in the namespace has finalizers remaining: "
                                + describe(content.finalizersRemaining(), "in %d resource instances")));
        return conditions;
    }

    private static String describe(Map<String, Integer> counts, String format) {
        List<String> parts = new ArrayList<>();
        counts.forEach((what, n) -> parts.add(what + " " + String.format(format, n)));
        return String.join(", ", parts);
    }

    private static boolean sameIgnoringTime(List<NamespaceCondition> a, List<NamespaceCondition> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            NamespaceCondition x = a.get(i);
            NamespaceCondition y = b.get(i);
            if (!x.type().equals(y.type()) || !x.status().equals(y.status()) || !x.reason().equals(y.reason())
                    || !x.message().equals(y.message())) {
                return false;
            }
        }
        return true;
    }

    /** A condition whose status did not change keeps its lastTransitionTime. */
    private static List<NamespaceCondition> keepTransitionTimes(List<NamespaceCondition> desired, List<NamespaceCondition> current) {
        List<NamespaceCondition> result = new ArrayList<>();
        for (NamespaceCondition c : desired) {
            NamespaceCondition old = current.stream().filter(o -> c.type().equals(o.type())).findFirst().orElse(null);
            result.add(old != null && old.status().equals(c.status())
                    ? new NamespaceCondition(c.type(), c.status(), old.lastTransitionTime(), c.reason(), c.message()) : c);
        }
        return result;
    }
}
