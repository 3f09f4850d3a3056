package io.tugboat.controllermanager;

import io.tugboat.client.ApiClient;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every controller of one controller-manager process shares: the API client, the one informer factory
 * (so the garbage collector's and the node controller's interest in pods costs one watch), the options and
 * the clock. Event recorders are made here per reporting component ({@code node-controller},
 * {@code garbage-collector-controller}...) and stopped together with the process.
 */
public final class ControllerContext {
    private final ApiClient client;
    private final SharedInformerFactory informers;
    private final ControllerManagerOptions options;
    private final Clock clock;
    private final List<EventRecorder> recorders = new ArrayList<>();

    public ControllerContext(ApiClient client, SharedInformerFactory informers, ControllerManagerOptions options,
                             Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.informers = Objects.requireNonNull(informers, "informers");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ApiClient client() {
        return client;
    }

    /** Clients for any kind, on {@link #client()}. */
    public ObjectClients clients() {
        return ObjectClients.of(client);
    }

    public SharedInformerFactory informers() {
        return informers;
    }

    public ControllerManagerOptions options() {
        return options;
    }

    public Clock clock() {
        return clock;
    }

    /** A new event recorder reporting as {@code component}, stopped by {@link #stopRecorders()}. */
    public synchronized EventRecorder recorder(String component) {
        EventRecorder recorder = EventRecorder.builder(client, component).clock(clock).build();
        recorders.add(recorder);
        return recorder;
    }

    /** Writes the events still queued and stops every recorder handed out. */
    public void stopRecorders() {
        List<EventRecorder> all;
        synchronized (this) {
            all = List.copyOf(recorders);
            recorders.clear();
        }
        all.forEach(EventRecorder::stop);
    }
}
