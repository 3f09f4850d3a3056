package io.tugboat.kubectl.workload;

import io.tugboat.kubectl.cli.Verb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.ArrayList;
import java.util.List;

/** {@code tug rollout pause deploy/web}: see {@link PausedFlag}. */
@Command(name = "pause", description = "Mark the deployment as paused.")
public final class RolloutPauseCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return PausedFlag.set(this, api(), namespace(), args, true);
    }
}
