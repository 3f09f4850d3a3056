package io.tugboat.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.storage.KeyValue;
import io.tugboat.apiserver.storage.Storage;
import io.tugboat.apiserver.storage.StorageException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hands out Service ClusterIPs and NodePorts without duplicates, the way Kubernetes' allocators do: the set
 * of taken values lives in etcd ({@code <prefix>/ranges/serviceips} and {@code <prefix>/ranges/servicenodeports})
 * and every allocation or release is a compare-and-swap on it, so it survives restarts and is safe with
 * several API servers. At start-up {@link #repair} adds the values of Services that already exist, which
 * heals a set left behind by a crash between allocating and storing.
 *
 * <p>Rules (as Kubernetes): {@code clusterIP: None} is a headless service and gets nothing;
 * {@code ExternalName} services get nothing; an empty clusterIP gets a free address (never the network
 * address, the range's first address — reserved for the {@code kubernetes} service — or the broadcast
 * address); a requested one must be in range and free. NodePort and LoadBalancer services get a node port per
 * port from 30000-32767 unless one is requested.
 *
 * <p>Updates are two-phase, because the registry's update is a compare-and-swap loop that may refuse an attempt
 * (validation, a dry run) or retry it on a newer object: {@link #reconcileUpdate} only takes values, and
 * exactly one of {@link #commitUpdate} (give back what the old object held and the stored one does not) or
 * {@link #abandonUpdate} (give back what the attempt took) follows. Releasing early would let another Service
 * take a node port the unchanged Service still uses; taking without giving back on a refused attempt leaked one
 * port per attempt.
 */
public final class ServiceAllocator {
    private static final int MAX_RETRIES = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Storage storage;
    private final String ipKey;
    private final String portKey;
    private final long network;
    private final int prefixLength;
    private final int firstNodePort;
    private final int lastNodePort;

    public ServiceAllocator(Storage storage, String etcdPrefix, String serviceCidr, int firstNodePort, int lastNodePort) {
        this.storage = storage;
        this.ipKey = etcdPrefix + "/ranges/serviceips";
        this.portKey = etcdPrefix + "/ranges/servicenodeports";
        String[] parts = serviceCidr.split("/");
        this.prefixLength = Integer.parseInt(parts[1]);
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("service CIDR must be an IPv4 range between /8 and /30: " + serviceCidr);
        }
        long mask = prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
        this.network = toLong(parseIpv4(parts[0])) & mask;
        this.firstNodePort = firstNodePort;
        this.lastNodePort = lastNodePort;
    }

    // ------------------------------------------------------------------ registry hooks

    /** Allocates what a new Service needs; returns it with spec.clusterIP(s) and node ports filled in. */
    public KubernetesObject allocate(KubernetesObject object) {
        Service service = (Service) object;
        ServiceSpec spec = service.spec();
        if (spec == null) {
            return object;
        }
        String name = service.metadata() == null ? "" : service.metadata().name();
        List<String> taken = new ArrayList<>();
        List<Integer> takenPorts = new ArrayList<>();
        try {
            String ip = spec.clusterIP();
            if (needsClusterIp(spec)) {
                ip = (ip == null || ip.isEmpty()) ? allocateAnyIp(name) : allocateIp(ip, name);
                taken.add(ip);
            }
            List<ServicePort> ports = spec.ports();
            if (needsNodePorts(spec) && ports != null) {
                List<ServicePort> withPorts = new ArrayList<>();
                for (int i = 0; i < ports.size(); i++) {
                    ServicePort port = ports.get(i);
                    int nodePort = port.nodePort() == null || port.nodePort() == 0
                            ? allocateAnyPort(name, i) : allocatePort(port.nodePort(), "spec.ports[" + i + "].nodePort", name);
                    takenPorts.add(nodePort);
                    withPorts.add(new ServicePort(port.name(), port.protocol(), port.appProtocol(), port.port(),
                            port.targetPort(), nodePort));
                }
                ports = withPorts;
            }
            List<String> clusterIps = ip == null || ip.isEmpty() ? spec.clusterIPs() : List.of(ip);
            return service.withSpec(spec.withClusterIP(ip).withClusterIPs(clusterIps).withPorts(ports));
        } catch (RuntimeException e) {
            release(taken, takenPorts);
            throw e;
        }
    }

    /** Gives back everything a Service holds (after it was deleted, or when storing it failed). */
    public void release(KubernetesObject object) {
        Held held = held((Service) object);
        release(held.ips(), held.ports());
    }

    /**
     * The first half of an update: keeps the old ClusterIP (it is immutable) and the old node ports where the new
     * spec leaves them out, and takes what the new spec needs that the old one did not hold (node ports of a
     * Service turned NodePort, a ClusterIP of an ExternalName Service turned ClusterIP). Nothing is given back
     * here: the update may still be refused or lose a race. The registry calls exactly one of
     * {@link #commitUpdate} (stored) or {@link #abandonUpdate} (not stored) with the object returned.
     */
    public KubernetesObject reconcileUpdate(KubernetesObject updated, KubernetesObject old) {
        Service next = (Service) updated;
        Service before = (Service) old;
        if (next.spec() == null || before.spec() == null) {
            return updated;
        }
        ServiceSpec spec = next.spec();
        ServiceSpec oldSpec = before.spec();
        String name = next.metadata() == null ? "" : next.metadata().name();
        Held held = held(before);
        List<String> taken = new ArrayList<>();
        List<Integer> takenPorts = new ArrayList<>();
        try {
            boolean hadIp = needsClusterIp(oldSpec) && !isBlank(oldSpec.clusterIP());
            if (needsClusterIp(spec)) {
                if (isBlank(spec.clusterIP()) && hadIp) {
                    spec = spec.withClusterIP(oldSpec.clusterIP()).withClusterIPs(oldSpec.clusterIPs());
                } else if (!hadIp) {
                    String ip = isBlank(spec.clusterIP()) ? allocateAnyIp(name) : allocateIp(spec.clusterIP(), name);
                    taken.add(ip);
                    spec = spec.withClusterIP(ip).withClusterIPs(List.of(ip));
                }
            }
            List<ServicePort> oldPorts = oldSpec.ports() == null ? List.of() : oldSpec.ports();
            List<ServicePort> ports = spec.ports() == null ? List.of() : spec.ports();
            List<ServicePort> result = new ArrayList<>();
            boolean nodePorts = needsNodePorts(spec);
            List<Integer> reused = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                ServicePort port = ports.get(i);
                Integer nodePort = nodePorts ? port.nodePort() : null;
                if (nodePorts && (nodePort == null || nodePort == 0)) {
                    nodePort = previousNodePort(port, i, oldPorts, held.ports(), reused);
                }
                if (nodePorts && nodePort == null) {
                    nodePort = allocateAnyPort(name, i);
                    takenPorts.add(nodePort);
                } else if (nodePort != null && !held.ports().contains(nodePort)) {
                    nodePort = allocatePort(nodePort, "spec.ports[" + i + "].nodePort", name);
                    takenPorts.add(nodePort);
                }
                if (nodePort != null) {
                    reused.add(nodePort);
                }
                result.add(new ServicePort(port.name(), port.protocol(), port.appProtocol(), port.port(), port.targetPort(), nodePort));
            }
            return next.withSpec(spec.withPorts(spec.ports() == null ? null : result));
        } catch (RuntimeException e) {
            release(taken, takenPorts);
            throw e;
        }
    }

    /**
     * The node port a port of an update keeps when it asks for none: that of the old port with the same number
     * and protocol, else of the old port at the same position, if the Service held it and no other port of the
     * update has taken it.
     */
    private static Integer previousNodePort(ServicePort port, int index, List<ServicePort> oldPorts, List<Integer> held,
                                            List<Integer> reused) {
        List<ServicePort> candidates = new ArrayList<>();
        oldPorts.stream().filter(o -> java.util.Objects.equals(o.port(), port.port())
                && java.util.Objects.equals(protocol(o), protocol(port))).forEach(candidates::add);
        if (index < oldPorts.size()) {
            candidates.add(oldPorts.get(index));
        }
        for (ServicePort old : candidates) {
            Integer np = old.nodePort();
            if (np != null && held.contains(np) && !reused.contains(np)) {
                return np;
            }
        }
        return null;
    }

    private static String protocol(ServicePort port) {
        return port.protocol() == null ? "TCP" : port.protocol();
    }

    /** The update was stored: give back what the old Service held and the new one does not. */
    public void commitUpdate(KubernetesObject written, KubernetesObject old) {
        releaseDifference((Service) old, (Service) written);
    }

    /** The update was not stored (refused, a dry run, a lost race): give back what it took. */
    public void abandonUpdate(KubernetesObject attempted, KubernetesObject old) {
        releaseDifference((Service) attempted, (Service) old);
    }

    /** Releases the values {@code from} holds that {@code keep} does not. */
    private void releaseDifference(Service from, Service keep) {
        Held gone = held(from);
        Held kept = held(keep);
        List<String> ips = new ArrayList<>(gone.ips());
        ips.removeAll(kept.ips());
        List<Integer> ports = new ArrayList<>(gone.ports());
        ports.removeAll(kept.ports());
        release(ips, ports);
    }

    /** The ClusterIP and node ports a Service holds. */
    private record Held(List<String> ips, List<Integer> ports) {
    }

    private static Held held(Service service) {
        ServiceSpec spec = service.spec();
        List<String> ips = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        if (spec != null) {
            if (!isBlank(spec.clusterIP()) && !spec.clusterIP().equals("None")) {
                ips.add(spec.clusterIP());
            }
            if (spec.ports() != null) {
                spec.ports().forEach(p -> {
                    if (p.nodePort() != null && p.nodePort() > 0) {
                        ports.add(p.nodePort());
                    }
                });
            }
        }
        return new Held(ips, ports);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    /** Marks the values of existing Services as taken (start-up repair). */
    public void repair(List<KubernetesObject> services) {
        List<String> ips = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (KubernetesObject object : services) {
            ServiceSpec spec = ((Service) object).spec();
            if (spec == null) {
                continue;
            }
            if (spec.clusterIP() != null && !spec.clusterIP().isEmpty() && !spec.clusterIP().equals("None")) {
                ips.add(spec.clusterIP());
            }
            if (spec.ports() != null) {
                spec.ports().forEach(p -> {
                    if (p.nodePort() != null && p.nodePort() > 0) {
                        ports.add(p.nodePort());
                    }
                });
            }
        }
        update(ipKey, set -> set.addAll(ips));
        update(portKey, set -> set.addAll(ports.stream().map(String::valueOf).toList()));
    }

    private static boolean needsClusterIp(ServiceSpec spec) {
        return !"ExternalName".equals(spec.type()) && !"None".equals(spec.clusterIP());
    }

    private static boolean needsNodePorts(ServiceSpec spec) {
        return "NodePort".equals(spec.type()) || "LoadBalancer".equals(spec.type());
    }

    // ------------------------------------------------------------------ IPs

    private long size() {
        return 1L << (32 - prefixLength);
    }

    private String allocateAnyIp(String name) {
        long size = size();
        // Skip the network address, the first host (reserved for the kubernetes service) and broadcast.
        long usable = size - 3;
        long start = Math.floorMod(RANDOM.nextLong(), usable);
        String[] chosen = new String[1];
        update(ipKey, set -> {
            chosen[0] = null;
            for (long i = 0; i < usable; i++) {
                String candidate = fromLong(network + 2 + (start + i) % usable);
                if (!set.contains(candidate)) {
                    set.add(candidate);
                    chosen[0] = candidate;
                    return;
                }
            }
            throw ApiError.invalid(ResourceKinds.SERVICES, name, List.of(new StatusCause("FieldValueInvalid",
                    "Internal error: range is full", "spec.clusterIPs")));
        });
        return chosen[0];
    }

    private String allocateIp(String requested, String name) {
        long address;
        try {
            address = toLong(parseIpv4(requested));
        } catch (IllegalArgumentException e) {
            throw invalidIp(requested, "must be a valid IP address", name);
        }
        if ((address & ~((0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL)) == 0
                || address < network || address >= network + size() || address == network + size() - 1) {
            throw invalidIp(requested, "provided IP is not in the valid range. The range of valid IPs is "
                    + fromLong(network) + "/" + prefixLength, name);
        }
        update(ipKey, set -> {
            if (!set.add(requested)) {
                throw invalidIp(requested, "provided IP is already allocated", name);
            }
        });
        return requested;
    }

    private static ApiError invalidIp(String ip, String why, String name) {
        return ApiError.invalid(ResourceKinds.SERVICES, name, List.of(new StatusCause("FieldValueInvalid",
                "Invalid value: []string{\"" + ip + "\"}: failed to allocate IP " + ip + ": " + why, "spec.clusterIPs")));
    }

    // ------------------------------------------------------------------ node ports

    private int allocateAnyPort(String name, int index) {
        int count = lastNodePort - firstNodePort + 1;
        int start = RANDOM.nextInt(count);
        int[] chosen = new int[1];
        update(portKey, set -> {
            for (int i = 0; i < count; i++) {
                int candidate = firstNodePort + (start + i) % count;
                if (set.add(String.valueOf(candidate))) {
                    chosen[0] = candidate;
                    return;
                }
            }
            throw ApiError.invalid(ResourceKinds.SERVICES, name, List.of(new StatusCause("FieldValueInvalid",
                    "Internal error: range is full", "spec.ports[" + index + "].nodePort")));
        });
        return chosen[0];
    }

    private int allocatePort(int port, String field, String name) {
        if (port < firstNodePort || port > lastNodePort) {
            throw ApiError.invalid(ResourceKinds.SERVICES, name, List.of(new StatusCause("FieldValueInvalid",
                    "Invalid value: " + port + ": provided port is not in the valid range. The range of valid ports is "
                            + firstNodePort + "-" + lastNodePort, field)));
        }
        update(portKey, set -> {
            if (!set.add(String.valueOf(port))) {
                throw ApiError.invalid(ResourceKinds.SERVICES, name, List.of(new StatusCause("FieldValueInvalid",
                        "Invalid value: " + port + ": provided port is already allocated", field)));
            }
        });
        return port;
    }

    private void release(List<String> ips, List<Integer> ports) {
        if (!ips.isEmpty()) {
            update(ipKey, set -> ips.forEach(set::remove));
        }
        if (!ports.isEmpty()) {
            update(portKey, set -> ports.forEach(p -> set.remove(String.valueOf(p))));
        }
    }

    // ------------------------------------------------------------------ storage

    /** Read-modify-write of one allocation set with compare-and-swap, retried on conflict. */
    private void update(String key, java.util.function.Consumer<TreeSet<String>> change) {
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Optional<KeyValue> current = storage.get(key);
            TreeSet<String> set = new TreeSet<>();
            current.ifPresent(kv -> read(kv.value()).forEach(set::add));
            TreeSet<String> before = new TreeSet<>(set);
            change.accept(set);
            if (set.equals(before) && current.isPresent()) {
                return;
            }
            byte[] bytes = write(set);
            try {
                if (current.isPresent()) {
                    storage.update(key, bytes, current.get().modRevision());
                } else {
                    storage.create(key, bytes);
                }
                return;
            } catch (StorageException e) {
                if (e.code() != StorageException.Code.CONFLICT && e.code() != StorageException.Code.KEY_EXISTS
                        && e.code() != StorageException.Code.KEY_NOT_FOUND) {
                    throw ApiError.unavailable("storage is unavailable: " + e.getMessage());
                }
            }
        }
        throw ApiError.unavailable("could not update " + key + ": too much contention");
    }

    private static List<String> read(byte[] bytes) {
        try {
            JsonNode node = Codec.json().readTree(bytes);
            List<String> values = new ArrayList<>();
            node.path("allocated").forEach(v -> values.add(v.asText()));
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("allocation state is corrupt", e);
        }
    }

    private static byte[] write(TreeSet<String> set) {
        ObjectNode node = Codec.json().createObjectNode();
        ArrayNode array = node.putArray("allocated");
        set.forEach(array::add);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] parseIpv4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + text, e);
        }
    }

    private static long toLong(byte[] bytes) {
        return ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL);
    }

    private static String fromLong(long value) {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }
}
