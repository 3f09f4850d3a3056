package io.tugboat.kubelet.dns;

import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.informer.Lister;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resolver's view of the cluster, read from informers' caches (read-only: never modify what they return).
 * {@link #touch()} is called on every Service or Endpoints event; the SOA serial is the second of the last change,
 * never going backwards.
 */
final class InformerServiceDirectory implements ServiceDirectory {
    private final Lister<Service> services;
    private final Lister<Endpoints> endpoints;
    private final Clock clock;
    private final AtomicLong serial;

    InformerServiceDirectory(Lister<Service> services, Lister<Endpoints> endpoints, Clock clock) {
        this.services = services;
        this.endpoints = endpoints;
        this.clock = clock;
        this.serial = new AtomicLong(clock.instant().getEpochSecond());
    }

    void touch() {
        long now = clock.instant().getEpochSecond();
        serial.accumulateAndGet(now, Math::max);
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return services.get(namespace, name);
    }

    @Override
    public Optional<Endpoints> endpoints(String namespace, String name) {
        return endpoints.get(namespace, name);
    }

    @Override
    public boolean hasServicesIn(String namespace) {
        return !services.list(namespace, Selector.everything()).isEmpty();
    }

    @Override
    public long serial() {
        return serial.get();
    }
}
