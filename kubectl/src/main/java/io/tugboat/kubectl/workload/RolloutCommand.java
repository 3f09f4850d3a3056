package io.tugboat.kubectl.workload;

import picocli.CommandLine.Command;

/**
 * {@code tug rollout status|history|undo|restart|pause|resume}: managing the rollout of a Deployment (status
 * also for DaemonSets and StatefulSets), as kubectl's {@code rollout} does. One class per subcommand.
 */
@Command(name = "rollout", description = "Manage the rollout of a resource.",
        subcommands = {RolloutStatusCommand.class, RolloutHistoryCommand.class, RolloutUndoCommand.class,
                RolloutRestartCommand.class, RolloutPauseCommand.class, RolloutResumeCommand.class})
public final class RolloutCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
