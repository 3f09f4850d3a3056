package io.tugboat.controllermanager.testing;

import io.tugboat.api.core.Event;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.EventSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An {@link EventRecorder} whose events land in a list, for unit tests: {@link #events()} drains it first. */
public final class RecordingEvents implements EventSink {
    private final List<Event> written = Collections.synchronizedList(new ArrayList<>());
    private final EventRecorder recorder = EventRecorder.builder(this, "test").build();

    public EventRecorder recorder() {
        return recorder;
    }

    /** Stops the recorder (writing what is queued) and returns the events as {@code "Reason: message"}. */
    public List<String> events() {
        recorder.stop();
        synchronized (written) {
            return written.stream().map(e -> e.reason() + ": " + e.message()).toList();
        }
    }

    @Override
    public Event create(Event event) {
        written.add(event);
        return event;
    }

    @Override
    public Event patch(String namespace, String name, String mergePatch) {
        throw new UnsupportedOperationException("repeats are not expected in these tests");
    }
}
