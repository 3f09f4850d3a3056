package io.tugboat.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which volume a claim gets, as a table. Volumes are {@code name:size:class:modes[:label][:claimedBy]} with modes
 * like {@code RWO+RWX}; the claim asks for 1Gi, ReadWriteOnce, class {@code fast} unless the row says otherwise.
 */
class VolumeMatcherTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the smallest that fits wins           | a:5Gi:fast:RWO b:2Gi:fast:RWO c:1Gi:fast:RWO     | 1Gi | fast | RWO     |        | c",
            "too small does not fit                | a:500Mi:fast:RWO                                 | 1Gi | fast | RWO     |        | -",
            "the class must match                  | a:1Gi:slow:RWO b:3Gi:fast:RWO                    | 1Gi | fast | RWO     |        | b",
            "no class matches only no class        | a:1Gi:fast:RWO b:1Gi::RWO                        | 1Gi |      | RWO     |        | b",
            "every asked access mode is offered    | a:1Gi:fast:RWO b:2Gi:fast:RWO+RWX                | 1Gi | fast | RWO+RWX |        | b",
            "a claimed volume is not offered       | a:1Gi:fast:RWO::other b:2Gi:fast:RWO             | 1Gi | fast | RWO     |        | b",
            "a volume pre-bound to this claim wins | a:1Gi:fast:RWO b:5Gi:fast:RWO::me                | 1Gi | fast | RWO     |        | b",
            "the selector must match the labels    | a:1Gi:fast:RWO:zone=b b:2Gi:fast:RWO:zone=a      | 1Gi | fast | RWO     | zone=a | b",
            "ties go by name                       | b:1Gi:fast:RWO a:1Gi:fast:RWO                    | 1Gi | fast | RWO     |        | a",
    })
    void picksTheSmallestFittingVolume(String name, String volumes, String request, String storageClass, String modes,
                                       String selector, String expected) throws Exception {
        List<PersistentVolume> pvs = new ArrayList<>();
        for (String v : volumes.trim().split("\\s+")) {
            pvs.add(volume(v.split(":", -1)));
        }
        PersistentVolumeClaim claim = claim(request, storageClass, modes, selector);
        assertEquals(expected, VolumeMatcher.bestFit(claim, pvs).map(pv -> pv.metadata().name()).orElse("-"));
    }

    static String modes(String short_) {
        return String.join(", ", java.util.Arrays.stream(short_.split("\\+"))
                .map(m -> switch (m) {
                    case "RWO" -> "ReadWriteOnce";
                    case "RWX" -> "ReadWriteMany";
                    default -> "ReadOnlyMany";
                }).toList());
    }

    static PersistentVolume volume(String[] f) throws Exception {
        String labels = f.length > 4 && !f[4].isEmpty() ? ", labels: {" + f[4].replace("=", ": ") + "}" : "";
        String claimRef = f.length > 5 && !f[5].isEmpty()
                ? "claimRef: {kind: PersistentVolumeClaim, namespace: default, name: " + f[5] + "}," : "";
        String cls = f[2].isEmpty() ? "" : "storageClassName: " + f[2] + ",";
        return Codec.fromYaml("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %s%s}
                spec: {%s %s capacity: {storage: %s}, accessModes: [%s], hostPath: {path: /tmp/x}}
                """.formatted(f[0], labels, claimRef, cls, f[1], modes(f[3])), PersistentVolume.class).value();
    }

    static PersistentVolumeClaim claim(String request, String storageClass, String modes, String selector)
            throws Exception {
        String cls = storageClass == null || storageClass.isBlank() ? "" : "storageClassName: " + storageClass.trim() + ",";
        String sel = selector == null || selector.isBlank() ? ""
                : "selector: {matchLabels: {" + selector.trim().replace("=", ": ") + "}},";
        return Codec.fromYaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: me, namespace: default, uid: uid-me}
                spec: {%s %s accessModes: [%s], resources: {requests: {storage: %s}}}
                """.formatted(cls, sel, modes(modes.trim()), request.trim()), PersistentVolumeClaim.class).value();
    }
}
