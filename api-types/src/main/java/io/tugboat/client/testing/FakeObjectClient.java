package io.tugboat.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ObjectClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link ObjectClient} for unit tests of controllers: it keeps objects of one kind, follows the API
 * server's rules that matter to a reconciler (AlreadyExists, NotFound, Conflict on a stale resourceVersion, a new
 * resourceVersion on every write, status updates touching only the status) and records every call, so a test can
 * assert what the controller did:
 *
 * <pre>{@code
 * FakeObjectClient<ConfigMap> configMaps = new FakeObjectClient<>(ResourceKinds.CONFIG_MAPS);
 * configMaps.seed(source, mirror);
 * new ConfigMapMirrorController(lister, configMaps).reconcile("default/mirror");
 * assertEquals(List.of("update default/mirror"), configMaps.actionNames());
 * }</pre>
 *
 * A fake for pure logic only: integration tests use the real API server.
 */
public final class FakeObjectClient<T extends KubernetesObject> implements ObjectClient<T> {

    /** One recorded call: the verb, the object's namespace and name, and what was sent (null for get/list/delete). */
    public record Action(String verb, String namespace, String name, Object object) {
        @Override
        public String toString() {
            return verb + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + (name == null ? "" : name);
        }
    }

    private final ResourceKind<T> kind;
    private final String namespace;
    private final Clock clock;
    private final Map<String, T> objects;
    private final List<Action> actions;
    private final AtomicLong revision;

    public FakeObjectClient(ResourceKind<T> kind) {
        this(kind, null, Clock.systemUTC(), Collections.synchronizedMap(new TreeMap<>()),
                Collections.synchronizedList(new ArrayList<>()), new AtomicLong(100));
    }

    private FakeObjectClient(ResourceKind<T> kind, String namespace, Clock clock, Map<String, T> objects,
                             List<Action> actions, AtomicLong revision) {
        this.kind = kind;
        this.namespace = namespace;
        this.clock = clock;
        this.objects = objects;
        this.actions = actions;
        this.revision = revision;
    }

    /** The same store and action log, with creation timestamps from {@code clock}. */
    public FakeObjectClient<T> withClock(Clock clock) {
        return new FakeObjectClient<>(kind, namespace, clock, objects, actions, revision);
    }

    @Override
    public FakeObjectClient<T> inNamespace(String namespace) {
        return new FakeObjectClient<>(kind, namespace, clock, objects, actions, revision);
    }

    /** Puts objects in the store without recording actions (the state before the code under test runs). */
    @SafeVarargs
    public final FakeObjectClient<T> seed(T... seeded) {
        for (T object : seeded) {
            objects.put(key(object.metadata().namespace(), object.metadata().name()),
                    stamp(object, object.metadata().uid() == null ? UUID.randomUUID().toString() : object.metadata().uid()));
        }
        return this;
    }

    /** Every recorded call, in order. */
    public List<Action> actions() {
        synchronized (actions) {
            return List.copyOf(actions);
        }
    }

    /** The recorded calls as {@code "verb namespace/name"}, convenient for assertions. */
    public List<String> actionNames() {
        return actions().stream().map(Action::toString).toList();
    }

    /** The mutating calls only (create, update, updateStatus, patch, delete). */
    public List<String> writes() {
        return actionNames().stream().filter(a -> !a.startsWith("get ") && !a.startsWith("list ")).toList();
    }

    public void clearActions() {
        actions.clear();
    }

    /** The stored objects, in key order. */
    public List<T> objects() {
        synchronized (objects) {
            return List.copyOf(objects.values());
        }
    }

    private String key(String ns, String name) {
        return kind.namespaced() ? (ns == null ? "" : ns) + "/" + name : name;
    }

    private String ns(T object) {
        if (!kind.namespaced()) {
            return null;
        }
        String ns = object.metadata().namespace();
        return ns != null && !ns.isEmpty() ? ns : namespace;
    }

