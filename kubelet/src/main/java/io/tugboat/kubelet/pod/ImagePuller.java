package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Container;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a container's image present according to its {@code imagePullPolicy}, with Kubernetes' reasons: a failed
 * pull is {@code ErrImagePull}; while the next attempt waits (same backoff as restarts), {@code ImagePullBackOff};
 * a missing image under {@code Never} is {@code ErrImageNeverPull}.
 */
public final class ImagePuller {
    private final ContainerRuntime runtime;
    private final CrashBackoff backoff;
    private final Clock clock;
    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();

    public ImagePuller(ContainerRuntime runtime, CrashBackoff backoff, Clock clock) {
        this.runtime = runtime;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Kubernetes' default: {@code Always} for {@code :latest} or untagged images, else {@code IfNotPresent}. */
    public static String policy(Container c) {
        if (c.imagePullPolicy() != null && !c.imagePullPolicy().isEmpty()) {
            return c.imagePullPolicy();
        }
        String image = c.image();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash && !image.contains("@");
        return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
    }

    /**
     * Ensures the image of {@code c}; empty if it is present, else why the container must wait.
     *
     * @param key the backoff key ({@code <pod uid>/<container>})
     */
    public Optional<PodActions.Waiting> ensure(Container c, String key) {
        String policy = policy(c);
        if (!policy.equals("Always") && runtime.hasImage(c.image())) {
            return Optional.empty();
        }
        if (policy.equals("Never")) {
            return Optional.of(new PodActions.Waiting("ErrImageNeverPull",
                    "Container image \"" + c.image() + "\" is not present with pull policy of Never"));
        }
        String pullKey = "pull/" + key;
        Instant failed = lastFailure.get(pullKey);
        if (failed != null && !backoff.remaining(pullKey, failed).isZero()) {
            return Optional.of(new PodActions.Waiting("ImagePullBackOff", "Back-off pulling image \"" + c.image() + "\""));
        }
        try {
            runtime.pull(c.image());
            lastFailure.remove(pullKey);
            backoff.forget(pullKey);
            return Optional.empty();
        } catch (RuntimeException e) {
            lastFailure.put(pullKey, clock.instant());
            backoff.next(pullKey, Duration.ZERO);
            return Optional.of(new PodActions.Waiting("ErrImagePull", "failed to pull image \"" + c.image() + "\": " + e.getMessage()));
        }
    }

    /** True if {@link #ensure} would find the image of {@code c} present and pull nothing. */
    public boolean isPresent(Container c) {
        return !policy(c).equals("Always") && runtime.hasImage(c.image());
    }

    /** How long until the next pull of {@code key} may be tried. */
    public Duration retryAfter(String key) {
        Instant failed = lastFailure.get("pull/" + key);
        return failed == null ? Duration.ZERO : backoff.remaining("pull/" + key, failed);
    }
}
