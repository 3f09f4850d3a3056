package io.tugboat.scheduler.framework;

/**
 * Score: how good is {@code node} for {@code pod}? Called for every node that passed the filters (or the
 * sample of them, see {@link Framework#numFeasibleNodesToFind}).
 *
 * <p>Contract: {@link #score} returns a raw score; after all nodes are scored, {@link #normalize} rescales the
 * raw scores in place into {@code [0, }{@link #MAX_NODE_SCORE}{@code ]}. The framework multiplies the result by
 * the plugin's weight from the profile and adds up all plugins: the highest total wins.
 */
public interface ScorePlugin extends Plugin {
    /** The highest score a plugin gives after normalization, as Kubernetes' {@code MaxNodeScore}. */
    long MAX_NODE_SCORE = 100;

    long score(CycleState state, PodInfo pod, NodeInfo node);

    /** Rescales {@code scores} (one per scored node, in order) into {@code [0, 100]}; by default they already are. */
    default void normalize(CycleState state, PodInfo pod, long[] scores) {
    }

    /**
     * Kubernetes' {@code DefaultNormalizeScore}: scales scores so the highest becomes 100; with {@code reverse},
     * the highest raw score becomes 0 and a raw 0 becomes 100 (for "fewer is better" counts).
     */
    static void defaultNormalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            if (max == 0) {
                scores[i] = reverse ? MAX_NODE_SCORE : 0;
            } else {
                long scaled = scores[i] * MAX_NODE_SCORE / max;
                scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
            }
        }
    }
}
