package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;
import java.util.Map;

/**
 * Ports, selector and type (ClusterIP, NodePort, LoadBalancer, ExternalName) of a Service.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ServiceSpec; absent fields are {@code null}.
 */
public record ServiceSpec(
        List<ServicePort> ports,
        Map<String, String> selector,
        String clusterIP,
        List<String> clusterIPs,
        String type,
        List<String> externalIPs,
        String sessionAffinity,
        String loadBalancerIP,
        String externalName,
        String externalTrafficPolicy,
        String internalTrafficPolicy,
        Boolean publishNotReadyAddresses,
        List<String> ipFamilies,
        String ipFamilyPolicy,
        SessionAffinityConfig sessionAffinityConfig) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ServiceSpec {
        ports = Copies.list(ports);
        selector = Copies.map(selector);
        clusterIPs = Copies.list(clusterIPs);
        externalIPs = Copies.list(externalIPs);
        ipFamilies = Copies.list(ipFamilies);
    }

    /** The fields before {@code sessionAffinityConfig} was modelled; it stays {@code null}. */
    public ServiceSpec(List<ServicePort> ports, Map<String, String> selector, String clusterIP, List<String> clusterIPs,
                       String type, List<String> externalIPs, String sessionAffinity, String loadBalancerIP,
                       String externalName, String externalTrafficPolicy, String internalTrafficPolicy,
                       Boolean publishNotReadyAddresses, List<String> ipFamilies, String ipFamilyPolicy) {
        this(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName,
                externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, null);
    }

    public ServiceSpec withPorts(List<ServicePort> ports) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withSelector(Map<String, String> selector) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withClusterIP(String clusterIP) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withClusterIPs(List<String> clusterIPs) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withType(String type) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withExternalIPs(List<String> externalIPs) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withSessionAffinity(String sessionAffinity) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withLoadBalancerIP(String loadBalancerIP) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withExternalName(String externalName) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withExternalTrafficPolicy(String externalTrafficPolicy) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withInternalTrafficPolicy(String internalTrafficPolicy) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withPublishNotReadyAddresses(Boolean publishNotReadyAddresses) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withIpFamilies(List<String> ipFamilies) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withIpFamilyPolicy(String ipFamilyPolicy) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }

    public ServiceSpec withSessionAffinityConfig(SessionAffinityConfig sessionAffinityConfig) {
        return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity, loadBalancerIP, externalName, externalTrafficPolicy, internalTrafficPolicy, publishNotReadyAddresses, ipFamilies, ipFamilyPolicy, sessionAffinityConfig);
    }
}
