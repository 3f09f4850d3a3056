package io.tugboat.api.defaulting;

import io.tugboat.api.IntOrString;
import io.tugboat.api.core.ClientIPConfig;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.core.SessionAffinityConfig;
import java.util.List;

/**
 * Defaults of Services: {@code SetDefaults_Service} of {@code pkg/apis/core/v1/defaults.go}, plus the IP fields
 * Kubernetes fills in elsewhere in the API server, so that a Tugboat Service reads like the one
 * {@code kubectl get svc -o yaml} shows.
 *
 * <p>{@code sessionAffinity: ClientIP} gets {@code sessionAffinityConfig.clientIP.timeoutSeconds: 10800} unless a
 * timeout is given, as in Kubernetes.
 *
 * <p>The extra steps, and where Kubernetes does them:
 * <ul>
 *   <li>{@code clusterIP} and {@code clusterIPs} are kept in step (the service strategy's
 *       {@code PrepareForCreate}): whichever is given fills the other.</li>
 *   <li>{@code ipFamilyPolicy} and {@code ipFamilies} (the service IP allocator): Tugboat clusters are
 *       single-stack, so {@code SingleStack} with the family of the cluster IP, IPv4 unless an IPv6 address was
 *       given. A headless service without selector gets {@code RequireDualStack}, as in Kubernetes.</li>
 * </ul>
 * Allocating the cluster IP and node ports themselves is the API server's job, not a default.
 */
final class ServiceDefaults {

    /** Kubernetes' {@code DefaultClientIPServiceAffinitySeconds}: three hours. */
    static final int DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

    private ServiceDefaults() {
    }

    static Service service(Service svc) {
        ServiceSpec s = svc.spec() == null
                ? new ServiceSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : svc.spec();
        if (PodDefaults.isBlank(s.sessionAffinity())) {
            s = s.withSessionAffinity("None");
        }
        SessionAffinityConfig affinity = s.sessionAffinityConfig();
        if (s.sessionAffinity().equals("ClientIP")
                && (affinity == null || affinity.clientIP() == null || affinity.clientIP().timeoutSeconds() == null)) {
            s = s.withSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(DEFAULT_CLIENT_IP_AFFINITY_SECONDS)));
        }
        if (PodDefaults.isBlank(s.type())) {
            s = s.withType("ClusterIP");
        }
        s = s.withPorts(PodDefaults.map(s.ports(), ServiceDefaults::port));
        String type = s.type();
        boolean externallyAccessible = type.equals("NodePort") || type.equals("LoadBalancer")
                || type.equals("ClusterIP") && s.externalIPs() != null && !s.externalIPs().isEmpty();
        if (externallyAccessible && PodDefaults.isBlank(s.externalTrafficPolicy())) {
            s = s.withExternalTrafficPolicy("Cluster");
        }
        if (s.internalTrafficPolicy() == null
                && (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP"))) {
            s = s.withInternalTrafficPolicy("Cluster");
        }
        s = clusterIPs(s);
        if (!type.equals("ExternalName")) {
            s = ipFamilies(s);
        }
        return svc.withSpec(s);
    }

    /** Protocol TCP, and a target port equal to the port unless one is named. */
    private static ServicePort port(ServicePort p) {
        String protocol = PodDefaults.isBlank(p.protocol()) ? "TCP" : p.protocol();
        IntOrString target = p.targetPort();
        boolean unset = target == null || target.isInt() && target.intValue() == 0 || !target.isInt() && target.strValue().isEmpty();
        if (unset && p.port() != null) {
            target = IntOrString.of(p.port());
        }
        return new ServicePort(p.name(), protocol, p.appProtocol(), p.port(), target, p.nodePort());
    }

    /**
     * Whichever of {@code clusterIP} and {@code clusterIPs} is given fills the other, for every type: an
     * ExternalName service that names a cluster IP must still be refused by validation, which looks at
     * {@code clusterIPs}.
     */
    private static ServiceSpec clusterIPs(ServiceSpec s) {
        List<String> ips = s.clusterIPs();
        if ((ips == null || ips.isEmpty()) && !PodDefaults.isBlank(s.clusterIP())) {
            return s.withClusterIPs(List.of(s.clusterIP()));
        }
        if (PodDefaults.isBlank(s.clusterIP()) && ips != null && !ips.isEmpty()) {
            return s.withClusterIP(ips.get(0));
        }
        return s;
    }

    private static ServiceSpec ipFamilies(ServiceSpec spec) {
        ServiceSpec s = spec;
        boolean headless = "None".equals(s.clusterIP());
        if (s.ipFamilyPolicy() == null) {
            boolean noSelector = s.selector() == null || s.selector().isEmpty();
            s = s.withIpFamilyPolicy(headless && noSelector ? "RequireDualStack" : "SingleStack");
        }
        if (s.ipFamilies() == null || s.ipFamilies().isEmpty()) {
            boolean ipv6 = !headless && s.clusterIP() != null && s.clusterIP().contains(":");
            s = s.withIpFamilies(List.of(ipv6 ? "IPv6" : "IPv4"));
        }
        return s;
    }
}
