package io.tugboat.kubectl.cli;

/**
 * A user-facing failure that is not the server's: a bad argument combination, a file that does not parse, a
 * timeout. Printed as kubectl prints its own errors ({@code error: <message>}) with exit code 1.
 */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
