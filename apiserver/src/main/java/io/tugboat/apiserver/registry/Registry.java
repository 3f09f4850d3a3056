package io.tugboat.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.StatusCause;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.storage.KeyValue;
import io.tugboat.apiserver.storage.ListResult;
import io.tugboat.apiserver.storage.Storage;
import io.tugboat.apiserver.storage.StorageException;
import io.tugboat.apiserver.storage.WatchCache;
import io.tugboat.apiserver.storage.WatchSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The generic store behind every resource: one instance per kind, with a {@link Strategy} for what differs.
 * It turns API verbs into etcd transactions and enforces the rules every Kubernetes object follows:
 * <ul>
 *   <li><b>create</b>: names (generateName), uid, creationTimestamp, generation 1; defaulting and validation;
 *       the namespace must exist and not be terminating; "create only if absent".</li>
 *   <li><b>update</b>: optimistic concurrency on resourceVersion; server-owned fields carried over;
 *       generation bumped when the spec changes; status only through {@code /status}; a no-op update writes
 *       nothing.</li>
 *   <li><b>delete</b>: preconditions; finalizers and graceful pod deletion turn a delete into an update that
 *       sets {@code deletionTimestamp}; the object disappears when the last finalizer is removed.</li>
 *   <li><b>list/watch</b>: paging with continue tokens on etcd, or served from the {@link WatchCache}.</li>
 * </ul>
 * All failures are {@link ApiError}s. Storage conflicts inside server-side read-modify-write loops (patch,
 * status changes) are retried here; a conflict with a resourceVersion the client sent goes back to it.
 */
public final class Registry {
    private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Server-side read-modify-write loops retry conflicts; a bound only guards against a livelock bug. */
    private static final int MAX_RETRIES = 10_000;
    private static final String CONFLICT_MESSAGE =
            "the object has been modified; please apply your changes to the latest version and try again";

    /** Checks that objects may be created in a namespace; throws ApiError (404 missing, 403 terminating). */
    public interface NamespaceGuard {
        void checkCreate(String namespace, ResourceKind<?> kind, String name);
    }

    /**
     * Per-kind side effects around writes, such as a Service's ClusterIP and NodePort allocation. Hooks run
     * after defaulting and before validation, so what they fill in is validated like user input.
     */
    public interface Hooks {
        /** Fills in server-allocated values of a new object. */
        default KubernetesObject beforeCreate(KubernetesObject object) {
            return object;
        }

        /** The create did not happen: give back what {@link #beforeCreate} took. */
        default void createFailed(KubernetesObject object) {
        }

        /**
         * Adjusts an update of the main resource (e.g. keeps allocated values the client left out, takes new
         * ones). Each call is followed by exactly one of {@link #updateCommitted} and {@link #updateAbandoned}
         * with the object it returned: an update attempt may still be refused by validation, be a dry run, or
         * lose a compare-and-swap and be tried again from the newer object.
         */
        default KubernetesObject beforeUpdate(KubernetesObject updated, KubernetesObject old) {
            return updated;
        }

        /** The object {@link #beforeUpdate} returned was stored in place of {@code old}. */
        default void updateCommitted(KubernetesObject written, KubernetesObject old) {
        }

        /** The object {@link #beforeUpdate} returned was not stored; {@code old} stays. */
        default void updateAbandoned(KubernetesObject attempted, KubernetesObject old) {
        }

        /** The object is gone from storage. */
        default void afterDelete(KubernetesObject deleted) {
        }
    }

    private final ResourceKind<?> kind;
    private final Storage storage;
    private final String resourcePrefix;
    private final Strategy strategy;
    private final Clock clock;
    private final WatchCache cache;
    private volatile NamespaceGuard namespaceGuard = (ns, k, n) -> { };
    private volatile Hooks hooks = new Hooks() { };
    /**
     * Whether read-modify-writes may start from the watch cache's copy. Not with hooks: their side effects
     * (a Service's NodePort allocation) would run once more for every retry a stale copy causes.
     */
    private volatile boolean updatesFromCache = true;

    public Registry(ResourceKind<?> kind, Storage storage, String etcdPrefix, Strategy strategy, Clock clock,
                    int watchCacheCapacity) {
        this.kind = kind;
        this.storage = storage;
        this.resourcePrefix = etcdPrefix + "/" + kind.plural() + "/";
        this.strategy = strategy;
        this.clock = clock;
        this.cache = new WatchCache(storage, resourcePrefix, this::decode, watchCacheCapacity);
    }

    public ResourceKind<?> kind() {
        return kind;
    }

    public Strategy strategy() {
        return strategy;
    }

    public WatchCache cache() {
        return cache;
    }

