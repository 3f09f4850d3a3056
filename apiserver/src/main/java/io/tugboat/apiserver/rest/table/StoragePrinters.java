package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Formats.text;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimSpec;
import io.tugboat.api.core.PersistentVolumeSpec;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.storage.StorageClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Printers of persistent volumes, claims and storage classes. */
final class StoragePrinters {
    /** The pre-GA way to name a class, still honoured before spec.storageClassName. */
    private static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
    private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    private static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";
    private static final String UNSET = "<unset>";

    private StoragePrinters() {
    }

    static final RowPrinter<PersistentVolume> PERSISTENT_VOLUMES = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Capacity", "The size of the volume."),
                    Columns.string("Access Modes", "How the volume can be mounted: RWO, ROX, RWX, RWOP."),
                    Columns.string("Reclaim Policy", "What happens to the volume when its claim is deleted."),
                    Columns.string("Status", "Available, Bound, Released, Failed, or Terminating."),
                    Columns.string("Claim", "The claim bound to the volume, as namespace/name."),
                    Columns.string("StorageClass", "The class of the volume."),
                    Columns.string("VolumeAttributesClass", "The attributes class of the volume."),
                    Columns.string("Reason", "Why the volume is in its phase."),
                    Columns.age(),
                    Columns.wide(Columns.string("VolumeMode", "Filesystem or Block."))),
            StoragePrinters::volumeCells);

    static final RowPrinter<PersistentVolumeClaim> PERSISTENT_VOLUME_CLAIMS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Status", "Pending, Bound, Lost, or Terminating."),
                    Columns.string("Volume", "The volume bound to the claim."),
                    Columns.string("Capacity", "The size of the bound volume."),
                    Columns.string("Access Modes", "How the bound volume can be mounted."),
                    Columns.string("StorageClass", "The class requested."),
                    Columns.string("VolumeAttributesClass", "The attributes class requested."),
                    Columns.age(),
                    Columns.wide(Columns.string("VolumeMode", "Filesystem or Block."))),
            StoragePrinters::claimCells);

    /** {@code NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE}; the default is marked. */
    static final RowPrinter<StorageClass> STORAGE_CLASSES = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Provisioner", "The provisioner that creates volumes of this class."),
                    Columns.string("ReclaimPolicy", "What happens to its volumes when their claims are deleted."),
                    Columns.string("VolumeBindingMode", "Immediate, or WaitForFirstConsumer."),
                    Columns.string("AllowVolumeExpansion", "Whether claims of this class may grow."),
                    Columns.age()),
            (sc, now) -> List.of(
                    isDefault(sc) ? Formats.name(sc) + " (default)" : Formats.name(sc),
                    text(sc.provisioner()),
                    sc.reclaimPolicy() == null ? "Delete" : sc.reclaimPolicy(),
                    sc.volumeBindingMode() == null ? "Immediate" : sc.volumeBindingMode(),
                    Boolean.TRUE.equals(sc.allowVolumeExpansion()),
                    Formats.age(sc, now)));

    private static List<Object> volumeCells(PersistentVolume pv, Instant now) {
        PersistentVolumeSpec spec = pv.spec() != null ? pv.spec()
                : new PersistentVolumeSpec(null, null, null, null, null, null, null, null, null, null);
        String claim = spec.claimRef() == null ? ""
                : text(spec.claimRef().namespace()) + "/" + text(spec.claimRef().name());
        String phase = Formats.metadata(pv).deletionTimestamp() != null ? "Terminating"
                : pv.status() == null ? "" : text(pv.status().phase());
        return List.of(Formats.name(pv), storage(spec.capacity()), Formats.accessModes(spec.accessModes()),
                text(spec.persistentVolumeReclaimPolicy()), phase, claim,
                storageClass(pv, spec.storageClassName()), UNSET,
                pv.status() == null ? "" : text(pv.status().reason()), Formats.age(pv, now),
                spec.volumeMode() == null ? UNSET : spec.volumeMode());
    }

    private static List<Object> claimCells(PersistentVolumeClaim pvc, Instant now) {
        PersistentVolumeClaimSpec spec = pvc.spec() != null ? pvc.spec()
                : new PersistentVolumeClaimSpec(null, null, null, null, null, null);
        String phase = Formats.metadata(pvc).deletionTimestamp() != null ? "Terminating"
                : pvc.status() == null ? "" : text(pvc.status().phase());
        String capacity = "";
        String accessModes = "";
        if (spec.volumeName() != null && !spec.volumeName().isEmpty() && pvc.status() != null) {
            capacity = storage(pvc.status().capacity());
            accessModes = Formats.accessModes(pvc.status().accessModes());
        }
        return List.of(Formats.name(pvc), phase, text(spec.volumeName()), capacity, accessModes,
                storageClass(pvc, spec.storageClassName()), UNSET, Formats.age(pvc, now),
                spec.volumeMode() == null ? UNSET : spec.volumeMode());
    }

    private static String storage(Map<String, Quantity> resources) {
        Quantity storage = resources == null ? null : resources.get("storage");
        return storage == null ? "0" : storage.toString();
    }

    private static String storageClass(KubernetesObject object, String storageClassName) {
        String beta = Formats.annotation(object, BETA_STORAGE_CLASS);
        return beta != null ? beta : text(storageClassName);
    }

    private static boolean isDefault(StorageClass sc) {
        return "true".equals(Formats.annotation(sc, DEFAULT_CLASS))
                || "true".equals(Formats.annotation(sc, BETA_DEFAULT_CLASS));
    }
}
