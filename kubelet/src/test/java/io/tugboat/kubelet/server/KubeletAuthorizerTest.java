package io.tugboat.kubelet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubeletAuthorizerTest {
    private static final KubeletAuthorizer.Caller APISERVER =
            new KubeletAuthorizer.Caller("kube-apiserver-kubelet-client", List.of("system:masters"));
    private static final KubeletAuthorizer.Caller ADMIN = new KubeletAuthorizer.Caller("kubernetes-admin", List.of("system:masters"));
    private static final KubeletAuthorizer.Caller NODE = new KubeletAuthorizer.Caller("system:node:n1", List.of("system:nodes"));

    static Stream<Arguments> requests() {
        KubeletAuthorizer apiServerOnly = KubeletAuthorizer.apiServerOnly();
        KubeletAuthorizer monitoring = new KubeletAuthorizer(Set.of(), Set.of("monitoring"));
        KubeletAuthorizer.Caller prometheus = new KubeletAuthorizer.Caller("prometheus", List.of("monitoring"));
        return Stream.of(
                Arguments.of("the API server reads logs", apiServerOnly, APISERVER, "GET", "/containerLogs/ns/p/c", 0, ""),
                Arguments.of("the API server execs", apiServerOnly, APISERVER, "POST", "/exec/ns/p/c", 0, ""),
                Arguments.of("no certificate", apiServerOnly, null, "GET", "/containerLogs/ns/p/c", 401, "Unauthorized"),
                Arguments.of("no certificate, health", apiServerOnly, null, "GET", "/healthz", 0, ""),
                Arguments.of("the admin is in system:masters but not listed", apiServerOnly, ADMIN, "GET", "/containerLogs/ns/p/c", 403,
                        "Forbidden (user=kubernetes-admin, verb=get, resource=nodes, subresource(s)=[proxy])"),
                Arguments.of("a node may not exec on another", apiServerOnly, NODE, "POST", "/exec/ns/p/c", 403,
                        "Forbidden (user=system:node:n1, verb=create, resource=nodes, subresource(s)=[proxy])"),
                Arguments.of("a node asking for stats", apiServerOnly, NODE, "GET", "/stats/summary", 403,
                        "Forbidden (user=system:node:n1, verb=get, resource=nodes, subresource(s)=[stats])"),
                Arguments.of("a listed group", monitoring, prometheus, "GET", "/metrics", 0, ""),
                Arguments.of("a user not in the listed group", monitoring, APISERVER, "GET", "/metrics", 403,
                        "Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource(s)=[metrics])"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void decides(String name, KubeletAuthorizer authorizer, KubeletAuthorizer.Caller caller, String method, String path,
                 int code, String message) {
        KubeletAuthorizer.Decision decision = authorizer.decide(caller, method, path);
        assertEquals(code, decision.code());
        assertEquals(message, decision.message());
    }
}
