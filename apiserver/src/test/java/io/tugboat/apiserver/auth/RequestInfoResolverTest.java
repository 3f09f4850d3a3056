package io.tugboat.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.apiserver.rest.ApiRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verbs and names Kubernetes' RequestInfoFactory derives, one request per row. */
class RequestInfoResolverTest {
    static final UserInfo ALICE = UserInfo.of("alice", List.of());

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # method | path?query                                                   | verb             | group | resource          | sub         | namespace   | name
            GET      | /api/v1/namespaces/default/pods                              | list             | ''    | pods              | ''          | default     | ''
            GET      | /api/v1/namespaces/default/pods?watch=true                   | watch            | ''    | pods              | ''          | default     | ''
            GET      | /api/v1/namespaces/default/pods?watch=1                      | watch            | ''    | pods              | ''          | default     | ''
            GET      | /api/v1/namespaces/default/pods?watch=false                  | list             | ''    | pods              | ''          | default     | ''
            GET      | /api/v1/watch/namespaces/default/pods                        | watch            | ''    | pods              | ''          | default     | ''
            GET      | /api/v1/watch/namespaces/default/pods/web                    | watch            | ''    | pods              | ''          | default     | web
            GET      | /api/v1/pods                                                 | list             | ''    | pods              | ''          | ''          | ''
            GET      | /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb | list        | ''    | pods              | ''          | default     | web
            HEAD     | /api/v1/namespaces/default/pods/web                          | get              | ''    | pods              | ''          | default     | web
            GET      | /api/v1/namespaces/default/pods/web                          | get              | ''    | pods              | ''          | default     | web
            POST     | /api/v1/namespaces/default/pods                              | create           | ''    | pods              | ''          | default     | ''
            PUT      | /api/v1/namespaces/default/pods/web                          | update           | ''    | pods              | ''          | default     | web
            PATCH    | /api/v1/namespaces/default/pods/web                          | patch            | ''    | pods              | ''          | default     | web
            DELETE   | /api/v1/namespaces/default/pods/web                          | delete           | ''    | pods              | ''          | default     | web
            DELETE   | /api/v1/namespaces/default/pods                              | deletecollection | ''    | pods              | ''          | default     | ''
            PUT      | /api/v1/namespaces/default/pods/web/status                   | update           | ''    | pods              | status      | default     | web
            POST     | /api/v1/namespaces/default/pods/web/exec?command=ls          | create           | ''    | pods              | exec        | default     | web
            GET      | /api/v1/namespaces/default/pods/web/exec?command=ls          | get              | ''    | pods              | exec        | default     | web
            POST     | /api/v1/namespaces/default/pods/web/attach                   | create           | ''    | pods              | attach      | default     | web
            POST     | /api/v1/namespaces/default/pods/web/portforward              | create           | ''    | pods              | portforward | default     | web
            GET      | /api/v1/namespaces/default/pods/web/log                      | get              | ''    | pods              | log         | default     | web
            POST     | /api/v1/namespaces/default/pods/web/eviction                 | create           | ''    | pods              | eviction    | default     | web
            POST     | /api/v1/namespaces/default/pods/web/binding                  | create           | ''    | pods              | binding     | default     | web
            POST     | /api/v1/namespaces/default/bindings                          | create           | ''    | bindings          | ''          | default     | ''
            GET      | /apis/apps/v1/namespaces/prod/deployments                    | list             | apps  | deployments       | ''          | prod        | ''
            PATCH    | /apis/apps/v1/namespaces/prod/deployments/web/scale          | patch            | apps  | deployments       | scale       | prod        | web
            GET      | /api/v1/nodes                                                | list             | ''    | nodes             | ''          | ''          | ''
            GET      | /api/v1/nodes/node-1                                         | get              | ''    | nodes             | ''          | ''          | node-1
            GET      | /api/v1/namespaces                                           | list             | ''    | namespaces        | ''          | ''          | ''
            GET      | /api/v1/namespaces/kube-system                               | get              | ''    | namespaces        | ''          | kube-system | kube-system
            PUT      | /api/v1/namespaces/gone/finalize                             | update           | ''    | namespaces        | finalize    | gone        | gone
            PUT      | /api/v1/namespaces/gone/status                               | update           | ''    | namespaces        | status      | gone        | gone
            POST     | /apis/rbac.authorization.k8s.io/v1/clusterroles              | create           | rbac.authorization.k8s.io | clusterroles | '' | '' | ''
            GET      | /apis/nosuch.example.com/v1/widgets                          | list             | nosuch.example.com | widgets | ''     | ''          | ''
            """)
    void resourceRequests(String method, String uri, String verb, String group, String resource, String sub,
                          String namespace, String name) {
        RequestAttributes a = RequestInfoResolver.resolve(request(method, uri));
        assertEquals(new RequestAttributes(ALICE, verb, true, group, a.apiVersion(), resource, sub, namespace, name, ""), a);
        assertEquals(group.isEmpty() ? "v1" : "v1", a.apiVersion());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /healthz           | get
            GET    | /livez             | get
            GET    | /version           | get
            GET    | /api               | get
            GET    | /api/v1            | get
            GET    | /apis              | get
            GET    | /apis/apps         | get
            GET    | /apis/apps/v1      | get
            GET    | /openapi/v3/api/v1 | get
            POST   | /foo               | post
            DELETE | /                  | delete
            """)
    void nonResourceRequests(String method, String path, String verb) {
        assertEquals(RequestAttributes.nonResource(ALICE, verb, path), RequestInfoResolver.resolve(request(method, path)));
    }

    static ApiRequest request(String method, String uri) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (uri.contains("?")) {
            for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : ""));
            }
        }
        return new ApiRequest(method, path, query, Map.of(), new byte[0]).withUser(ALICE);
    }
}
