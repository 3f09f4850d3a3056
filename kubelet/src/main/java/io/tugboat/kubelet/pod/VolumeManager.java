package io.tugboat.kubelet.pod;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.KeyToPath;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes a pod's volumes exist as host directories that containers bind-mount:
 * {@code <root>/pods/<uid>/volumes/<name>} for {@code emptyDir}, {@code configMap} and {@code secret} (files
 * projected from the object's keys), the given path for {@code hostPath}, and the bound PersistentVolume's
 * {@code hostPath} for a {@code persistentVolumeClaim}. The pod's directory goes with the pod.
 */
public final class VolumeManager {
    private final Path root;
    private final PodResources resources;

    public VolumeManager(Path root, PodResources resources) {
        this.root = root;
        this.resources = resources;
    }

    /**
     * Prepares every volume of {@code pod}; returns volume name → host path.
     *
     * @throws ContainerConfigException if a volume cannot be made yet (unbound claim, missing ConfigMap)
     */
    public Map<String, Path> prepare(Pod pod) throws Exception {
        Map<String, Path> paths = new HashMap<>();
        String ns = pod.metadata().namespace();
        for (Volume v : pod.spec().volumes() == null ? List.<Volume>of() : pod.spec().volumes()) {
            Path dir = podDir(pod.metadata().uid()).resolve("volumes").resolve(v.name());
            if (v.emptyDir() != null) {
                Files.createDirectories(dir);
                dir.toFile().setWritable(true, false);
                paths.put(v.name(), dir);
            } else if (v.hostPath() != null) {
                Path p = Path.of(v.hostPath().path());
                String type = v.hostPath().type() == null ? "" : v.hostPath().type();
                if (type.equals("DirectoryOrCreate")) {
                    Files.createDirectories(p);
                } else if (!type.isEmpty() && !Files.exists(p)) {
                    throw new ContainerConfigException("ContainerCreating", "hostPath type check failed: " + p + " does not exist");
                }
                paths.put(v.name(), p);
            } else if (v.configMap() != null) {
                Optional<ConfigMap> cm = resources.configMap(ns, v.configMap().name());
                if (cm.isEmpty() && !Boolean.TRUE.equals(v.configMap().optional())) {
                    throw new ContainerConfigException("ContainerCreating", "configmap \"" + v.configMap().name() + "\" not found");
                }
                Map<String, byte[]> files = new HashMap<>();
                cm.map(ConfigMap::data).orElse(Map.of()).forEach((k, val) -> files.put(k, val.getBytes(StandardCharsets.UTF_8)));
                cm.map(ConfigMap::binaryData).orElse(Map.of()).forEach((k, val) -> files.put(k, Base64.getDecoder().decode(val)));
                project(dir, files, v.configMap().items(), v.configMap().defaultMode());
                paths.put(v.name(), dir);
            } else if (v.secret() != null) {
                Optional<Secret> secret = resources.secret(ns, v.secret().secretName());
                if (secret.isEmpty() && !Boolean.TRUE.equals(v.secret().optional())) {
                    throw new ContainerConfigException("ContainerCreating", "secret \"" + v.secret().secretName() + "\" not found");
                }
                Map<String, byte[]> files = new HashMap<>();
                secret.map(Secret::data).orElse(Map.of()).forEach((k, val) -> files.put(k, Base64.getDecoder().decode(val)));
                secret.map(Secret::stringData).orElse(Map.of()).forEach((k, val) -> files.put(k, val.getBytes(StandardCharsets.UTF_8)));
                project(dir, files, v.secret().items(), v.secret().defaultMode());
                paths.put(v.name(), dir);
            } else if (v.persistentVolumeClaim() != null) {
                paths.put(v.name(), claimPath(ns, v.persistentVolumeClaim().claimName()));
            }
        }
        return paths;
    }

    private Path claimPath(String namespace, String claimName) throws Exception {
        Optional<PersistentVolumeClaim> claim = resources.claim(namespace, claimName);
        if (claim.isEmpty()) {
            throw new ContainerConfigException("ContainerCreating", "persistentvolumeclaim \"" + claimName + "\" not found");
        }
        String volumeName = claim.get().spec() == null ? null : claim.get().spec().volumeName();
        boolean bound = claim.get().status() != null && "Bound".equals(claim.get().status().phase());
        if (volumeName == null || volumeName.isEmpty() || !bound) {
            throw new ContainerConfigException("ContainerCreating", "persistentvolumeclaim \"" + claimName
                    + "\" is not bound to a volume yet");
        }
        Optional<PersistentVolume> pv = resources.volume(volumeName);
        if (pv.isEmpty() || pv.get().spec() == null || (pv.get().spec().hostPath() == null && pv.get().spec().local() == null)) {
            throw new ContainerConfigException("ContainerCreating", "persistentvolume \"" + volumeName
                    + "\" is missing or has no hostPath");
        }
        Path path = Path.of(pv.get().spec().hostPath() != null ? pv.get().spec().hostPath().path() : pv.get().spec().local().path());
        Files.createDirectories(path);
        return path;
    }

    /** Writes {@code files} (or the {@code items} chosen from them) under {@code dir}. */
    private static void project(Path dir, Map<String, byte[]> files, List<KeyToPath> items, Integer defaultMode) throws Exception {
        Files.createDirectories(dir);
        Map<String, byte[]> chosen = new HashMap<>();
        if (items == null || items.isEmpty()) {
            chosen.putAll(files);
        } else {
            for (KeyToPath item : items) {
                if (!files.containsKey(item.key())) {
                    throw new ContainerConfigException("ContainerCreating", "key \"" + item.key() + "\" not found");
                }
                chosen.put(item.path(), files.get(item.key()));
            }
        }
        int mode = defaultMode == null ? 0644 : defaultMode;
        for (Map.Entry<String, byte[]> e : chosen.entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir)) {
                throw new ContainerConfigException("CreateContainerConfigError", "invalid path " + e.getKey());
            }
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions(mode)));
        }
    }

    private static String permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            s.append((mode >> i & 1) == 1 ? rwx.charAt(2 - i % 3) : '-');
        }
        return s.toString();
    }

    /** The pod's own directory on the host. */
    public Path podDir(String uid) {
        return root.resolve("pods").resolve(uid);
    }

    /** Deletes the pod's directory (emptyDirs, projected files); hostPath and claim data stay. */
    public void cleanUp(String uid) throws IOException {
        Path dir = podDir(uid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
