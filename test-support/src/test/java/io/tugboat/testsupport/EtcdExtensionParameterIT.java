package io.tugboat.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The declarative form: {@code @ExtendWith} starts etcd for the class and hands it to tests. */
@ExtendWith(EtcdExtension.class)
class EtcdExtensionParameterIT {

    @Test
    void handsTheRunningEtcdToTestMethods(EtcdExtension etcd) {
        assertTrue(etcd.isRunning());
        assertTrue(etcd.endpoint().startsWith("http://127.0.0.1:"));
    }
}
