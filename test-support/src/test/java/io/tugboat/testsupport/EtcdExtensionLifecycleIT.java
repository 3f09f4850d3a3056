package io.tugboat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The extension driven by hand, outside JUnit's callbacks: start, stop and close. */
class EtcdExtensionLifecycleIT {

    @Test
    void closeStopsEtcdAndDeletesItsDataButKeepsTheLogUnderTarget() {
        Path data;
        Path logFile;
        EtcdExtension etcd = new EtcdExtension();
        try (etcd) {
            etcd.start();
            data = etcd.dataDir();
            logFile = etcd.logFile();
            assertTrue(etcd.isRunning());
            assertTrue(Files.isDirectory(data));
        }

        assertFalse(etcd.isRunning());
        assertFalse(Files.exists(data));
        assertTrue(Files.exists(logFile), "the log stays in target/ for a post-mortem");
    }

    @Test
    void startAndStopAreIdempotent() {
        try (EtcdExtension etcd = new EtcdExtension()) {
            etcd.start();
            int port = etcd.clientPort();
            etcd.start();
            assertEquals(port, etcd.clientPort());

            etcd.stop();
            etcd.stop();
            assertFalse(etcd.isRunning());
        }
    }

    @Test
    void accessorsExplainThatEtcdWasNeverStarted() {
        EtcdExtension etcd = new EtcdExtension();

        IllegalStateException e = assertThrows(IllegalStateException.class, etcd::endpoint);
        assertTrue(e.getMessage().contains("static @RegisterExtension"), e.getMessage());
    }
}
