package io.tugboat.kubelet.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyLockTest {
    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeAndTheNextGetsItOnceReleased() throws Exception {
        Path file = dir.resolve("nested/proxy-TUG.lock");
        Optional<ProxyLock> first = ProxyLock.tryAcquire(file);
        assertTrue(first.isPresent(), "a free lock is granted (its directory created)");
        assertFalse(ProxyLock.tryAcquire(file).isPresent(), "a second proxy stands by");
        assertFalse(ProxyLock.tryAcquire(file).isPresent(), "a failed attempt does not release the holder's lock");
        first.get().close();
        Optional<ProxyLock> second = ProxyLock.tryAcquire(file);
        assertTrue(second.isPresent(), "released, it goes to the next one");
        assertTrue(ProxyLock.tryAcquire(dir.resolve("proxy-OTHER.lock")).map(l -> {
            l.close();
            return true;
        }).orElse(false), "another prefix has its own lock");
        second.get().close();
    }
}
