package io.tugboat.kubectl.workload;

import io.tugboat.kubectl.cli.Verb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.ArrayList;
import java.util.List;

/** {@code tug rollout resume deploy/web}: see {@link PausedFlag}. */
@Command(name = "resume", description = "Mark the deployment as resumed.")
public final class RolloutResumeCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return PausedFlag.set(this, api(), namespace(), args, false);
    }
}
