package io.tugboat.api.coordination;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tugboat.api.Rfc3339;
import java.time.Instant;

/**
 * Holder, duration and renew time (microsecond precision, as Kubernetes' MicroTime).
 *
 * <p>Field names and shapes are those of Kubernetes coordination.k8s.io/v1 LeaseSpec; absent fields are {@code null}.
 */
public record LeaseSpec(
        String holderIdentity,
        Integer leaseDurationSeconds,
        @JsonSerialize(using = Rfc3339.MicroTimeSerializer.class) Instant acquireTime,
        @JsonSerialize(using = Rfc3339.MicroTimeSerializer.class) Instant renewTime,
        Integer leaseTransitions) {
    public LeaseSpec withHolderIdentity(String holderIdentity) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions);
    }

    public LeaseSpec withLeaseDurationSeconds(Integer leaseDurationSeconds) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions);
    }

    public LeaseSpec withAcquireTime(Instant acquireTime) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions);
    }

    public LeaseSpec withRenewTime(Instant renewTime) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions);
    }

    public LeaseSpec withLeaseTransitions(Integer leaseTransitions) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions);
    }
}
