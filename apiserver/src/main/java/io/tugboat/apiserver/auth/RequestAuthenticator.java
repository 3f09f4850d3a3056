package io.tugboat.apiserver.auth;

import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sent a request on the HTTPS port, as Kubernetes' union of authenticators decides it: the first of
 * <ol>
 *   <li>the TLS client certificate ({@link X509Authenticator}, when {@code --client-ca-file} is set),</li>
 *   <li>{@code Authorization: Bearer <token>} ({@link TokenFile}, when {@code --token-auth-file} is set),</li>
 *   <li>for a WebSocket upgrade, the token in the subprotocol {@code base64url.bearer.authorization.k8s.io.<token>}
 *       (browsers cannot set headers on a WebSocket),</li>
 * </ol>
 * that succeeds names the user, who is also in {@code system:authenticated}. When none succeeds although
 * credentials were offered (an unknown token, a certificate the client CA did not issue), the answer is a 401,
 * never a fallback to anonymous. No credentials at all: anonymous ({@link UserInfo#ANONYMOUS}) on the paths
 * Kubernetes' {@code system:public-info-viewer} role opens ({@link #ANONYMOUS_PATHS}), a 401 {@code Unauthorized}
 * Status anywhere else.
 *
 * <p>The request handed on carries the user and none of the credentials: the Authorization header and the bearer
 * subprotocol are removed, so no handler, log line or kubelet ever sees a token.
 */
public final class RequestAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(RequestAuthenticator.class);
    /** What anonymous callers may read, as Kubernetes' {@code system:public-info-viewer} ClusterRole. */
    public static final Set<String> ANONYMOUS_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version", "/version/");
    static final String BEARER_PROTOCOL_PREFIX = "base64url.bearer.authorization.k8s.io.";

    private final X509Authenticator certificates;
    private final TokenFile tokens;

    /**
     * @param certificates client-certificate authentication, or {@code null} when there is no client CA
     * @param tokens       the static token file, or {@code null}
     */
    public RequestAuthenticator(X509Authenticator certificates, TokenFile tokens) {
        this.certificates = certificates;
        this.tokens = tokens;
    }

    /**
     * The request as sent by its authenticated user, without credentials.
     *
     * @param peerCertificates the chain the client presented in the TLS handshake, leaf first; empty when none
     * @throws ApiError 401 Unauthorized
     */
    public ApiRequest authenticate(ApiRequest request, List<X509Certificate> peerCertificates) {
        List<String> failures = new ArrayList<>();
        if (certificates != null && !peerCertificates.isEmpty()) {
            try {
                return withoutCredentials(request).withUser(authenticated(certificates.authenticate(peerCertificates)));
            } catch (AuthenticationException e) {
                failures.add(e.getMessage());
            }
        }
        Optional<String> bearer = bearerToken(request);
        if (bearer.isPresent()) {
            Optional<UserInfo> user = tokenUser(bearer.get());
            if (user.isPresent()) {
                return withoutCredentials(request).withUser(authenticated(user.get()));
            }
            failures.add("invalid bearer token");
        }
        try {
            Optional<String> protocolToken = protocolToken(request);
            if (protocolToken.isPresent()) {
                Optional<UserInfo> user = tokenUser(protocolToken.get());
                if (user.isPresent()) {
                    return withoutCredentials(request).withUser(authenticated(user.get()));
                }
                failures.add("invalid bearer token");
            }
        } catch (AuthenticationException e) {
            failures.add(e.getMessage());
        }
        if (!failures.isEmpty()) {
            log.debug("unable to authenticate {} {}: {}", request.method(), request.path(), failures);
            throw ApiError.unauthorized();
        }
        if (ANONYMOUS_PATHS.contains(request.path())) {
            return withoutCredentials(request).withUser(UserInfo.ANONYMOUS);
        }
        throw ApiError.unauthorized();
    }

    /** A request on the plain-HTTP loopback listener: no authentication, the {@link UserInfo#UNSECURED} user. */
    public static ApiRequest unsecured(ApiRequest request) {
        return withoutCredentials(request).withUser(UserInfo.UNSECURED);
    }

    private Optional<UserInfo> tokenUser(String token) {
        return tokens == null ? Optional.empty() : tokens.user(token);
    }

    /** Adds {@code system:authenticated}, as Kubernetes' group adder does for every authenticated user. */
    static UserInfo authenticated(UserInfo user) {
        if (user.inGroup(UserInfo.AUTHENTICATED)) {
            return user;
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.add(UserInfo.AUTHENTICATED);
        return new UserInfo(user.name(), user.uid(), groups, user.extra());
    }

    /** {@code Authorization: Bearer <token>}: the scheme case-insensitive, the token up to the next space. */
    static Optional<String> bearerToken(ApiRequest request) {
        String header = request.header("authorization");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    /**
     * The token of a WebSocket upgrade's {@code base64url.bearer.authorization.k8s.io.<token>} subprotocol. As in
     * Kubernetes: at most one such protocol, unpadded base64url of UTF-8, and at least one other protocol (the one
     * the server will answer with).
     */
    static Optional<String> protocolToken(ApiRequest request) {
        if (!isWebSocket(request)) {
            return Optional.empty();
        }
        String header = request.header("sec-websocket-protocol");
        if (header == null) {
            return Optional.empty();
        }
        String token = null;
        int others = 0;
        for (String protocol : header.split(",")) {
            protocol = protocol.strip();
            if (!protocol.startsWith(BEARER_PROTOCOL_PREFIX)) {
                others++;
                continue;
            }
            if (token != null) {
                throw new AuthenticationException("multiple base64.bearer.authorization tokens specified");
            }
            byte[] decoded;
            try {
                decoded = Base64.getUrlDecoder().decode(protocol.substring(BEARER_PROTOCOL_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException("invalid base64.bearer.authorization token encoding");
            }
            try {
                token = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(decoded)).toString();
            } catch (CharacterCodingException e) {
                throw new AuthenticationException("invalid base64.bearer.authorization token");
            }
        }
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (others == 0) {
            throw new AuthenticationException("missing additional subprotocol");
        }
        return Optional.of(token);
    }

    private static boolean isWebSocket(ApiRequest request) {
        String upgrade = request.header("upgrade");
        String connection = request.header("connection");
        return upgrade != null && upgrade.strip().equalsIgnoreCase("websocket")
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /** The request without its Authorization header and without the bearer subprotocol. */
    static ApiRequest withoutCredentials(ApiRequest request) {
        String protocols = request.header("sec-websocket-protocol");
        if (request.header("authorization") == null
                && (protocols == null || !protocols.contains(BEARER_PROTOCOL_PREFIX))) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.remove("authorization");
        if (protocols != null) {
            List<String> kept = new ArrayList<>();
            for (String protocol : protocols.split(",")) {
                if (!protocol.strip().startsWith(BEARER_PROTOCOL_PREFIX)) {
                    kept.add(protocol.strip());
                }
            }
            if (kept.isEmpty()) {
                headers.remove("sec-websocket-protocol");
            } else {
                headers.put("sec-websocket-protocol", String.join(",", kept));
            }
        }
        return new ApiRequest(request.method(), request.path(), request.query(), headers, request.body(), request.user());
    }
}
