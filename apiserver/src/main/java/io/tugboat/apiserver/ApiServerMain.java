package io.tugboat.apiserver;

/**
 * Entry point of {@code tug apiserver}. The component is delivered by issue #3; until then this main
 * says so and exits non-zero, so nobody mistakes the stub for a running apiserver.
 */
public final class ApiServerMain {
    private ApiServerMain() {
    }

    public static void main(String[] args) {
        System.err.println("tug apiserver: not implemented yet (issue #3)");
        System.exit(2);
    }
}
