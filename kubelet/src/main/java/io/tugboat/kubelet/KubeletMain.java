package io.tugboat.kubelet;

/**
 * Entry point of {@code tug kubelet}. The component is delivered by issue #5; until then this main
 * says so and exits non-zero, so nobody mistakes the stub for a running kubelet.
 */
public final class KubeletMain {
    private KubeletMain() {
    }

    public static void main(String[] args) {
        System.err.println("tug kubelet: not implemented yet (issue #5)");
        System.exit(2);
    }
}
