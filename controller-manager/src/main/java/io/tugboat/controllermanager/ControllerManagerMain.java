package io.tugboat.controllermanager;

/**
 * Entry point of {@code tug controller-manager}. The component is delivered by issue #7; until then this main
 * says so and exits non-zero, so nobody mistakes the stub for a running controller-manager.
 */
public final class ControllerManagerMain {
    private ControllerManagerMain() {
    }

    public static void main(String[] args) {
        System.err.println("tug controller-manager: not implemented yet (issue #7)");
        System.exit(2);
    }
}
