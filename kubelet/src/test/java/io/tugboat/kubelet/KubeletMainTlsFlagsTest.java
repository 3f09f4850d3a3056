package io.tugboat.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubelet.server.KubeletTls;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tug kubelet}'s TLS flags: HTTPS needs all three files, plain HTTP must be asked for by name. */
class KubeletMainTlsFlagsTest {
    private static final String[] REQUIRED = {"--kubeconfig=k", "--node-name=n"};

    private static KubeletMain parse(String... flags) {
        KubeletMain main = new KubeletMain();
        String[] args = new String[REQUIRED.length + flags.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        System.arraycopy(flags, 0, args, REQUIRED.length, flags.length);
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void allThreeFilesGiveHttpsForTheApiServerOnly() {
        KubeletTls tls = parse("--tls-cert-file=s.crt", "--tls-private-key-file=s.key", "--client-ca-file=ca.crt").tls();
        assertEquals(Path.of("s.crt"), tls.certFile());
        assertEquals(Set.of("kube-apiserver-kubelet-client"), tls.authorizer().users());
        assertEquals(Set.of(), tls.authorizer().groups());
    }

    @Test
    void thePolicyCanNameOtherUsersAndGroups() {
        KubeletTls tls = parse("--tls-cert-file=s.crt", "--tls-private-key-file=s.key", "--client-ca-file=ca.crt",
                "--authorized-users=a,b", "--authorized-groups=g").tls();
        assertEquals(Set.of("a", "b"), tls.authorizer().users());
        assertEquals(Set.of("g"), tls.authorizer().groups());
    }

    @Test
    void noTlsFlagsIsAnErrorUnlessPlainHttpIsAskedFor() {
        CommandLine.ParameterException missing = assertThrows(CommandLine.ParameterException.class, () -> parse().tls());
        assertTrue(missing.getMessage().contains("--insecure-http"), missing.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--tls-cert-file=s.crt").tls());
        assertNull(parse("--insecure-http").tls());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--insecure-http", "--tls-cert-file=s.crt").tls());
    }
}
