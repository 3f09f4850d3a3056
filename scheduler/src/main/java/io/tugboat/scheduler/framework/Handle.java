package io.tugboat.scheduler.framework;

import io.tugboat.client.ApiException;

/**
 * What the scheduler lends to plugin factories: the few outside capabilities a plugin may use: the binder, for
 * {@code DefaultBinder}, and read access to claims and volumes, for {@code VolumeBinding}. Other filters and scores
 * need nothing but their arguments.
 */
public record Handle(PodBinder binder, VolumeLister volumes) {

    /** A handle without volume information (every claim looks absent). */
    public Handle(PodBinder binder) {
        this(binder, VolumeLister.NONE);
    }

    /** The scheduler's cached PersistentVolumeClaims and PersistentVolumes. */
    public interface VolumeLister {
        VolumeLister NONE = new VolumeLister() {
            @Override
            public java.util.Optional<io.tugboat.api.core.PersistentVolumeClaim> claim(String namespace, String name) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<io.tugboat.api.core.PersistentVolume> volume(String name) {
                return java.util.Optional.empty();
            }
        };

        java.util.Optional<io.tugboat.api.core.PersistentVolumeClaim> claim(String namespace, String name);

        java.util.Optional<io.tugboat.api.core.PersistentVolume> volume(String name);
    }

    /** POSTs a Binding for {@code namespace/pod} to {@code node}. */
    @FunctionalInterface
    public interface PodBinder {
        void bind(String namespace, String pod, String node) throws ApiException;
    }
}
