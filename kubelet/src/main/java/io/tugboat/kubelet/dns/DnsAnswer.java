package io.tugboat.kubelet.dns;

import java.util.List;

/**
 * What the resolver decided for one question: either an answer it is the authority for, or "not mine, ask upstream".
 */
public sealed interface DnsAnswer {

    /** DNS response codes the resolver gives (RFC 1035 §4.1.1). */
    enum Rcode {
        NOERROR(0), SERVFAIL(2), NXDOMAIN(3), NOTIMP(4), REFUSED(5);

        public final int code;

        Rcode(int code) {
            this.code = code;
        }
    }

    /**
     * An authoritative answer. NOERROR with no answers is "the name exists, but has no record of that type" (NODATA);
     * NODATA and NXDOMAIN carry the zone's SOA in {@code authority}, so that resolvers know how long to cache the
     * negative answer (RFC 2308).
     */
    record Authoritative(Rcode rcode, List<DnsRecord> answers, List<DnsRecord> authority, List<DnsRecord> additional)
            implements DnsAnswer {
        public Authoritative {
            answers = List.copyOf(answers);
            authority = List.copyOf(authority);
            additional = List.copyOf(additional);
        }
    }

    /** The name is outside the cluster domain: relay the upstream resolvers' answer. */
    record Forward() implements DnsAnswer {
    }
}
