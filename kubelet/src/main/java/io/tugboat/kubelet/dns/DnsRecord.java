package io.tugboat.kubelet.dns;

/**
 * One resource record of an answer, independent of any wire format: the server turns it into bytes at the edge.
 *
 * @param name  the owner name, absolute without the trailing dot ({@code web.default.svc.cluster.local})
 * @param ttl   seconds a resolver may cache it
 * @param data  the type and the data of the record
 */
public record DnsRecord(String name, int ttl, Data data) {

    /** The record in zone-file form, as {@code dig} prints it: {@code web.default.svc.cluster.local. 5 IN A 10.96.0.10}. */
    @Override
    public String toString() {
        String rdata;
        if (data instanceof A a) {
            rdata = "A " + a.ip();
        } else if (data instanceof Aaaa a) {
            rdata = "AAAA " + a.ip();
        } else if (data instanceof Cname c) {
            rdata = "CNAME " + c.target() + ".";
        } else if (data instanceof Srv s) {
            rdata = "SRV " + s.priority() + " " + s.weight() + " " + s.port() + " " + s.target() + ".";
        } else {
            Soa s = (Soa) data;
            rdata = "SOA " + s.mname() + ". " + s.rname() + ". " + s.serial() + " " + s.refresh() + " " + s.retry()
                    + " " + s.expire() + " " + s.minimum();
        }
        return name + ". " + ttl + " IN " + rdata;
    }

    /** The typed data of a record; {@link #type()} is its DNS type code. */
    public sealed interface Data permits A, Aaaa, Cname, Srv, Soa {
        int type();
    }

    /** An IPv4 address (type 1). */
    public record A(String ip) implements Data {
        public int type() {
            return 1;
        }
    }

    /** An IPv6 address (type 28). */
    public record Aaaa(String ip) implements Data {
        public int type() {
            return 28;
        }
    }

    /** An alias (type 5): ExternalName Services. */
    public record Cname(String target) implements Data {
        public int type() {
            return 5;
        }
    }

    /** A service location (type 33): which host and port serve {@code _port._proto.name}. */
    public record Srv(int priority, int weight, int port, String target) implements Data {
        public int type() {
            return 33;
        }
    }

    /** The zone's start of authority (type 6): sent in the authority section of negative answers. */
    public record Soa(String mname, String rname, long serial, int refresh, int retry, int expire, int minimum) implements Data {
        public int type() {
            return 6;
        }
    }
}
