package io.tugboat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the etcd binary, without starting it. */
class EtcdExtensionTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFirstExecutableEtcdOnThePath() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        executable(second.resolve("etcd"));
        Path fallback = executable(dir.resolve("fallback-etcd"));

        Path found = EtcdExtension.findEtcd(first + "::" + second, List.of(fallback));

        assertEquals(second.resolve("etcd"), found);
    }

    @Test
    void fallsBackToTheWellKnownLocations() throws IOException {
        Path fallback = executable(dir.resolve("etcd"));

        assertEquals(fallback, EtcdExtension.findEtcd(null, List.of(dir.resolve("missing"), fallback)));
    }

    @Test
    void ignoresFilesThatAreNotExecutable() throws IOException {
        Files.createFile(dir.resolve("etcd"));

        assertThrows(IllegalStateException.class, () -> EtcdExtension.findEtcd(dir.toString(), List.of()));
    }

    @Test
    void pointsToTheInstallScriptWhenEtcdIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EtcdExtension.findEtcd(dir.toString(), List.of(dir.resolve("etcd"))));

        assertTrue(e.getMessage().contains("deploy/install-deps.sh"), e.getMessage());
    }

    private static Path executable(Path file) throws IOException {
        return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
