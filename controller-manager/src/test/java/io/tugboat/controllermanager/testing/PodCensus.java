package io.tugboat.controllermanager.testing;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.WatchEvent;
import io.tugboat.client.WatchStream;
import io.tugboat.controllermanager.common.Pods;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a set of pods through one watch, event by event, and keeps the extremes: the most live pods (not being
 * deleted) and the fewest available ones (ready and live) at any moment the watch showed. Every event is an
 * observed moment, so a bound checked here holds for the whole history, not for a few samples.
 */
public final class PodCensus implements AutoCloseable {
    private final Map<String, Pod> live = new HashMap<>();
    private final WatchStream<Pod> watch;
    private final Thread reader;
    private int maxLive;
    private int minAvailable;
    private int added;
    private int deleted;
    private volatile Exception failure;

    private PodCensus(ApiClient client, String namespace, String selector) throws Exception {
        ResourceClient<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace(namespace);
        var list = pods.list(ListOptions.none().withLabelSelector(selector));
        for (Pod pod : list.items()) {
            if (pod.metadata().deletionTimestamp() == null) {
                live.put(pod.metadata().name(), pod);
            }
        }
        maxLive = live.size();
        minAvailable = available();
        watch = pods.watch(ListOptions.none().withLabelSelector(selector).withResourceVersion(list.metadata().resourceVersion()));
        reader = new Thread(this::read, "pod-census");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts counting the pods of {@code namespace} matching {@code selector}. */
    public static PodCensus start(ApiClient client, String namespace, String selector) throws Exception {
        return new PodCensus(client, namespace, selector);
    }

    private void read() {
        try {
            for (WatchEvent<Pod> event; (event = watch.next()) != null; ) {
                apply(event);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private synchronized void apply(WatchEvent<Pod> event) {
        Pod pod = event.object();
        String name = pod == null ? null : pod.metadata().name();
        switch (event.type()) {
            case ADDED, MODIFIED -> {
                if (event.type() == WatchEvent.Type.ADDED) {
                    added++;
                }
                if (pod.metadata().deletionTimestamp() == null) {
                    live.put(name, pod);
                } else if (live.remove(name) != null) {
                    deleted++;
                }
            }
            case DELETED -> {
                if (live.remove(name) != null) {
                    deleted++;
                }
            }
            default -> {
                return;
            }
        }
        maxLive = Math.max(maxLive, live.size());
        minAvailable = Math.min(minAvailable, available());
    }

    private int available() {
        return (int) live.values().stream().filter(Pods::isReady).count();
    }

    public synchronized int maxLive() {
        return maxLive;
    }

    public synchronized int minAvailable() {
        return minAvailable;
    }

    /** Pods created since the census started. */
    public synchronized int added() {
        return added;
    }

    /** Pods that started being deleted (or vanished) since the census started. */
    public synchronized int deleted() {
        return deleted;
    }

    /** Live pods now, as the watch has shown them so far. */
    public synchronized Map<String, Pod> live() {
        return Map.copyOf(live);
    }

    @Override
    public void close() throws Exception {
        watch.close();
        reader.join(5_000);
        if (failure != null && !(failure instanceof io.tugboat.client.ApiException)) {
            throw failure;
        }
    }
}
