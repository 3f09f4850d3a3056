package io.tugboat.controllermanager.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CidrSetTest {

    @ParameterizedTest(name = "{0} in /{1}: {2} ranges, first {3}, last {4}")
    @CsvSource({
            "10.244.0.0/16, 24, 256, 10.244.0.0/24, 10.244.255.0/24",
            "10.244.0.0/16, 16, 1, 10.244.0.0/16, 10.244.0.0/16",
            "10.0.0.0/8, 24, 65536, 10.0.0.0/24, 10.255.255.0/24",
            "192.168.0.0/22, 26, 16, 192.168.0.0/26, 192.168.3.192/26",
            "10.244.7.9/16, 24, 256, 10.244.0.0/24, 10.244.255.0/24",
    })
    void aRangeIsCutIntoNodeRangesInOrder(String cluster, int mask, int capacity, String first, String last) {
        CidrSet set = new CidrSet(cluster, mask);
        assertEquals(capacity, set.capacity());
        assertEquals(Optional.of(first), set.allocateNext());
        String previous = first;
        for (int i = 1; i < capacity; i++) {
            previous = set.allocateNext().orElseThrow();
        }
        assertEquals(last, previous);
        assertEquals(Optional.empty(), set.allocateNext());
        assertEquals(capacity, set.used());
    }

    @Test
    void takenRangesAreSkippedAndAReleasedOneIsReusedOnlyAfterTheOthers() {
        CidrSet set = new CidrSet("10.244.0.0/22", 24); // 4 ranges
        assertTrue(set.occupy("10.244.1.0/24"));
        assertEquals(Optional.of("10.244.0.0/24"), set.allocateNext());
        assertEquals(Optional.of("10.244.2.0/24"), set.allocateNext());
        set.release("10.244.0.0/24");
        assertEquals(Optional.of("10.244.3.0/24"), set.allocateNext(), "round robin: the freed range comes last");
        assertEquals(Optional.of("10.244.0.0/24"), set.allocateNext());
        assertEquals(Optional.empty(), set.allocateNext());
    }

    @ParameterizedTest
    @CsvSource({"10.245.0.0/24", "10.244.0.0/25", "10.244.0.0/16", "fd00::/64", "nonsense", "10.244.300.0/24"})
    void rangesOfAnotherNetworkOrSizeAreNotOurs(String cidr) {
        CidrSet set = new CidrSet("10.244.0.0/16", 24);
        assertFalse(set.occupy(cidr));
        assertFalse(set.isTaken(cidr));
        set.release(cidr); // ignored, not an error
        assertEquals(0, set.used());
    }

    @Test
    void impossibleSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CidrSet("10.244.0.0/16", 8));
        assertThrows(IllegalArgumentException.class, () -> new CidrSet("10.244.0.0/16", 31));
        assertThrows(IllegalArgumentException.class, () -> new CidrSet("10.0.0.0/8", 26));
        assertThrows(IllegalArgumentException.class, () -> new CidrSet("10.244.0.0", 24));
    }
}
