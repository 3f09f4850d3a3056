package io.tugboat.apiserver.auth;

/**
 * Credentials were offered and are wrong (an unknown token, a certificate the client CA did not issue). The
 * message says why, for the server's debug log only: the client gets a bare 401 {@code Unauthorized}, and the
 * message never contains the credential itself.
 */
public final class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
