package io.tugboat.kubelet.dns;

import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import java.util.List;
import java.util.Optional;

/**
 * The part of the cluster the resolver reads: Services and their Endpoints (same namespace and name), all namespaces.
 * Backed by informers' listers in the kubelet and by plain maps in tests. Objects are read-only cache entries.
 */
public interface ServiceDirectory {
    Optional<Service> service(String namespace, String name);

    Optional<Endpoints> endpoints(String namespace, String name);

    /** True if some Service lives in the namespace (so {@code <ns>.svc.<domain>} is a name that exists). */
    boolean hasServicesIn(String namespace);

    /** The SOA serial: changes whenever a Service or Endpoints changes (CoreDNS uses the last modification time). */
    long serial();

    /** A directory of fixed objects (tests, tools). */
    static ServiceDirectory of(List<Service> services, List<Endpoints> endpoints, long serial) {
        return new ServiceDirectory() {
            @Override
            public Optional<Service> service(String namespace, String name) {
                return services.stream().filter(s -> namespace.equals(s.metadata().namespace()) && name.equals(s.metadata().name()))
                        .findFirst();
            }

            @Override
            public Optional<Endpoints> endpoints(String namespace, String name) {
                return endpoints.stream().filter(e -> namespace.equals(e.metadata().namespace()) && name.equals(e.metadata().name()))
                        .findFirst();
            }

            @Override
            public boolean hasServicesIn(String namespace) {
                return services.stream().anyMatch(s -> namespace.equals(s.metadata().namespace()));
            }

            @Override
            public long serial() {
                return serial;
            }
        };
    }
}
