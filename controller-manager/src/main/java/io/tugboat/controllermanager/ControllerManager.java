package io.tugboat.controllermanager;

import io.tugboat.client.ApiClient;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selected controllers of one process, started and stopped together: what runs while this process
 * leads.
 *
 * <pre>
 *   start():  one SharedInformerFactory ──▶ every factory builds its controller (asks for informers,
 *             registers handlers) ──▶ informers start ──▶ each controller starts (waits for its caches)
 *   stop():   controllers stop (workers finish their key) ──▶ informers stop ──▶ queued events written
 * </pre>
 * A manager runs once: after {@link #stop()} a new leader term needs a new manager (kube-controller-manager
 * simply exits when it loses the lease, and so does {@code tug controller-manager}).
 */
public final class ControllerManager {
    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);

    private final ApiClient client;
    private final Map<String, ControllerFactory> selected;
    private final ControllerManagerOptions options;
    private final Clock clock;
    private final List<Controller> started = new ArrayList<>();
    private SharedInformerFactory informers;
    private ControllerContext context;
    private boolean stopped;

    public ControllerManager(ApiClient client, Map<String, ControllerFactory> selected, ControllerManagerOptions options,
                             Clock clock) {
        this.client = client;
        this.selected = new java.util.LinkedHashMap<>(selected);
        this.options = options;
        this.clock = clock;
    }

    /** Builds and starts every selected controller; returns once all have synced and run. */
    public void start() throws InterruptedException, TimeoutException {
        List<Controller> built = new ArrayList<>();
        synchronized (this) {
            if (stopped || informers != null) {
                return;
            }
            informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults().withClock(clock));
            context = new ControllerContext(client, informers, options, clock);
            selected.forEach((name, factory) -> {
                log.info("Starting controller {}", name);
                built.add(factory.create(context));
            });
            informers.start();
        }
        for (Controller controller : built) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                started.add(controller);
            }
            controller.start();
        }
        log.info("Started {} controllers: {}", built.size(), selected.keySet());
    }

    /** Stops every controller, then the informers and the event recorders. Safe to call more than once. */
    public void stop() {
        List<Controller> running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = new ArrayList<>(started);
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop();
        }
        if (informers != null) {
            informers.stop();
            context.stopRecorders();
        }
        log.info("Stopped the controllers");
    }
}
