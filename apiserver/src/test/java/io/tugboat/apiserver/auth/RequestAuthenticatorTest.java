package io.tugboat.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bearer tokens from the header and the WebSocket subprotocol, the token file, anonymous paths. */
class RequestAuthenticatorTest {
    static final String FILE = """
            alice-token,alice,1001,"dev,ops"
            bob-token,bob,1002
            """;

    final RequestAuthenticator authenticator;

    RequestAuthenticatorTest() throws IOException {
        authenticator = new RequestAuthenticator(null, TokenFile.parse(FILE, "tokens.csv"));
    }

    @Test
    void theTokenFileGivesNameUidAndGroupsPlusAuthenticated() {
        ApiRequest authenticated = authenticator.authenticate(request("/api/v1/pods", Map.of("authorization", "Bearer alice-token")), List.of());
        assertEquals(new UserInfo("alice", "1001", List.of("dev", "ops", UserInfo.AUTHENTICATED), Map.of()), authenticated.user());
        assertNull(authenticated.header("authorization"), "the token does not travel further");
        assertEquals(List.of(UserInfo.AUTHENTICATED),
                authenticator.authenticate(request("/api", Map.of("authorization", "bearer bob-token")), List.of()).user().groups());
    }

    @Test
    void aWrongTokenIsUnauthorizedEvenWhereAnonymousMayRead() {
        for (String path : List.of("/api/v1/pods", "/healthz")) {
            ApiError e = assertThrows(ApiError.class, () -> authenticator.authenticate(request(path,
                    Map.of("authorization", "Bearer nope")), List.of()));
            assertEquals(401, e.code());
            assertEquals("Unauthorized", e.status().reason());
            assertEquals("Unauthorized", e.status().message());
        }
    }

    @Test
    void noCredentialsIsAnonymousOnPublicPathsOnly() {
        for (String path : List.of("/healthz", "/livez", "/readyz", "/version")) {
            assertEquals(UserInfo.ANONYMOUS, authenticator.authenticate(request(path, Map.of()), List.of()).user());
        }
        for (String path : List.of("/api", "/api/v1/namespaces", "/healthz/etcd", "/openapi/v3")) {
            assertEquals(401, assertThrows(ApiError.class, () -> authenticator.authenticate(request(path, Map.of()), List.of())).code());
        }
    }

    @Test
    void aWebSocketCarriesItsTokenInASubprotocolWhichIsRemoved() {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString("alice-token".getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(Map.of("upgrade", "websocket", "connection", "Upgrade",
                "sec-websocket-protocol", "v5.channel.k8s.io, base64url.bearer.authorization.k8s.io." + encoded + ", v4.channel.k8s.io"));
        ApiRequest authenticated = authenticator.authenticate(request("/api/v1/namespaces/default/pods/web/exec", headers), List.of());
        assertEquals("alice", authenticated.user().name());
        assertEquals("v5.channel.k8s.io,v4.channel.k8s.io", authenticated.header("sec-websocket-protocol"));
    }

    @Test
    void aBearerSubprotocolAloneIsRefused() {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString("alice-token".getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("upgrade", "websocket", "connection", "Upgrade",
                "sec-websocket-protocol", "base64url.bearer.authorization.k8s.io." + encoded);
        assertEquals(401, assertThrows(ApiError.class, () -> authenticator.authenticate(request("/api/v1/pods", headers), List.of())).code());
    }

    @Test
    void theUnsecuredUserIsAMasterAndLosesTheCredentialsToo() {
        ApiRequest request = RequestAuthenticator.unsecured(request("/api", Map.of("authorization", "Bearer x")));
        assertTrue(request.user().inGroup(UserInfo.MASTERS));
        assertFalse(request.headers().containsKey("authorization"));
    }

    @Test
    void tokenFileErrorsNameTheRecordNeverTheToken() {
        IOException e = assertThrows(IOException.class, () -> TokenFile.parse("ok,u,1\nsecret-value,onlytwo\n", "t.csv"));
        assertTrue(e.getMessage().contains("record 2"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
    }

    static ApiRequest request(String path, Map<String, String> headers) {
        return new ApiRequest("GET", path, Map.of(), headers, new byte[0]);
    }
}
