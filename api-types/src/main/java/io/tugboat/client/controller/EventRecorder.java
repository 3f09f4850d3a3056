package io.tugboat.client.controller;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.EventSource;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events: the lines {@code kubectl describe pod} prints under "Events:" and {@code kubectl get
 * events} lists. Components report what they did and what went wrong ({@code Scheduled}, {@code FailedScheduling},
 * {@code SuccessfulCreate}, {@code BackOff}) to the people watching the cluster, as client-go's {@code tools/record}.
 *
 * <pre>{@code
 * EventRecorder events = EventRecorder.builder(client, "tug-scheduler").build();
 * events.event(pod, EventRecorder.NORMAL, "Scheduled", "Successfully assigned %s/%s to %s", ns, name, node);
 * ...
 * events.stop();   // on shutdown: writes what is queued, then ends the worker
 * }</pre>
 *
 * <h2>What an event looks like</h2>
 *
 * An Event lives in the namespace of the object it is about ({@code default} for cluster-scoped objects such as
 * Nodes) and is named like Kubernetes names them, {@code <object name>.<hex nanoseconds>}, e.g. {@code
 * web-1.17c3a5e0d1a2b3c4}. {@code involvedObject} points at the object (kind, namespace, name, uid, apiVersion,
 * resourceVersion), so {@code kubectl get events --field-selector involvedObject.name=web-1} finds them; {@code
 * source} and {@code reportingComponent}/{@code reportingInstance} say who reported it; {@code type} is {@link
 * #NORMAL} or {@link #WARNING}; {@code reason} is a short UpperCamelCase word a program can match on, {@code
 * message} a sentence for people.
 *
 * <h2>Repeats are counted, not repeated</h2>
 *
 * When the same thing happens to the same object again (same source, type, reason and message), the recorder
 * patches the Event it already wrote: {@code count} goes up and {@code lastTimestamp} moves, {@code
 * firstTimestamp} stays. It remembers the Events it wrote in a small LRU cache ({@link EventCache} has a worked
 * example); an Event that expired on the server (Kubernetes deletes them after an hour) is simply written again.
 *
 * <h2>Never in the way</h2>
 *
 * Events are for people; a component must never slow down, block or fail because of them. {@link #event} only
 * builds the Event (its timestamps are taken then, on the caller's {@link Clock}) and puts it on a bounded queue;
 * one background thread writes them, in order, retrying an overloaded or unreachable server a few times. When the
 * queue is full the event is dropped and a warning is logged (the first drop and every 100th after), so a flood
 * of events costs memory for at most the queue's capacity. {@link #stop()} writes what is still queued, giving
 * each event one attempt, then ends the worker.
 *
 * <p>Thread-safe: any thread may record events.
 */
public final class EventRecorder {
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    /** An event about normal operation ("Scheduled", "Pulled", "SuccessfulCreate"). */
    public static final String NORMAL = "Normal";
    /** An event about something that went wrong or may need attention ("FailedScheduling", "BackOff"). */
    public static final String WARNING = "Warning";

    /** Queued after the last event by {@link #stop()}: the worker ends when it takes it. */
    private static final Event END_OF_EVENTS = Event.of(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    private final EventSink sink;
    private final EventSource source;
    private final String reportingInstance;
    private final Clock clock;
    private final BlockingQueue<Event> queue;
    /** Worker thread only. */
    private final EventCache cache;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration drainTimeout;
    private final Thread worker;

    private final AtomicBoolean accepting = new AtomicBoolean(true);
    /** Counted down by stop(): retry waits end early and no event gets more than one more attempt. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();

    /** A recorder writing to the API server behind {@code client}, reporting as {@code component}. */
    public static Builder builder(ApiClient client, String component) {
        return new Builder(EventSink.of(client), component);
    }

    /** A recorder writing to {@code sink} (a test's recording sink, say), reporting as {@code component}. */
    public static Builder builder(EventSink sink, String component) {
        return new Builder(sink, component);
    }

    private EventRecorder(Builder builder) {
        this.sink = builder.sink;
        this.source = new EventSource(builder.component, builder.host);
        this.reportingInstance = builder.host;
        this.clock = builder.clock;
        this.queue = new ArrayBlockingQueue<>(builder.queueCapacity);
        this.cache = new EventCache(builder.cacheSize);
        this.maxAttempts = builder.maxAttempts;
        this.retryBackoff = builder.retryBackoff;
        this.drainTimeout = builder.drainTimeout;
        this.worker = new Thread(this::writeQueuedEvents, "event-recorder-" + builder.component);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    // ------------------------------------------------------------------ public API

    /**
     * Records that something happened to {@code object}. Returns at once; the Event is written in the background
     * (or dropped, with a log line, if the queue is full or the recorder stopped).
     *
     * @param object        what it happened to; must have a name
     * @param type          {@link #NORMAL} or {@link #WARNING}
     * @param reason        a short UpperCamelCase reason ({@code FailedScheduling})
     * @param messageFormat the message, a {@link String#format} pattern when {@code args} are given (used as is
     *                      without them, so a lone {@code %} is harmless)
     * @throws IllegalArgumentException for an unknown type, an empty reason or an object without a name: bugs in
     *                                  the caller, better found by its first test than dropped silently
     */
    public void event(KubernetesObject object, String type, String reason, String messageFormat, Object... args) {
        Objects.requireNonNull(object, "object");
        if (!NORMAL.equals(type) && !WARNING.equals(type)) {
            throw new IllegalArgumentException("event type must be Normal or Warning, not " + type);
        }
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("an event needs a reason");
        }
        String message = args == null || args.length == 0 ? messageFormat : String.format(messageFormat, args);
        Event occurrence = occurrence(referenceTo(object), type, reason, message, clock.instant());
        if (!accepting.get()) {
            drop(occurrence, "the recorder is stopped");
        } else if (!queue.offer(occurrence)) {
            drop(occurrence, "the queue is full (" + (queue.size() + queue.remainingCapacity()) + " events)");
        }
    }

    /**
     * Stops accepting events, writes those still queued (one attempt each) and ends the worker, waiting at most
     * the drain timeout (10 s by default) for it; whatever is left then is lost. Events recorded concurrently with
     * {@code stop()} may be dropped. If the calling thread is interrupted meanwhile, stops waiting and keeps the
     * interrupt.
     */
    public void stop() {
        if (!accepting.compareAndSet(true, false)) {
            return;
        }
        stopping.countDown();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            if (!queue.offer(END_OF_EVENTS, drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                worker.interrupt();
            }
            TimeUnit.NANOSECONDS.timedJoin(worker, Math.max(0, deadline - System.nanoTime()));
            if (worker.isAlive()) {
                log.warn("event recorder did not finish writing within {}; {} events are lost", drainTimeout, queue.size());
                worker.interrupt();
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How many events were not written so far: dropped because the queue was full or the recorder stopped, or
     * given up on after their attempts failed.
     */
    public long droppedCount() {
        return dropped.get();
    }

    /**
     * A reference to {@code object} as an Event's {@code involvedObject} holds it. Objects built in code may lack
     * {@code apiVersion}/{@code kind}; they are then looked up from the object's Java type.
     */
    public static ObjectReference referenceTo(KubernetesObject object) {
        ObjectMeta meta = object.metadata();
        if (meta == null || meta.name() == null || meta.name().isEmpty()) {
            throw new IllegalArgumentException("an event's object needs a name: " + object);
        }
        String kind = object.kind();
        String apiVersion = object.apiVersion();
        if (kind == null || apiVersion == null) {
            ResourceKind<?> resourceKind = ResourceKinds.all().stream()
                    .filter(k -> k.type() == object.getClass())
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown kind of object: " + object.getClass()));
            kind = resourceKind.kind();
            apiVersion = resourceKind.apiVersion();
        }
        return new ObjectReference(kind, meta.namespace(), meta.name(), meta.uid(), apiVersion, meta.resourceVersion(),
                null);
    }

    // ------------------------------------------------------------------ caller side

    /** The Event for one occurrence, not yet named: the cache names it (new) or finds its name (repeat). */
    private Event occurrence(ObjectReference involved, String type, String reason, String message, Instant now) {
        // Events about cluster-scoped objects (Nodes, Namespaces) go to "default", as in Kubernetes.
        String namespace = involved.namespace() == null || involved.namespace().isEmpty() ? "default" : involved.namespace();
        ObjectMeta meta = new ObjectMeta(null, null, namespace, null, null, null, null, null, null, null, null, null,
                null, null);
        return Event.of(meta, involved, reason, message, source, now, now, 1, type, null, null, null,
                source.component(), reportingInstance);
    }

    private void drop(Event occurrence, String why) {
        long count = dropped.incrementAndGet();
        if (count == 1 || count % 100 == 0) {
            log.warn("dropping event {} {} on {} {}/{} because {} ({} dropped so far)", occurrence.type(),
                    occurrence.reason(), occurrence.involvedObject().kind(), occurrence.involvedObject().namespace(),
                    occurrence.involvedObject().name(), why, count);
        }
    }

    // ------------------------------------------------------------------ worker side

    /** The worker: takes events in order and writes each, until stop() queues the end marker. */
    private void writeQueuedEvents() {
        try {
            while (true) {
                Event next = queue.take();
                if (next == END_OF_EVENTS) {
                    return;
                }
                write(next);
            }
        } catch (InterruptedException e) {
            // stop() gave up on the drain; the thread ends here, keeping the interrupt as its last word.
            log.warn("event recorder interrupted; {} queued events are lost", queue.size());
            Thread.currentThread().interrupt();
        }
    }

    /** Writes one occurrence as a new Event or a count on an existing one, retrying a busy or absent server. */
    private void write(Event occurrence) throws InterruptedException {
        EventCache.Write write = cache.plan(occurrence);
        for (int attempt = 1; ; attempt++) {
            try {
                cache.remember(write.key(), send(write));
                return;
            } catch (ApiException e) {
                boolean retryable = e instanceof ApiException.ServerErrorException
                        || e instanceof ApiException.TooManyRequestsException;
                if (!retryable || attempt >= maxAttempts || stopping.getCount() == 0) {
                    dropped.incrementAndGet();
                    log.warn("could not write event {} ({} {} on {}/{}): {}", write.event().metadata().name(),
                            occurrence.type(), occurrence.reason(), occurrence.involvedObject().namespace(),
                            occurrence.involvedObject().name(), e.getMessage());
                    return;
                }
                stopping.await(retryBackoff.multipliedBy(1L << (attempt - 1)).toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private Event send(EventCache.Write write) throws ApiException {
        Event event = write.event();
        if (!write.repeat()) {
            return sink.create(event);
        }
        try {
            return sink.patch(event.metadata().namespace(), event.metadata().name(), write.mergePatch());
        } catch (ApiException.NotFoundException e) {
            // Expired or deleted since we wrote it: write it afresh, same name, count and first timestamp.
            return sink.create(event);
        }
    }

    /** Settings of an {@link EventRecorder}; {@link #build()} starts its worker thread. */
    public static final class Builder {
        private final EventSink sink;
        private final String component;
        private String host;
        private Clock clock = Clock.systemUTC();
        private int queueCapacity = 1000;
        private int cacheSize = 4096;
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration drainTimeout = Duration.ofSeconds(10);

        private Builder(EventSink sink, String component) {
            this.sink = Objects.requireNonNull(sink, "sink");
            if (component == null || component.isEmpty()) {
                throw new IllegalArgumentException("an event recorder needs a component name");
            }
            this.component = component;
        }

        /** {@code source.host} and {@code reportingInstance}; default: this machine's host name. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Where event timestamps come from; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Events waiting to be written before new ones are dropped; default 1000. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = requirePositive(capacity, "queueCapacity");
            return this;
        }

        /** Recent events remembered for counting repeats; default 4096, as client-go. */
        public Builder cacheSize(int size) {
            this.cacheSize = requirePositive(size, "cacheSize");
            return this;
        }

        /** Attempts per event against a server answering 5xx/429 or not at all; default 3. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = requirePositive(attempts, "maxAttempts");
            return this;
        }

        /** Wait before the second attempt, doubling for each further one; default 1 s. */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff, "retryBackoff");
            return this;
        }

        /** How long {@link EventRecorder#stop()} waits for queued events to be written; default 10 s. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "drainTimeout");
            return this;
        }

        /** Builds the recorder and starts its worker thread. */
        public EventRecorder build() {
            if (host == null) {
                host = localHostName();
            }
            return new EventRecorder(this);
        }

        private static int requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static String localHostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
