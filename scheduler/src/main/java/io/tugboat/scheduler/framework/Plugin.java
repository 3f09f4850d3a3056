package io.tugboat.scheduler.framework;

/**
 * A scheduling plugin: a named piece of policy plugged into one or more extension points by implementing their
 * interfaces ({@link PreFilterPlugin}, {@link FilterPlugin}, {@link PreScorePlugin}, {@link ScorePlugin},
 * {@link BindPlugin}). Plugins are stateless between scheduling cycles; what one computes for a pod lives in the
 * cycle's {@link CycleState}. A plugin is called from one scheduling thread at a time, except {@link BindPlugin},
 * which runs on the binding threads.
 */
public interface Plugin {
    /** The name the profile refers to, Kubernetes' name where the plugin has one ({@code NodeResourcesFit}). */
    String name();
}
