package io.tugboat.kubectl.node;

import io.tugboat.kubectl.cli.Verb;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tug cordon NODE...}: see {@link Cordon}. */
@Command(name = "cordon", description = "Mark node as unschedulable.")
public final class CordonCommand extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NODE")
    List<String> nodes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        for (String node : nodes) {
            Cordon.set(api(), node, true, out());
        }
        return 0;
    }
}
