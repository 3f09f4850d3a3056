package io.tugboat.kubelet.network;

/**
 * An IPv4 network in CIDR notation: its address (host bits zero) and prefix length, e.g. {@code 10.244.1.0/24}.
 *
 * @param address the network address as a 32-bit number
 * @param prefix  the prefix length, 0..32
 */
public record Ipv4Cidr(int address, int prefix) {
    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefix);
        }
        address &= mask(prefix);
    }

    /**
     * Parses {@code a.b.c.d/n}; host bits are cleared ({@code 10.244.1.7/24} is {@code 10.244.1.0/24}).
     *
     * @throws IllegalArgumentException if {@code text} is not IPv4 CIDR notation
     */
    public static Ipv4Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        try {
            return new Ipv4Cidr(parseAddress(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text, e);
        }
    }

    /** True if {@code text} is an IPv4 CIDR. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A dotted-quad address as a 32-bit number. */
    public static int parseAddress(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int address = 0;
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value < 0 || value > 255 || octet.isEmpty() || octet.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            address = (address << 8) | value;
        }
        return address;
    }

    /** True if {@code text} is a dotted-quad IPv4 address. */
    public static boolean isAddress(String text) {
        try {
            parseAddress(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code n}-th address of the range: {@code host(1)} of {@code 10.244.1.0/24} is {@code 10.244.1.1}. */
    public String host(int n) {
        return format(address + n);
    }

    /** True if {@code other} lies wholly inside this range. */
    public boolean contains(Ipv4Cidr other) {
        return other.prefix >= prefix && (other.address & mask(prefix)) == address;
    }

    /** True if the address {@code ip} lies in this range. */
    public boolean contains(String ip) {
        return (parseAddress(ip) & mask(prefix)) == address;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static String format(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    @Override
    public String toString() {
        return format(address) + "/" + prefix;
    }
}
