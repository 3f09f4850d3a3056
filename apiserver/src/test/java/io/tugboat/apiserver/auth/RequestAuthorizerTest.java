package io.tugboat.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes' 403 messages (responsewriters.forbiddenMessage + apierrors.NewForbidden), and the upgrade rule. */
class RequestAuthorizerTest {
    static final UserInfo ALICE = UserInfo.of("alice", List.of("dev"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/namespaces/default/pods              | pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"
            GET    | /api/v1/nodes                                | nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope
            GET    | /api/v1/nodes/n1                             | nodes "n1" is forbidden: User "alice" cannot get resource "nodes" in API group "" at the cluster scope
            POST   | /api/v1/namespaces/default/pods/web/exec     | pods "web" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"
            DELETE | /apis/apps/v1/namespaces/prod/deployments/d  | deployments.apps "d" is forbidden: User "alice" cannot delete resource "deployments" in API group "apps" in the namespace "prod"
            GET    | /foo                                         | forbidden: User "alice" cannot get path "/foo"
            """)
    void deniedRequestsGetKubernetesMessages(String method, String path, String message) {
        ApiError e = assertThrows(ApiError.class, () -> new RequestAuthorizer(Authorizer.chain()).authorize(request(method, path, Map.of())));
        assertEquals(403, e.code());
        assertEquals("Forbidden", e.status().reason());
        assertEquals(message, e.status().message());
    }

    @Test
    void theAuthorizersReasonIsAppendedAndDetailsNameTheObject() {
        ApiError e = assertThrows(ApiError.class, () -> new RequestAuthorizer(a -> Decision.deny("no RBAC binding"))
                .authorize(request("GET", "/apis/apps/v1/namespaces/prod/deployments/web", Map.of())));
        assertEquals("deployments.apps \"web\" is forbidden: User \"alice\" cannot get resource \"deployments\" in API group "
                + "\"apps\" in the namespace \"prod\": no RBAC binding", e.status().message());
        assertEquals("web", e.status().details().name());
        assertEquals("apps", e.status().details().group());
        assertEquals("deployments", e.status().details().kind());
    }

    @Test
    void aWebSocketExecNeedsCreateAsWellAsGet() {
        List<String> asked = new ArrayList<>();
        RequestAuthorizer authorizer = new RequestAuthorizer(a -> {
            asked.add(a.verb() + " " + a.resourceWithSubresource());
            return a.verb().equals("get") ? Decision.allow("") : Decision.noOpinion("");
        });
        ApiError e = assertThrows(ApiError.class, () -> authorizer.authorize(request("GET",
                "/api/v1/namespaces/default/pods/web/exec", Map.of("upgrade", "websocket", "connection", "Upgrade"))));
        assertEquals(List.of("get pods/exec", "create pods/exec"), asked);
        assertEquals("pods \"web\" is forbidden: User \"alice\" cannot create resource \"pods/exec\" in API group \"\" "
                + "in the namespace \"default\"", e.status().message());
    }

    @Test
    void mastersAreAllowedWhateverTheAuthorizersSay() {
        RequestAuthorizer authorizer = new RequestAuthorizer(Authorizer.chain(a -> Decision.deny("never")));
        ApiRequest request = new ApiRequest("DELETE", "/api/v1/nodes/n1", Map.of(), Map.of(), new byte[0])
                .withUser(UserInfo.of("admin", List.of(UserInfo.MASTERS)));
        authorizer.authorize(request); // does not throw
    }

    static ApiRequest request(String method, String path, Map<String, String> headers) {
        return new ApiRequest(method, path, Map.of(), headers, new byte[0]).withUser(ALICE);
    }
}
