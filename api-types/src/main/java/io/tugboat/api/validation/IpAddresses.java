package io.tugboat.api.validation;

import java.util.Arrays;

/**
 * Parses IP addresses and CIDRs the way Kubernetes' {@code netutils.ParseIPSloppy} does (IPv4 parts may carry
 * leading zeros) without ever touching DNS: {@code InetAddress.getByName} would resolve a host name, and a
 * validator must not do network I/O.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** The 16 bytes of an IPv6 address, or an IPv4 address mapped into IPv6 ({@code ::ffff:a.b.c.d}); null if invalid. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        byte[] v4 = parseIPv4(s);
        if (v4 != null) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            return mapped;
        }
        return parseIPv6(s);
    }

    static boolean isValid(String s) {
        return parse(s) != null;
    }

    /** Whether the text is an IPv6 address (as opposed to an IPv4 one). */
    static boolean isIPv6(String s) {
        return parse(s) != null && parseIPv4(s) == null;
    }

    static boolean isUnspecified(byte[] ip) {
        if (isV4Mapped(ip)) {
            return ip[12] == 0 && ip[13] == 0 && ip[14] == 0 && ip[15] == 0;
        }
        for (byte b : ip) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isLoopback(byte[] ip) {
        if (isV4Mapped(ip)) {
            return (ip[12] & 0xff) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[15] == 1;
    }

    static boolean isLinkLocalUnicast(byte[] ip) {
        if (isV4Mapped(ip)) {
            return (ip[12] & 0xff) == 169 && (ip[13] & 0xff) == 254;
        }
        return (ip[0] & 0xff) == 0xfe && (ip[1] & 0xc0) == 0x80;
    }

    static boolean isLinkLocalMulticast(byte[] ip) {
        if (isV4Mapped(ip)) {
            return (ip[12] & 0xff) == 224 && ip[13] == 0 && ip[14] == 0;
        }
        return (ip[0] & 0xff) == 0xff && (ip[1] & 0x0f) == 0x02;
    }

    /** {@code address/prefix} with a prefix length that fits the address family. */
    static boolean isValidCidr(String s) {
        int slash = s == null ? -1 : s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (parseIPv4(address) != null) {
            return prefix <= 32;
        }
        return parseIPv6(address) != null && prefix <= 128;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff;
    }

    private static byte[] parseIPv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIPv6(String s) {
        byte[] out = new byte[16];
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headWords = words(head, doubleColon < 0);
        int[] tailWords = doubleColon >= 0 ? words(tail, true) : new int[0];
        if (headWords == null || tailWords == null) {
            return null;
        }
        int total = headWords.length + tailWords.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        for (int i = 0; i < headWords.length; i++) {
            out[2 * i] = (byte) (headWords[i] >> 8);
            out[2 * i + 1] = (byte) headWords[i];
        }
        for (int i = 0; i < tailWords.length; i++) {
            int w = 8 - tailWords.length + i;
            out[2 * w] = (byte) (tailWords[i] >> 8);
            out[2 * w + 1] = (byte) tailWords[i];
        }
        return out;
    }

    /** Colon-separated 16-bit words; the last group may be a dotted IPv4 address when {@code allowV4Tail}. */
    private static int[] words(String s, boolean allowV4Tail) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] groups = s.split(":", -1);
        int[] out = new int[groups.length + 1];
        int n = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (i == groups.length - 1 && allowV4Tail && g.contains(".")) {
                byte[] v4 = parseIPv4(g);
                if (v4 == null) {
                    return null;
                }
                out[n++] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                out[n++] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            for (char c : g.toCharArray()) {
                boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
                if (!hex) {
                    return null;
                }
            }
            out[n++] = Integer.parseInt(g, 16);
        }
        return Arrays.copyOf(out, n);
    }
}