    public void setNamespaceGuard(NamespaceGuard guard) {
        this.namespaceGuard = guard;
    }

    public void setHooks(Hooks hooks) {
        this.hooks = hooks;
        this.updatesFromCache = false;
    }

    /** Starts the watch cache (lists the resource and watches it). */
    public void start() {
        cache.start();
    }

    public void stop() {
        cache.close();
    }

    // ------------------------------------------------------------------ keys and encoding

    /** {@code /registry/pods/default/web} or {@code /registry/nodes/n1}. */
    public String key(String namespace, String name) {
        return kind.namespaced() ? resourcePrefix + namespace + "/" + name : resourcePrefix + name;
    }

    private String collectionPrefix(String namespace) {
        return kind.namespaced() && namespace != null && !namespace.isEmpty() ? resourcePrefix + namespace + "/" : resourcePrefix;
    }

    /** A stored object, with its resourceVersion set from etcd's modRevision. */
    KubernetesObject decode(KeyValue kv) {
        try {
            KubernetesObject object = Codec.fromJson(kv.value(), kind.type()).value();
            return object.withMetadata(object.metadata().withResourceVersion(Long.toString(kv.modRevision())));
        } catch (DecodeException e) {
            throw new IllegalStateException("stored object at " + kv.key() + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** What goes into etcd: the object without its resourceVersion (etcd's revision is the source of truth). */
    private static byte[] encode(KubernetesObject object) {
        return Codec.toJson(object.withMetadata(object.metadata().withResourceVersion(null)));
    }

    private static KubernetesObject withVersion(KubernetesObject object, long revision) {
        return object.withMetadata(object.metadata().withResourceVersion(Long.toString(revision)));
    }

    // ------------------------------------------------------------------ get

    public KubernetesObject get(String namespace, String name) {
        KeyValue kv = read(key(namespace, name)).orElseThrow(() -> ApiError.notFound(kind, name));
        return decode(kv);
    }

    private Optional<KeyValue> read(String key) {
        try {
            return storage.get(key);
        } catch (StorageException e) {
            throw storageError(e, null);
        }
    }

    // ------------------------------------------------------------------ create

    /**
     * An object as a write left it, with its JSON when the write produced it: the response body comes from the
     * same encoding as the stored bytes (see {@link StoredJson}). {@code json} is null when nothing was
     * written (dry run, no-op update); the caller then encodes the object itself.
     */
    public record Written(KubernetesObject object, byte[] json) {
    }

    public KubernetesObject create(String namespace, KubernetesObject object, boolean dryRun) {
        return createWritten(namespace, object, dryRun).object();
    }

    /** {@link #create}, also returning the created object's JSON. */
    public Written createWritten(String namespace, KubernetesObject object, boolean dryRun) {
        object = checkTypeAndNamespace(object, namespace);
        ObjectMeta meta = object.metadata() == null ? emptyMeta() : object.metadata();
        boolean generated = isEmpty(meta.name()) && !isEmpty(meta.generateName());
        if (isEmpty(meta.name()) && !generated) {
            throw ApiError.invalid(kind, "", List.of(new StatusCause("FieldValueRequired",
                    "name or generateName is required", "metadata.name")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        meta = meta.withUid(randomUid())
                .withCreationTimestamp(now)
                .withResourceVersion(null)
                .withGeneration(1L)
                .withDeletionTimestamp(null)
                .withDeletionGracePeriodSeconds(null)
                .withSelfLink(null);
        KubernetesObject prepared = strategy.prepareForCreate(object.withMetadata(meta));
        for (int attempt = 0; ; attempt++) {
            KubernetesObject candidate = prepared;
            if (generated) {
                String name = meta.generateName() + randomSuffix();
                candidate = candidate.withMetadata(candidate.metadata().withName(name));
            }
            String name = candidate.metadata().name();
            if (kind.namespaced()) {
                namespaceGuard.checkCreate(namespace, kind, name);
            }
            KubernetesObject defaulted = strategy.applyDefaults(candidate);
            validate(defaulted);
            if (dryRun) {
                return new Written(defaulted, null);
            }
            KubernetesObject allocated = hooks.beforeCreate(defaulted);
            try {
                StoredJson json = StoredJson.of(allocated);
                long revision = storage.create(key(namespace, name), json.stored());
                return new Written(withVersion(allocated, revision), json.withVersion(revision));
            } catch (StorageException e) {
                hooks.createFailed(allocated);
                if (e.code() == StorageException.Code.KEY_EXISTS && generated && attempt < 3) {
                    continue;
                }
                throw storageError(e, name);
            } catch (RuntimeException e) {
                hooks.createFailed(allocated);
                throw e;
            }
        }
    }

    private void validate(KubernetesObject object) {
        List<StatusCause> causes = strategy.validate(object);
        if (!causes.isEmpty()) {
            throw ApiError.invalid(kind, nameOf(object), causes);
        }
    }

    private static String randomSuffix() {
        char[] suffix = new char[5];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = GENERATE_ALPHABET.charAt(random.nextInt(GENERATE_ALPHABET.length()));
        }
        return new String(suffix);
    }

    /**
     * A version-4 UUID. Uids must be unique, not secret, so a per-thread generator is used instead of
     * {@link UUID#randomUUID()}, whose shared SecureRandom serialises concurrent creates.
     */
    static String randomUid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** apiVersion/kind must be absent or this kind's; the namespace must be absent or the URL's. */
    private KubernetesObject checkTypeAndNamespace(KubernetesObject object, String namespace) {
        if (!isEmpty(object.apiVersion()) && !object.apiVersion().equals(kind.apiVersion())) {
            throw ApiError.badRequest("the API version in the data (" + object.apiVersion()
                    + ") does not match the expected API version (" + kind.apiVersion() + ")");
        }
        if (!isEmpty(object.kind()) && !object.kind().equals(kind.kind())) {
            throw ApiError.badRequest("the kind in the data (" + object.kind() + ") does not match the expected kind ("
                    + kind.kind() + ")");
        }
        object = object.withApiVersion(kind.apiVersion()).withKind(kind.kind());
        ObjectMeta meta = object.metadata() == null ? emptyMeta() : object.metadata();
        if (kind.namespaced()) {
            if (!isEmpty(meta.namespace()) && !meta.namespace().equals(namespace)) {
                throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            meta = meta.withNamespace(namespace);
        } else {
            meta = meta.withNamespace(null);
        }
        return object.withMetadata(meta);
    }

    // ------------------------------------------------------------------ update

    /** Which parts of the object an update may change. */
    public enum UpdateScope {
        /** The main resource: everything but the status (for kinds with a status subresource). */
        MAIN,
        /** The status subresource: only the status. */
        STATUS,
        /** Server-internal updates that set spec and status together (pods/binding). */
        ALL
    }

    /** PUT of the main resource or of {@code /status}. */
    public KubernetesObject update(String namespace, String name, KubernetesObject object, boolean status, boolean dryRun) {
        return updateWritten(namespace, name, object, status, dryRun).object();
    }

    /** {@link #update}, also returning the written object's JSON. */
    public Written updateWritten(String namespace, String name, KubernetesObject object, boolean status, boolean dryRun) {
        object = checkTypeAndNamespace(object, namespace);
        if (!name.equals(object.metadata().name())) {
            throw ApiError.badRequest("the name of the object (" + object.metadata().name()
                    + ") does not match the name on the URL (" + name + ")");
        }
        KubernetesObject submitted = object;
        String clientVersion = object.metadata().resourceVersion();
        return guaranteedUpdateWritten(namespace, name, current -> submitted, isEmpty(clientVersion) ? null : clientVersion,
                status ? UpdateScope.STATUS : UpdateScope.MAIN, dryRun);
    }

    /** {@link #guaranteedUpdate(String, String, UnaryOperator, String, UpdateScope, boolean)} of the main resource or status. */
    public KubernetesObject guaranteedUpdate(String namespace, String name, UnaryOperator<KubernetesObject> mutation,
                                             String pinnedVersion, boolean status, boolean dryRun) {
        return guaranteedUpdate(namespace, name, mutation, pinnedVersion, status ? UpdateScope.STATUS : UpdateScope.MAIN, dryRun);
    }

    /**
     * A server-side read-modify-write: reads the current object, applies {@code mutation} (which may throw
     * ApiError), writes with compare-and-swap, and retries on conflict — unless the client pinned a
     * resourceVersion ({@code pinnedVersion}), in which case a different current version is a 409 for the
     * client to resolve.
     */
    public KubernetesObject guaranteedUpdate(String namespace, String name, UnaryOperator<KubernetesObject> mutation,
                                             String pinnedVersion, UpdateScope scope, boolean dryRun) {
        return guaranteedUpdateWritten(namespace, name, mutation, pinnedVersion, scope, dryRun).object();
    }

    /**
     * {@link #guaranteedUpdate}, also returning the written object's JSON. It works as Kubernetes'
     * GuaranteedUpdate does with a watch cache in front of etcd:
     * <ol>
     *   <li>Start from the watch cache's copy of the object, not from an etcd read: the write is a
     *       compare-and-swap on the copy's modRevision, so a stale copy cannot overwrite a newer object, it only
     *       makes the write fail.</li>
     *   <li>A failed compare returns the key's current value in the same etcd transaction; retry from that
     *       (again without a separate read).</li>
     *   <li>What a stale copy could get wrong before the write is re-checked against etcd: a mutation or
     *       validation error, a pinned resourceVersion that does not match, or "nothing changed" (which writes
     *       nothing) computed from the cached copy lead to one etcd read; the answer stands only if etcd holds
     *       that same revision, otherwise the update runs again on etcd's object.</li>
     * </ol>
     * Objects missing from the cache (not there yet), dry runs and kinds with {@link Hooks} read etcd first.
     */
    public Written guaranteedUpdateWritten(String namespace, String name, UnaryOperator<KubernetesObject> mutation,
                                           String pinnedVersion, UpdateScope scope, boolean dryRun) {
        boolean status = scope == UpdateScope.STATUS;
        boolean pinned = !isEmpty(pinnedVersion);
        String key = key(namespace, name);
        Optional<WatchCache.Entry> cached = dryRun || !updatesFromCache ? Optional.empty() : cache.entry(key);
        KeyValue currentKv = cached.map(WatchCache.Entry::kv).orElse(null);
        KubernetesObject current = cached.map(WatchCache.Entry::object).orElse(null);
        // Whether currentKv was read from etcd itself (else it is the cache's, possibly stale).
        boolean fromEtcd = false;
        if (currentKv == null) {
            currentKv = read(key).orElseThrow(() -> ApiError.notFound(kind, name));
            current = decode(currentKv);
            fromEtcd = true;
        }
        for (int attempt = 0; ; attempt++) {
            KubernetesObject next;
            StoredJson json;
            // Whether the hooks have seen this attempt's object (and so must hear whether it was stored).
            boolean hooked = false;
            try {
                KubernetesObject updated = mutation.apply(current);
                if (updated.metadata() == null) {
                    updated = updated.withMetadata(emptyMeta());
                }
                if (pinned && !pinnedVersion.equals(current.metadata().resourceVersion())) {
                    throw ApiError.conflict(kind, name, CONFLICT_MESSAGE);
                }
                next = prepareUpdate(checkTypeAndNamespace(updated, namespace), current, scope);
                hooked = scope == UpdateScope.MAIN;
                json = StoredJson.of(next);
                if (Arrays.equals(json.stored(), currentKv.value()) || Arrays.equals(json.stored(), encode(current))) {
                    if (hooked) {
                        hooks.updateAbandoned(next, current);
                    }
                    if (fromEtcd) {
                        return new Written(current, null); // nothing changed: no write, same resourceVersion, as Kubernetes does
                    }
                    throw new StaleCheck();
                }
            } catch (ApiError | StaleCheck e) {
                if (fromEtcd) {
                    throw e;
                }
                long seen = currentKv.modRevision();
                currentKv = read(key).orElseThrow(() -> ApiError.notFound(kind, name));
                current = decode(currentKv);
                fromEtcd = true;
                if (currentKv.modRevision() == seen) {
                    // The cached copy was current after all: its answer stands.
                    if (e instanceof ApiError error) {
                        throw error;
                    }
                    return new Written(current, null);
                }
                continue;
            }
            if (dryRun) {
                if (hooked) {
                    hooks.updateAbandoned(next, current);
                }
                return new Written(next, null);
            }
            boolean stored = false;
            try {
                if (next.metadata().deletionTimestamp() != null && isEmpty(next.metadata().finalizers())
                        && !hasNamespaceFinalizers(next)
                        && !(next instanceof Pod && current.metadata().deletionTimestamp() != null && !status
                        && next.metadata().deletionGracePeriodSeconds() != null
                        && next.metadata().deletionGracePeriodSeconds() > 0)) {
                    // The last finalizer is gone from an object being deleted: finish the deletion.
                    KeyValue deleted = storage.delete(key, currentKv.modRevision());
                    if (hooked) {
                        hooks.updateAbandoned(next, current);
                    }
                    stored = true;
                    hooks.afterDelete(current);
                    return new Written(withVersion(next, deleted.modRevision()), null);
                }
                long revision = storage.update(key, json.stored(), currentKv.modRevision());
                stored = true;
                if (hooked) {
                    hooks.updateCommitted(next, current);
                }
                return new Written(withVersion(next, revision), json.withVersion(revision));
            } catch (StorageException e) {
                if (hooked && !stored) {
                    hooks.updateAbandoned(next, current);
                }
                if (e.code() == StorageException.Code.CONFLICT && !pinned && attempt < MAX_RETRIES) {
                    // Retry from what etcd holds now: returned by the failed transaction, else read.
                    Optional<KeyValue> now = e.current();
                    currentKv = now.isPresent() ? now.get() : read(key).orElseThrow(() -> ApiError.notFound(kind, name));
                    current = decode(currentKv);
                    fromEtcd = true;
                    continue;
                }
                throw storageError(e, name);
            }
        }
    }

    /** "Nothing to write", found on a cached copy that may be stale: see {@link #guaranteedUpdateWritten}. */
    private static final class StaleCheck extends RuntimeException {
        StaleCheck() {
            super(null, null, false, false);
        }
    }

    private KubernetesObject prepareUpdate(KubernetesObject updated, KubernetesObject current, UpdateScope scope) {
        boolean status = scope == UpdateScope.STATUS;
        ObjectMeta old = current.metadata();
        ObjectMeta meta = updated.metadata();
        if (!isEmpty(meta.uid()) && !meta.uid().equals(old.uid())) {
            throw ApiError.conflict(kind, old.name(), "Precondition failed: UID in precondition: " + meta.uid()
                    + ", UID in object meta: " + old.uid());
        }
        // Server-owned metadata is never taken from the client.
        meta = meta.withUid(old.uid())
                .withName(old.name())
                .withCreationTimestamp(old.creationTimestamp())
                .withGeneration(old.generation())
                .withDeletionTimestamp(old.deletionTimestamp())
                .withDeletionGracePeriodSeconds(old.deletionGracePeriodSeconds())
                .withGenerateName(old.generateName() != null && meta.generateName() == null ? old.generateName() : meta.generateName())
                .withSelfLink(null)
                .withResourceVersion(old.resourceVersion());
        KubernetesObject next = updated.withMetadata(meta);
        next = switch (scope) {
            case STATUS -> strategy.prepareForStatusUpdate(next, current);
            case MAIN -> strategy.prepareForUpdate(next, current);
            case ALL -> next;
        };
        next = strategy.applyDefaults(next);
        if (scope == UpdateScope.MAIN) {
            next = hooks.beforeUpdate(next, current);
            try {
                return checkUpdate(next, current, old, scope);
            } catch (RuntimeException e) {
                hooks.updateAbandoned(next, current);
                throw e;
            }
        }
        return checkUpdate(next, current, old, scope);
    }

    /** Generation and validation of an update, once defaulted (and, for the main resource, seen by the hooks). */
    private KubernetesObject checkUpdate(KubernetesObject prepared, KubernetesObject current, ObjectMeta old, UpdateScope scope) {
        boolean status = scope == UpdateScope.STATUS;
        KubernetesObject next = prepared;
        if (!status && strategy.specChanged(next, current)) {
            long generation = old.generation() == null ? 1 : old.generation();
            next = next.withMetadata(next.metadata().withGeneration(generation + 1));
        }
        List<StatusCause> causes = new ArrayList<>(strategy.validate(next));
        if (scope != UpdateScope.ALL) {
            // Server-internal updates (a pod's binding, a namespace's finalize) change fields that user updates
            // may not, such as spec.nodeName; they are checked by their own handlers instead.
            causes.addAll(strategy.validateUpdate(next, current));
        }
        if (!causes.isEmpty()) {
            throw ApiError.invalid(kind, old.name(), causes);
        }
        return next;
    }

    // ------------------------------------------------------------------ delete

    /** The outcome of a delete: the object, and whether it is gone or only marked for deletion. */
    public record DeleteResult(KubernetesObject object, boolean deleted) {
    }

    public DeleteResult delete(String namespace, String name, DeleteOptions options, boolean dryRun) {
        DeleteOptions opts = options == null ? new DeleteOptions(null, null, null, null, null, null, null) : options;
        String key = key(namespace, name);
        for (int attempt = 0; ; attempt++) {
            KeyValue currentKv = read(key).orElseThrow(() -> ApiError.notFound(kind, name));
            KubernetesObject current = decode(currentKv);
            checkPreconditions(current, opts);
            ObjectMeta meta = current.metadata();
            List<String> finalizers = new ArrayList<>(meta.finalizers() == null ? List.of() : meta.finalizers());
            String policy = propagationPolicy(opts);
            if ("Foreground".equals(policy) && !finalizers.contains("foregroundDeletion")) {
                finalizers.add("foregroundDeletion");
            } else if ("Orphan".equals(policy) && !finalizers.contains("orphan")) {
                finalizers.add("orphan");
            }
            Long grace = gracePeriod(current, opts);
            boolean graceful = grace != null && grace > 0;
            if (hasNamespaceFinalizers(current)) {
                // A namespace with spec.finalizers turns Terminating; the namespace controller empties it, then
                // removes its finalizer through /finalize, and the last removal deletes it.
                if (dryRun) {
                    return new DeleteResult(current, false);
                }
                Namespace ns = (Namespace) current;
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                ObjectMeta marked = meta.deletionTimestamp() == null
                        ? meta.withDeletionTimestamp(now).withDeletionGracePeriodSeconds(0L) : meta;
                NamespaceStatus status = new NamespaceStatus("Terminating", ns.status() == null ? null : ns.status().conditions());
                KubernetesObject next = ns.withMetadata(marked).withStatus(status);
                if (Arrays.equals(encode(next), encode(current))) {
                    return new DeleteResult(current, false);
                }
                try {
                    long revision = storage.update(key, encode(next), currentKv.modRevision());
                    return new DeleteResult(withVersion(next, revision), false);
                } catch (StorageException e) {
                    if (e.code() == StorageException.Code.CONFLICT && attempt < MAX_RETRIES) {
                        continue;
                    }
                    throw storageError(e, name);
                }
            }
            try {
                if (finalizers.isEmpty() && !graceful) {
                    if (dryRun) {
                        return new DeleteResult(current, true);
                    }
                    KeyValue deleted = storage.delete(key, currentKv.modRevision());
                    hooks.afterDelete(current);
                    return new DeleteResult(withVersion(current, deleted.modRevision()), true);
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                ObjectMeta marked = meta.withFinalizers(finalizers.isEmpty() ? meta.finalizers() : finalizers);
                if (meta.deletionTimestamp() == null) {
                    marked = marked.withDeletionTimestamp(graceful ? now.plusSeconds(grace) : now)
                            .withDeletionGracePeriodSeconds(graceful ? grace : 0L);
                } else if (graceful && meta.deletionGracePeriodSeconds() != null && grace < meta.deletionGracePeriodSeconds()) {
                    // A second delete may shorten the grace period, never extend it.
                    marked = marked.withDeletionTimestamp(now.plusSeconds(grace)).withDeletionGracePeriodSeconds(grace);
                }
                KubernetesObject next = current.withMetadata(marked);
                if (Arrays.equals(encode(next), encode(current)) || dryRun) {
                    return new DeleteResult(next, false);
                }
                long revision = storage.update(key, encode(next), currentKv.modRevision());
                return new DeleteResult(withVersion(next, revision), false);
            } catch (StorageException e) {
                if (e.code() == StorageException.Code.CONFLICT && attempt < MAX_RETRIES) {
                    continue;
                }
                throw storageError(e, name);
            }
        }
    }

    private static boolean hasNamespaceFinalizers(KubernetesObject object) {
        return object instanceof Namespace ns && ns.spec() != null && !isEmpty(ns.spec().finalizers());
    }

    private void checkPreconditions(KubernetesObject current, DeleteOptions options) {
        if (options.preconditions() == null) {
            return;
        }
        String uid = options.preconditions().uid();
        if (!isEmpty(uid) && !uid.equals(current.metadata().uid())) {
            throw ApiError.conflict(kind, current.metadata().name(), "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + current.metadata().uid());
        }
        String rv = options.preconditions().resourceVersion();
        if (!isEmpty(rv) && !rv.equals(current.metadata().resourceVersion())) {
            throw ApiError.conflict(kind, current.metadata().name(), "Precondition failed: ResourceVersion in precondition: "
                    + rv + ", ResourceVersion in object meta: " + current.metadata().resourceVersion());
        }
    }

    private static String propagationPolicy(DeleteOptions options) {
        if (options.propagationPolicy() != null) {
            String policy = options.propagationPolicy();
            if (!List.of("Orphan", "Background", "Foreground").contains(policy)) {
                throw ApiError.invalid(io.tugboat.api.ResourceKinds.PODS, "", List.of(new StatusCause("FieldValueNotSupported",
                        "Unsupported value: \"" + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
                        "propagationPolicy")));
            }
            return policy;
        }
        if (Boolean.TRUE.equals(options.orphanDependents())) {
            return "Orphan";
        }
        return "Background";
    }

    /**
     * Graceful deletion applies to pods only: a pod running on a node gets its grace period (from the
     * options, else the pod spec, else 30 s) so the kubelet can stop it; an unscheduled or finished pod, or
     * grace 0, is deleted at once.
     */
    private Long gracePeriod(KubernetesObject current, DeleteOptions options) {
        if (!(current instanceof Pod pod)) {
            return null;
        }
        Long grace = options.gracePeriodSeconds();
        if (grace == null) {
            grace = pod.spec() != null && pod.spec().terminationGracePeriodSeconds() != null
                    ? pod.spec().terminationGracePeriodSeconds() : 30L;
        }
        boolean scheduled = pod.spec() != null && !isEmpty(pod.spec().nodeName());
        String phase = pod.status() == null ? null : pod.status().phase();
        if (!scheduled || "Succeeded".equals(phase) || "Failed".equals(phase) || grace < 0) {
            return 0L;
        }
        return grace;
    }

    // ------------------------------------------------------------------ list

    /** One page of a list. */
    public record ListPage(List<KubernetesObject> items, long revision, String continueToken, Long remainingItemCount) {
    }

    /**
     * Lists, with Kubernetes' resourceVersion semantics: none = the most recent state (a quorum read from
     * etcd); "0" = any state (the watch cache, at once); "N" = a state not older than N (the watch cache, once it
     * has caught up with N); "N" with {@code resourceVersionMatch=Exact} = the state at exactly N (etcd at that
     * revision, 410 if compacted). A continue token reads the next page at the first page's revision. The list's
     * resourceVersion is always the revision its items reflect.
     */
    public ListPage list(String namespace, ListOptions options) {
        Predicate<KubernetesObject> filter = filter(namespace, options);
        String version = options.resourceVersion();
        boolean exact = "Exact".equals(options.resourceVersionMatch());
        if (isEmpty(options.continueToken()) && !isEmpty(version) && !exact) {
            long atLeast = parseVersion(version);
            if (atLeast > 0) {
                try {
                    cache.waitUntilFresh(atLeast, Duration.ofSeconds(3));
                } catch (WatchCache.TooLargeResourceVersionException e) {
                    throw ApiError.timeout(e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ApiError.unavailable("interrupted");
                }
            }
            // Served from the watch cache, ignoring limit, as Kubernetes does.
            WatchCache.Snapshot snapshot = cache.snapshot(collectionPrefix(namespace));
            List<KubernetesObject> items = snapshot.items().stream().filter(filter).toList();
            return new ListPage(items, snapshot.revision(), null, null);
        }
        String prefix = collectionPrefix(namespace);
        String start = null;
        long revision = 0;
        if (!isEmpty(options.continueToken())) {
            ContinueToken token = ContinueToken.decode(options.continueToken());
            start = prefix + token.start();
            revision = token.revision();
            if (!start.startsWith(prefix)) {
                throw ApiError.badRequest("continue key is not valid: " + options.continueToken());
            }
        } else if (exact) {
            revision = parseVersion(version);
        }
        long pinned = revision;
        boolean filtered = !options.labelSelector().isEmpty() || !options.fieldSelector().requirements().isEmpty();
        long limit = options.limit() > 0 ? options.limit() : 0;
        List<KubernetesObject> items = new ArrayList<>();
        try {
            while (true) {
                long chunk = limit == 0 ? 0 : Math.max(limit - items.size(), filtered ? 100 : 0);
                ListResult page = storage.list(prefix, start, chunk, revision);
                // etcd's header carries its current revision; a read at a pinned revision reflects that one.
                revision = pinned > 0 ? pinned : page.revision();
                pinned = revision; // every further chunk of this list reads at the same revision
                KeyValue lastReturned = null;
                int examined = 0;
                for (KeyValue kv : page.items()) {
                    examined++;
                    KubernetesObject object = decode(kv);
                    if (filter.test(object)) {
                        items.add(object);
                        lastReturned = kv;
                        if (limit > 0 && items.size() == limit) {
                            break;
                        }
                    }
                }
                boolean moreInPage = examined < page.items().size();
                if (limit > 0 && items.size() == limit) {
                    if (moreInPage || page.hasMore()) {
                        String next = lastReturned.key().substring(prefix.length()) + "\0";
                        Long remaining = filtered ? null : (page.remaining() + page.items().size() - examined);
                        return new ListPage(items, revision, new ContinueToken(revision, next).encode(), remaining);
                    }
                    return new ListPage(items, revision, null, null);
                }
                if (!page.hasMore()) {
                    return new ListPage(items, revision, null, null);
                }
                start = page.items().get(page.items().size() - 1).key() + "\0";
            }
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.EXPIRED && exact) {
                throw ApiError.gone("too old resource version: " + version);
            }
            if (e.code() == StorageException.Code.EXPIRED && !isEmpty(options.continueToken())) {
                throw ApiError.gone("The provided continue parameter is too old to display a consistent list result. "
                        + "You can start a new list without the continue parameter.");
            }
            throw storageError(e, null);
        }
    }

    /** The predicate a list or watch applies: namespace, label selector, field selector. */
    public Predicate<KubernetesObject> filter(String namespace, ListOptions options) {
        boolean allNamespaces = namespace == null || namespace.isEmpty() || !kind.namespaced();
        // Reject unknown field labels up front, as Kubernetes does.
        Map<String, String> probe = strategy.selectableFields(emptyObject());
        options.fieldSelector().requirements().forEach(r -> {
            String field = r.field();
            if (!field.equals("metadata.name") && !field.equals("metadata.namespace") && !probe.containsKey(field)) {
                throw ApiError.badRequest("field label not supported: " + field);
            }
        });
        return object -> {
            ObjectMeta meta = object.metadata();
            if (!allNamespaces && !namespace.equals(meta.namespace())) {
                return false;
            }
            if (!options.labelSelector().matches(meta.labels() == null ? Map.of() : meta.labels())) {
                return false;
            }
            if (options.fieldSelector().requirements().isEmpty()) {
                return true;
            }
            Map<String, String> fields = strategy.selectableFields(object);
            return options.fieldSelector().matches(field -> switch (field) {
                case "metadata.name" -> meta.name() == null ? "" : meta.name();
                case "metadata.namespace" -> meta.namespace() == null ? "" : meta.namespace();
                default -> fields.getOrDefault(field, "");
            });
        };
    }

    private KubernetesObject emptyObject() {
        try {
            return Codec.fromJson("{}", kind.type()).value();
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ watch

    /**
     * Starts a watch for one client. Returns a handle that stops it. {@code resourceVersion} "" or "0" sends the
     * current objects first; a version newer than the cache waits (briefly) for the cache to catch up.
     */
    public AutoCloseable watch(String namespace, ListOptions options, WatchSink sink) {
        Predicate<KubernetesObject> filter = filter(namespace, options);
        long from = isEmpty(options.resourceVersion()) ? 0 : parseVersion(options.resourceVersion());
        try {
            if (from > 0) {
                cache.waitUntilFresh(from, Duration.ofSeconds(3));
            }
            return cache.watch(from, filter, sink);
        } catch (WatchCache.ExpiredException e) {
            throw ApiError.gone(e.getMessage());
        } catch (WatchCache.TooLargeResourceVersionException e) {
            throw ApiError.timeout(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Parses a resourceVersion query parameter; a malformed one is a 400. */
    public static long parseVersion(String resourceVersion) {
        try {
            long value = Long.parseLong(resourceVersion);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid resource version: " + resourceVersion);
        }
    }

    private ApiError storageError(StorageException e, String name) {
        return switch (e.code()) {
            case KEY_EXISTS -> ApiError.alreadyExists(kind, name);
            case KEY_NOT_FOUND -> ApiError.notFound(kind, name);
            case CONFLICT -> ApiError.conflict(kind, name, CONFLICT_MESSAGE);
            case EXPIRED -> ApiError.gone("too old resource version");
            case TIMEOUT -> ApiError.timeout("etcd did not answer in time: " + e.getMessage());
            case UNAVAILABLE -> ApiError.unavailable("storage is unavailable: " + e.getMessage());
        };
    }

    private static ObjectMeta emptyMeta() {
        return new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String nameOf(KubernetesObject object) {
        return object.metadata() == null || object.metadata().name() == null ? "" : object.metadata().name();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    /** Kubernetes' continue token: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"key-suffix"}. */
    record ContinueToken(long revision, String start) {
        String encode() {
            ObjectNode node = Codec.json().createObjectNode();
            node.put("v", "meta.k8s.io/v1");
            node.put("rv", revision);
            node.put("start", start);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
        }

        static ContinueToken decode(String token) {
            try {
                JsonNode node = Codec.json().readTree(Base64.getUrlDecoder().decode(token.replace("=", "")));
                if (!"meta.k8s.io/v1".equals(node.path("v").asText()) || !node.path("rv").canConvertToLong()
                        || node.path("rv").asLong() <= 0 || !node.path("start").isTextual()) {
                    throw new IllegalArgumentException("bad token");
                }
                String start = node.get("start").asText();
                if (start.contains("/") && !start.endsWith("\0")) {
                    throw new IllegalArgumentException("bad start");
                }
                return new ContinueToken(node.get("rv").asLong(), start);
            } catch (Exception e) {
                throw ApiError.badRequest("continue key is not valid: " + e.getMessage());
            }
        }
    }

    /** For callers that want to apply a change to every matching object (deletecollection). */
    public void forEach(String namespace, ListOptions options, Consumer<KubernetesObject> action) {
        list(namespace, new ListOptions(options.labelSelector(), options.fieldSelector(), 0, null, null, null, false, 0))
                .items().forEach(action);
    }
}