    @SuppressWarnings("unchecked")
    private T stamp(T object, String uid) {
        ObjectMeta meta = object.metadata().withUid(uid).withResourceVersion(Long.toString(revision.incrementAndGet()));
        if (meta.creationTimestamp() == null) {
            meta = meta.withCreationTimestamp(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        }
        if (meta.generation() == null) {
            meta = meta.withGeneration(1L);
        }
        return (T) object.withApiVersion(kind.apiVersion()).withKind(kind.kind()).withMetadata(meta);
    }

    private static Status status(int code, String reason, String message) {
        return new Status("v1", "Status", new ListMeta(null, null, null, null), "Failure", message, reason, null, code);
    }

    private ApiException.NotFoundException notFound(String name) {
        return new ApiException.NotFoundException(status(404, "NotFound", kind.qualifiedName() + " \"" + name + "\" not found"));
    }

    @Override
    public T get(String name) throws ApiException {
        actions.add(new Action("get", namespace, name, null));
        T object = objects.get(key(namespace, name));
        if (object == null) {
            throw notFound(name);
        }
        return object;
    }

    @Override
    public ObjectList<T> list(ListOptions options) {
        actions.add(new Action("list", namespace, null, null));
        Selector selector = options.labelSelector() == null || options.labelSelector().isEmpty()
                ? Selector.everything() : Selector.parse(options.labelSelector());
        List<T> items = new ArrayList<>();
        for (T object : objects()) {
            boolean inNamespace = namespace == null || namespace.equals(object.metadata().namespace());
            Map<String, String> labels = object.metadata().labels() == null ? Map.of() : object.metadata().labels();
            if (inNamespace && selector.matches(labels)) {
                items.add(object);
            }
        }
        return new ObjectList<>(kind.apiVersion(), kind.listKind(), new ListMeta(null, Long.toString(revision.get()), null, null), items);
    }

    @Override
    public T create(T object) throws ApiException {
        String ns = ns(object);
        synchronized (objects) {
            // The generated suffix comes from the next revision, so it is picked under the same lock that
            // stamps the object: two concurrent creates never generate one name.
            String name = object.metadata().name();
            if (name == null || name.isEmpty()) {
                String generate = object.metadata().generateName();
                name = (generate == null ? "" : generate) + Long.toString(revision.get() + 1, 36);
            }
            actions.add(new Action("create", ns, name, object));
            if (objects.containsKey(key(ns, name))) {
                throw new ApiException.AlreadyExistsException(status(409, "AlreadyExists",
                        kind.qualifiedName() + " \"" + name + "\" already exists"));
            }
            @SuppressWarnings("unchecked")
            T named = (T) object.withMetadata(object.metadata().withName(name).withNamespace(ns));
            T stored = stamp(named, UUID.randomUUID().toString());
            objects.put(key(ns, name), stored);
            return stored;
        }
    }

    @Override
    public T update(T object) throws ApiException {
        return write("update", object, false);
    }

    @Override
    public T updateStatus(T object) throws ApiException {
        return write("updateStatus", object, true);
    }

    private T write(String verb, T object, boolean statusOnly) throws ApiException {
        String ns = ns(object);
        String name = object.metadata().name();
        actions.add(new Action(verb, ns, name, object));
        synchronized (objects) {
            T current = objects.get(key(ns, name));
            if (current == null) {
                throw notFound(name);
            }
            String rv = object.metadata().resourceVersion();
            if (rv != null && !rv.isEmpty() && !rv.equals(current.metadata().resourceVersion())) {
                throw new ApiException.ConflictException(status(409, "Conflict", "Operation cannot be fulfilled on "
                        + kind.qualifiedName() + " \"" + name + "\": the object has been modified; please apply your "
                        + "changes to the latest version and try again"));
            }
            T next = statusOnly ? withStatusOf(current, object) : object;
            @SuppressWarnings("unchecked")
            T kept = (T) next.withMetadata(next.metadata().withNamespace(ns).withCreationTimestamp(current.metadata().creationTimestamp())
                    .withGeneration(current.metadata().generation()));
            T stored = stamp(kept, current.metadata().uid());
            objects.put(key(ns, name), stored);
            return stored;
        }
    }

    @SuppressWarnings("unchecked")
    private T withStatusOf(T current, T update) {
        ObjectNode tree = (ObjectNode) Codec.toTree(current);
        JsonNode status = Codec.toTree(update).get("status");
        if (status == null) {
            tree.remove("status");
        } else {
            tree.set("status", status);
        }
        try {
            return (T) Codec.fromTree(tree, current.getClass()).value();
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T mergePatch(String name, String patch) throws ApiException {
        T current;
        synchronized (objects) {
            current = objects.get(key(namespace, name));
        }
        if (current == null) {
            actions.add(new Action("patch", namespace, name, patch));
            throw notFound(name);
        }
        try {
            JsonNode merged = merge(Codec.toTree(current), Codec.readTree(patch.getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
            T patched = (T) Codec.fromTree(merged, current.getClass()).value();
            return write("patch", (T) patched.withMetadata(patched.metadata().withResourceVersion(null)), false);
        } catch (DecodeException e) {
            throw new ApiException(status(400, "BadRequest", e.getMessage()));
        }
    }

    /** RFC 7386: objects merge recursively, null removes, anything else replaces. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Codec.json().createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    @Override
    public void delete(String name, DeleteOptions options) throws ApiException {
        actions.add(new Action("delete", namespace, name, options));
        if (objects.remove(key(namespace, name)) == null) {
            throw notFound(name);
        }
    }
}
