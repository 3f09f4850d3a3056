package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Records notifications as short sentences: {@code add default/a@101}, {@code update default/a@101->103},
 * {@code resync default/a@101} (an update with the same instance), {@code delete default/b@105} (a
 * {@link DeletedObject}) and {@code tombstone default/c@102} (a {@link DeletedFinalStateUnknown}).
 */
final class RecordingHandler<T extends KubernetesObject> implements ResourceEventHandler<T> {
    private final List<String> events = new ArrayList<>();

    private static String at(KubernetesObject object) {
        return Keys.keyOf(object) + "@" + object.metadata().resourceVersion();
    }

    @Override
    public synchronized void onAdd(T object) {
        events.add("add " + at(object));
    }

    @Override
    public synchronized void onUpdate(T oldObject, T newObject) {
        events.add(oldObject == newObject
                ? "resync " + at(newObject)
                : "update " + at(oldObject) + "->" + newObject.metadata().resourceVersion());
    }

    @Override
    public synchronized void onDelete(Deleted<T> deleted) {
        String kind = deleted instanceof DeletedFinalStateUnknown ? "tombstone " : "delete ";
        events.add(kind + deleted.key() + "@" + deleted.lastKnown().metadata().resourceVersion());
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized int count() {
        return events.size();
    }

    /** Waits for {@code count} events, then returns them all and starts a fresh recording. */
    List<String> take(int count) throws InterruptedException {
        Eventually.await(count + " events (have " + events() + ")", () -> count() >= count);
        synchronized (this) {
            List<String> taken = List.copyOf(events);
            events.clear();
            return taken;
        }
    }
}
