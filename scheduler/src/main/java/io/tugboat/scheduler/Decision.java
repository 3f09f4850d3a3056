package io.tugboat.scheduler;

import io.tugboat.scheduler.framework.FitError;
import io.tugboat.scheduler.framework.Status;

/** What {@link Algorithm#decide} concluded about one pod: a node, no fit (and why), or an error. */
public sealed interface Decision {
    /**
     * @param node      the chosen node
     * @param evaluated how many nodes the filters ran on
     * @param feasible  how many of them passed
     */
    record Placed(String node, int evaluated, int feasible) implements Decision {
    }

    record NoFit(FitError error) implements Decision {
    }

    record Failed(Status status) implements Decision {
    }
}
