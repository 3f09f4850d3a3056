package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.DNS_1035;
import static io.tugboat.api.validation.Causes.DNS_LABEL;
import static io.tugboat.api.validation.Causes.DNS_SUBDOMAIN;
import static io.tugboat.api.validation.Causes.LABEL_VALUE;
import static io.tugboat.api.validation.Causes.duplicate;
import static io.tugboat.api.validation.Causes.forbidden;
import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Services ({@code ValidateService} and {@code ValidateServiceUpdate} in {@code pkg/apis/core/validation}). */
class ServiceValidationTest {

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default, resourceVersion: '1'}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            """;
    private static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    static Stream<Case> services() {
        return Stream.of(
                Case.of("a service selecting pods on one port is valid", SERVICE, "{}"),
                Case.of("a service name is a DNS-1035 label: it becomes a DNS name and an environment variable", SERVICE,
                        "metadata: {name: 1web}", invalid("metadata.name", "\"1web\": " + DNS_1035)),
                Case.of("a service needs a port", SERVICE, "spec: {ports: null}", required("spec.ports")),
                Case.of("a headless service may go without ports", SERVICE, "spec: {ports: null, clusterIP: None}"),
                Case.of("an ExternalName service is only a DNS alias and needs no ports", SERVICE,
                        "spec: {type: ExternalName, externalName: db.example.com, ports: null, selector: null}"),
                Case.of("an ExternalName service may name its target fully qualified", SERVICE,
                        "spec: {type: ExternalName, externalName: db.example.com., selector: null}"),
                Case.of("an ExternalName service needs the name it aliases", SERVICE,
                        "spec: {type: ExternalName, selector: null}", required("spec.externalName")),
                Case.of("an ExternalName is a DNS subdomain", SERVICE,
                        "spec: {type: ExternalName, externalName: db_example, selector: null}",
                        invalid("spec.externalName", "\"db_example\": " + DNS_SUBDOMAIN)),
                Case.of("an ExternalName service gets no cluster IP", SERVICE,
                        "spec: {type: ExternalName, externalName: db.example.com, clusterIP: 10.96.0.10}",
                        forbidden("spec.clusterIPs", "may not be set for ExternalName services")),
                Case.of("several ports must each be named, so endpoints can tell them apart", SERVICE,
                        "spec: {ports: [{port: 80}, {port: 443}]}",
                        required("spec.ports[0].name"), required("spec.ports[1].name")),
                Case.of("port names are unique", SERVICE, "spec: {ports: [{name: http, port: 80}, {name: http, port: 8080}]}",
                        duplicate("spec.ports[1].name", "\"http\"")),
                Case.of("a port name is a DNS label", SERVICE, "spec: {ports: [{name: HTTP, port: 80}]}",
                        invalid("spec.ports[0].name", "\"HTTP\": " + DNS_LABEL)),
                Case.of("a port is at most 65535", SERVICE, "spec: {ports: [{name: http, port: 70000, targetPort: 8080}]}",
                        invalid("spec.ports[0].port", "70000: must be between 1 and 65535, inclusive")),
                Case.of("a protocol is TCP, UDP or SCTP", SERVICE, "spec: {ports: [{name: http, port: 80, protocol: HTTP}]}",
                        notSupported("spec.ports[0].protocol", "\"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                Case.of("an omitted target port is the port itself", SERVICE, "spec: {ports: [{name: http, port: 80}]}"),
                Case.of("a target port may name a container port", SERVICE,
                        "spec: {ports: [{name: http, port: 80, targetPort: http-alt}]}"),
                Case.of("a target port name is an IANA service name", SERVICE,
                        "spec: {ports: [{name: http, port: 80, targetPort: web_port}]}",
                        invalid("spec.ports[0].targetPort",
                                "\"web_port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
                Case.of("the same port may serve two protocols", SERVICE,
                        "spec: {ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53}]}"),
                Case.of("the same port and protocol may not be given twice", SERVICE,
                        "spec: {ports: [{name: a, port: 80}, {name: b, port: 80, targetPort: 81}]}",
                        duplicate("spec.ports[1]",
                                "{\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}")),
                Case.of("a type is one Kubernetes knows", SERVICE, "spec: {type: Internal}",
                        notSupported("spec.type",
                                "\"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
                Case.of("a load balancer service is valid", SERVICE, "spec: {type: LoadBalancer}"),
                Case.of("a node port within the range is valid", SERVICE,
                        "spec: {type: NodePort, ports: [{name: http, port: 80, nodePort: 30080}]}"),
                Case.of("a node port lies in 30000-32767", SERVICE,
                        "spec: {type: NodePort, ports: [{name: http, port: 80, nodePort: 8080}]}",
                        invalid("spec.ports[0].nodePort",
                                "8080: provided port is not in the valid range. The range of valid ports is 30000-32767")),
                Case.of("a ClusterIP service opens no node port", SERVICE,
                        "spec: {ports: [{name: http, port: 80, nodePort: 30080}]}",
                        forbidden("spec.ports[0].nodePort", "may not be used when `type` is 'ClusterIP'")),
                Case.of("two ports may not share a node port", SERVICE,
                        "spec: {type: NodePort, ports: [{name: a, port: 80, nodePort: 30080}, {name: b, port: 81, nodePort: 30080}]}",
                        duplicate("spec.ports[1].nodePort", "30080")),
                Case.of("a node port service cannot be headless", SERVICE, "spec: {type: NodePort, clusterIP: None}",
                        invalid("spec.clusterIPs[0]", "\"None\": may not be set to 'None' for NodePort services")),
                Case.of("a chosen cluster IP is valid", SERVICE, "spec: {clusterIP: 10.96.0.10}"),
                Case.of("a cluster IP is an IP address", SERVICE, "spec: {clusterIP: 10.96.0.300}",
                        invalid("spec.clusterIPs[0]", "\"10.96.0.300\": " + INVALID_IP)),
                Case.of("clusterIP is the first of clusterIPs", SERVICE, "spec: {clusterIP: 10.96.0.10, clusterIPs: [10.96.0.11]}",
                        invalid("spec.clusterIPs", "[\"10.96.0.11\"]: first value must match `clusterIP`")),
                Case.of("session affinity is None or ClientIP", SERVICE, "spec: {sessionAffinity: Sticky}",
                        notSupported("spec.sessionAffinity", "\"Sticky\": supported values: \"ClientIP\", \"None\"")),
                Case.of("client IP affinity gets the default timeout", SERVICE, "spec: {sessionAffinity: ClientIP}"),
                Case.of("a client IP affinity timeout is at most a day", SERVICE,
                        "spec: {sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}}",
                        invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", "86401: must be greater than 0 and less than 86400")),
                Case.of("without affinity there is no affinity config", SERVICE,
                        "spec: {sessionAffinity: None, sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}}",
                        forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None")),
                Case.of("an internal service has no external traffic policy", SERVICE, "spec: {externalTrafficPolicy: Local}",
                        invalid("spec.externalTrafficPolicy", "\"Local\": may only be set for externally-accessible services")),
                Case.of("a node port service may keep traffic on the local node", SERVICE,
                        "spec: {type: NodePort, externalTrafficPolicy: Local}"),
                Case.of("an internal traffic policy is Cluster or Local", SERVICE, "spec: {internalTrafficPolicy: Node}",
                        notSupported("spec.internalTrafficPolicy", "\"Node\": supported values: \"Cluster\", \"Local\"")),
                Case.of("an external IP is routable", SERVICE, "spec: {externalIPs: [127.0.0.1]}",
                        invalid("spec.externalIPs[0]", "\"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")),
                Case.of("selector values are label values", SERVICE, "spec: {selector: {app: 'web app'}}",
                        invalid("spec.selector", "\"web app\": " + LABEL_VALUE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void validatesServicesLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    static Stream<UpdateCase> updates() {
        return Stream.of(
                UpdateCase.of("ports may change", SERVICE, "{}", "spec: {ports: [{name: https, port: 443}]}"),
                UpdateCase.of("a ClusterIP service may become a NodePort service", SERVICE, "spec: {clusterIP: 10.96.0.10}",
                        "spec: {type: NodePort}"),
                UpdateCase.of("an allocated cluster IP stays", SERVICE, "spec: {clusterIP: 10.96.0.10}",
                        "spec: {clusterIP: 10.96.0.11, clusterIPs: [10.96.0.11]}",
                        invalid("spec.clusterIPs[0]", "[\"10.96.0.11\"]: may not change once set")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void validatesServiceUpdatesLikeKubernetes(UpdateCase u) {
        assertEquals(u.expected(), u.actual());
    }
}
