package io.tugboat.controllermanager.nodeipam;

import java.util.BitSet;
import java.util.Optional;

/**
 * The node-sized blocks of one IPv4 range, each free or taken: {@code 10.244.0.0/16} cut into {@code /24}s is
 * 256 blocks. Allocation is round robin from the block after the last one handed out, as Kubernetes' range
 * allocator does, so a block released by a deleted node is reused last (stale routes to it have time to go).
 *
 * <p>Not thread-safe; the controller guards it.
 */
public final class CidrSet {
    private final int base;
    private final int clusterPrefix;
    private final int nodePrefix;
    private final int blocks;
    private final BitSet taken;
    private int next;

    /**
     * @param clusterCidr    the cluster's pod range, e.g. {@code 10.244.0.0/16}
     * @param nodeMaskSize   the prefix length of one node's range, e.g. {@code 24}
     * @throws IllegalArgumentException if the range is not IPv4 CIDR notation or the node size does not fit
     */
    public CidrSet(String clusterCidr, int nodeMaskSize) {
        Cidr cluster = Cidr.parse(clusterCidr);
        if (nodeMaskSize < cluster.prefix() || nodeMaskSize > 30) {
            throw new IllegalArgumentException("--node-cidr-mask-size=" + nodeMaskSize + " must be between the cluster CIDR's "
                    + cluster.prefix() + " and 30");
        }
        if (nodeMaskSize - cluster.prefix() > 16) {
            throw new IllegalArgumentException("--node-cidr-mask-size=" + nodeMaskSize + " cuts " + clusterCidr
                    + " into more than 65536 node ranges (Kubernetes' limit)");
        }
        this.base = cluster.address();
        this.clusterPrefix = cluster.prefix();
        this.nodePrefix = nodeMaskSize;
        this.blocks = 1 << (nodeMaskSize - cluster.prefix());
        this.taken = new BitSet(blocks);
    }

    /** How many node ranges the cluster range holds. */
    public int capacity() {
        return blocks;
    }

    /** How many are taken. */
    public int used() {
        return taken.cardinality();
    }

    /** The next free node range, now taken; empty when every one is. */
    public Optional<String> allocateNext() {
        int candidate = taken.nextClearBit(next);
        if (candidate >= blocks) {
            candidate = taken.nextClearBit(0);
        }
        if (candidate >= blocks) {
            return Optional.empty();
        }
        taken.set(candidate);
        next = (candidate + 1) % blocks;
        return Optional.of(block(candidate));
    }

    /**
     * Marks {@code cidr} taken (a Node already has it).
     *
     * @return false when it is not one of this set's node ranges (another range, or another size): such a
     *         podCIDR was set by someone else and is left alone
     */
    public boolean occupy(String cidr) {
        int index = indexOf(cidr);
        if (index < 0) {
            return false;
        }
        taken.set(index);
        return true;
    }

    /** Frees {@code cidr} (its node is gone); ranges not of this set are ignored. */
    public void release(String cidr) {
        int index = indexOf(cidr);
        if (index >= 0) {
            taken.clear(index);
        }
    }

    /** Whether {@code cidr} is one of this set's node ranges and taken. */
    public boolean isTaken(String cidr) {
        int index = indexOf(cidr);
        return index >= 0 && taken.get(index);
    }

    private String block(int index) {
        int address = base + (index << (32 - nodePrefix));
        return new Cidr(address, nodePrefix).toString();
    }

    private int indexOf(String cidr) {
        Cidr parsed;
        try {
            parsed = Cidr.parse(cidr);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (parsed.prefix() != nodePrefix) {
            return -1;
        }
        int clusterMask = clusterPrefix == 0 ? 0 : -1 << (32 - clusterPrefix);
        if ((parsed.address() & clusterMask) != base) {
            return -1;
        }
        return (parsed.address() - base) >>> (32 - nodePrefix);
    }

    /** An IPv4 network: address (host bits zero) and prefix length. */
    record Cidr(int address, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text == null ? new String[0] : text.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
            }
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
            }
            int address = 0;
            int prefix;
            try {
                for (String octet : octets) {
                    int value = Integer.parseInt(octet);
                    if (value < 0 || value > 255) {
                        throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
                    }
                    address = (address << 8) | value;
                }
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + text, e);
            }
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
            }
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return new Cidr(address & mask, prefix);
        }

        @Override
        public String toString() {
            return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                    + (address & 0xff) + "/" + prefix;
        }
    }
}
