package io.tugboat.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flag combinations the API server refuses before it touches etcd or opens a port, with a message, not a trace. */
class ApiServerMainTest {

    @Test
    void plainHttpOffLoopbackIsRefusedWithAClearMessage() {
        Run run = run("--insecure-port=18080", "--insecure-bind-address=0.0.0.0");
        assertEquals(1, run.code);
        assertTrue(run.err.startsWith("error: --insecure-bind-address is 0.0.0.0, but plain HTTP (no TLS, no authentication) "
                + "is only served on a loopback address"), run.err);
        assertTrue(!run.err.contains("\tat "), "no stack trace: " + run.err);
    }

    @Test
    void noSecurePortNeedsAnInsecureOne() {
        Run run = run("--secure-port=0");
        assertEquals(2, run.code);
        assertTrue(run.err.contains("--secure-port=0 serves no HTTPS; give --insecure-port too"), run.err);
    }

    @Test
    void anUnknownAuthorizationModeIsNamed() {
        Run run = run("--authorization-mode=AlwaysAllow,Magic", "--secure-port=0", "--insecure-port=18081");
        assertEquals(1, run.code);
        assertTrue(run.err.contains("authorization-mode \"Magic\" is not supported; supported modes: AlwaysAllow, AlwaysDeny"), run.err);
    }

    @Test
    void aCertificateNeedsItsKey() {
        Run run = run("--tls-cert-file=/tmp/x.crt");
        assertEquals(2, run.code);
        assertTrue(run.err.contains("--tls-cert-file and --tls-private-key-file go together"), run.err);
    }

    record Run(int code, String err) {
    }

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ApiServerMain()).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, err.toString());
    }
}
