package io.tugboat.client.controller;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Event;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;

/**
 * Where an {@link EventRecorder} writes: the two verbs it needs on core/v1 Events. The real sink is {@link #of};
 * a test passes a recording one to see which events a component emitted without an API server.
 */
public interface EventSink {

    /** Creates the Event in {@code event.metadata().namespace()}; returns it as stored. */
    Event create(Event event) throws ApiException;

    /**
     * Applies a JSON merge patch ({@code {"count":3,"lastTimestamp":"..."}}) to an existing Event; returns it as
     * stored. Fails with {@link ApiException.NotFoundException} if the Event is gone (expired, deleted).
     */
    Event patch(String namespace, String name, String mergePatch) throws ApiException;

    /** Events on the API server behind {@code client}. */
    static EventSink of(ApiClient client) {
        ResourceClient<Event> events = client.resources(ResourceKinds.EVENTS);
        return new EventSink() {
            @Override
            public Event create(Event event) throws ApiException {
                return events.inNamespace(event.metadata().namespace()).create(event);
            }

            @Override
            public Event patch(String namespace, String name, String mergePatch) throws ApiException {
                return events.inNamespace(namespace).patch(name, ResourceClient.PatchType.MERGE, mergePatch);
            }
        };
    }
}
