package io.tugboat.kubelet.proxy;

import io.tugboat.api.IntOrString;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;

/** Services and Endpoints as the API server and the endpoints controller would store them. */
final class ProxyFixtures {
    private ProxyFixtures() {
    }

    static ObjectMeta meta(String namespace, String name) {
        return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
    }

    static ServicePort port(String name, String protocol, int port, int targetPort) {
        return new ServicePort(name, protocol, null, port, IntOrString.of(targetPort), null);
    }

    static ServicePort nodePort(String name, String protocol, int port, int targetPort, int nodePort) {
        return new ServicePort(name, protocol, null, port, IntOrString.of(targetPort), nodePort);
    }

    static Service service(String namespace, String name, String type, String clusterIP, String affinity, ServicePort... ports) {
        return Service.of(meta(namespace, name), new ServiceSpec(List.of(ports), Map.of("app", name), clusterIP,
                clusterIP == null ? null : List.of(clusterIP), type, null, affinity, null, null, null, null, null, null, null),
                null);
    }

    static Service clusterIP(String namespace, String name, String clusterIP, ServicePort... ports) {
        return service(namespace, name, "ClusterIP", clusterIP, "None", ports);
    }

    static EndpointAddress address(String ip) {
        return new EndpointAddress(ip, null, null, null);
    }

    static EndpointPort endpointPort(String name, String protocol, int port) {
        return new EndpointPort(name, port, protocol, null);
    }

    static EndpointSubset subset(List<String> ready, List<String> notReady, EndpointPort... ports) {
        return new EndpointSubset(ready.stream().map(ProxyFixtures::address).toList(),
                notReady.stream().map(ProxyFixtures::address).toList(), List.of(ports));
    }

    static Endpoints endpoints(String namespace, String name, EndpointSubset... subsets) {
        return Endpoints.of(meta(namespace, name), List.of(subsets));
    }
}
