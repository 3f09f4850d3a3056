package io.tugboat.scheduler.framework;

import io.tugboat.client.ApiException;

/**
 * What the scheduler lends to plugin factories: the few outside capabilities a plugin may use: the binder, for
 * {@code DefaultBinder}, and read access to claims, volumes and classes plus the two volume writes of PreBind, for
 * {@code VolumeBinding}. Other filters and scores
 * need nothing but their arguments.
 */
public record Handle(PodBinder binder, VolumeLister volumes, VolumeWriter volumeWriter) {

    /** A handle without volume information (every claim looks absent). */
    public Handle(PodBinder binder) {
        this(binder, VolumeLister.NONE);
    }

    /** A handle that reads volumes but cannot write volume choices (PreBind fails if it has one to write). */
    public Handle(PodBinder binder, VolumeLister volumes) {
        this(binder, volumes, VolumeWriter.NONE);
    }

    /** The writes of VolumeBinding's PreBind, each a conditional update (a conflict is an ApiException). */
    public interface VolumeWriter {
        VolumeWriter NONE = new VolumeWriter() {
            @Override
            public void preBind(io.tugboat.api.core.PersistentVolume volume,
                                io.tugboat.api.core.PersistentVolumeClaim claim) throws ApiException {
                throw new IllegalStateException("this handle cannot write volume choices");
            }

            @Override
            public void selectNode(io.tugboat.api.core.PersistentVolumeClaim claim, String node) throws ApiException {
                throw new IllegalStateException("this handle cannot write volume choices");
            }
        };

        /** Sets {@code volume}'s claimRef to {@code claim}, if the volume is unchanged since it was read. */
        void preBind(io.tugboat.api.core.PersistentVolume volume, io.tugboat.api.core.PersistentVolumeClaim claim)
                throws ApiException;

        /** Annotates {@code claim} with {@code volume.kubernetes.io/selected-node: node}. */
        void selectNode(io.tugboat.api.core.PersistentVolumeClaim claim, String node) throws ApiException;
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

        /** Every PersistentVolume (for WaitForFirstConsumer claims, which may bind to any the node reaches). */
        default java.util.List<io.tugboat.api.core.PersistentVolume> volumes() {
            return java.util.List.of();
        }

        default java.util.Optional<io.tugboat.api.storage.StorageClass> storageClass(String name) {
            return java.util.Optional.empty();
        }

        /** The node, for judging volume node affinity at PreBind (which gets only the node's name). */
        default java.util.Optional<io.tugboat.api.core.Node> node(String name) {
            return java.util.Optional.empty();
        }
    }

    /** POSTs a Binding for {@code namespace/pod} to {@code node}. */
    @FunctionalInterface
    public interface PodBinder {
        void bind(String namespace, String pod, String node) throws ApiException;
    }
}
