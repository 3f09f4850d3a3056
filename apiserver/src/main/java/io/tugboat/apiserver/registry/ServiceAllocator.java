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
        List<String> taken = new ArrayList<>();
        List<Integer> takenPorts = new ArrayList<>();
        try {
            String ip = spec.clusterIP();
            if (needsClusterIp(spec)) {
                ip = (ip == null || ip.isEmpty()) ? allocateAnyIp() : allocateIp(ip);
                taken.add(ip);
            }
            List<ServicePort> ports = spec.ports();
            if (needsNodePorts(spec) && ports != null) {
                List<ServicePort> withPorts = new ArrayList<>();
                for (int i = 0; i < ports.size(); i++) {
                    ServicePort port = ports.get(i);
                    int nodePort = port.nodePort() == null || port.nodePort() == 0
                            ? allocateAnyPort() : allocatePort(port.nodePort(), "spec.ports[" + i + "].nodePort");
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
        Service service = (Service) object;
        ServiceSpec spec = service.spec();
        if (spec == null) {
            return;
        }
        List<String> ips = new ArrayList<>();
        if (spec.clusterIP() != null && !spec.clusterIP().isEmpty() && !spec.clusterIP().equals("None")) {
            ips.add(spec.clusterIP());
        }
        List<Integer> ports = new ArrayList<>();
        if (spec.ports() != null) {
            spec.ports().forEach(p -> {
                if (p.nodePort() != null && p.nodePort() > 0) {
                    ports.add(p.nodePort());
                }
            });
        }
        release(ips, ports);
    }

    /**
     * An update keeps the old ClusterIP (it is immutable) and the old node ports where the new spec leaves them
     * out; ports the update no longer uses are released, new ones allocated.
     */
    public KubernetesObject reconcileUpdate(KubernetesObject updated, KubernetesObject old) {
        Service next = (Service) updated;
        Service before = (Service) old;
        if (next.spec() == null || before.spec() == null) {
            return updated;
        }
        ServiceSpec spec = next.spec();
        if ((spec.clusterIP() == null || spec.clusterIP().isEmpty()) && before.spec().clusterIP() != null) {
            spec = spec.withClusterIP(before.spec().clusterIP()).withClusterIPs(before.spec().clusterIPs());
        }
        List<Integer> oldPorts = new ArrayList<>();
        if (before.spec().ports() != null) {
            before.spec().ports().forEach(p -> {
                if (p.nodePort() != null && p.nodePort() > 0) {
                    oldPorts.add(p.nodePort());
                }
            });
        }
        List<ServicePort> ports = spec.ports() == null ? List.of() : spec.ports();
        List<ServicePort> result = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        boolean nodePorts = needsNodePorts(spec);
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            Integer nodePort = nodePorts ? port.nodePort() : null;
            if (nodePorts && (nodePort == null || nodePort == 0)) {
                nodePort = i < before.spec().ports().size() && oldPorts.contains(before.spec().ports().get(i).nodePort())
                        ? before.spec().ports().get(i).nodePort() : null;
            }
            if (nodePorts && nodePort == null) {
                nodePort = allocateAnyPort();
            } else if (nodePort != null && !oldPorts.contains(nodePort)) {
                nodePort = allocatePort(nodePort, "spec.ports[" + i + "].nodePort");
            }
            if (nodePort != null) {
                keep.add(nodePort);
            }
            result.add(new ServicePort(port.name(), port.protocol(), port.appProtocol(), port.port(), port.targetPort(), nodePort));
        }
        List<Integer> freed = new ArrayList<>(oldPorts);
        freed.removeAll(keep);
        release(List.of(), freed);
        return next.withSpec(spec.withPorts(spec.ports() == null ? null : result));
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

    private String allocateAnyIp() {
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
            throw ApiError.invalid(ResourceKinds.SERVICES, "", List.of(new StatusCause("FieldValueInvalid",
                    "Internal error: range is full", "spec.clusterIPs")));
        });
        return chosen[0];
    }

    private String allocateIp(String requested) {
        long address;
        try {
            address = toLong(parseIpv4(requested));
        } catch (IllegalArgumentException e) {
            throw invalidIp(requested, "must be a valid IP address");
        }
        if ((address & ~((0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL)) == 0
                || address < network || address >= network + size() || address == network + size() - 1) {
            throw invalidIp(requested, "provided IP is not in the valid range. The range of valid IPs is "
                    + fromLong(network) + "/" + prefixLength);
        }
        update(ipKey, set -> {
            if (!set.add(requested)) {
                throw invalidIp(requested, "provided IP is already allocated");
            }
        });
        return requested;
    }

    private static ApiError invalidIp(String ip, String why) {
        return ApiError.invalid(ResourceKinds.SERVICES, "", List.of(new StatusCause("FieldValueInvalid",
                "Invalid value: []string{\"" + ip + "\"}: failed to allocate IP " + ip + ": " + why, "spec.clusterIPs")));
    }

    // ------------------------------------------------------------------ node ports

    private int allocateAnyPort() {
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
            throw ApiError.invalid(ResourceKinds.SERVICES, "", List.of(new StatusCause("FieldValueInvalid",
                    "Internal error: range is full", "spec.ports[0].nodePort")));
        });
        return chosen[0];
    }

    private int allocatePort(int port, String field) {
        if (port < firstNodePort || port > lastNodePort) {
            throw ApiError.invalid(ResourceKinds.SERVICES, "", List.of(new StatusCause("FieldValueInvalid",
                    "Invalid value: " + port + ": provided port is not in the valid range. The range of valid ports is "
                            + firstNodePort + "-" + lastNodePort, field)));
        }
        update(portKey, set -> {
            if (!set.add(String.valueOf(port))) {
                throw ApiError.invalid(ResourceKinds.SERVICES, "", List.of(new StatusCause("FieldValueInvalid",
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
