package io.tugboat.kubectl.node;

import io.tugboat.kubectl.cli.Verb;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tug uncordon NODE...}: see {@link Cordon}. */
@Command(name = "uncordon", description = "Mark node as schedulable.")
public final class UncordonCommand extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NODE")
    List<String> nodes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        for (String node : nodes) {
            Cordon.set(api(), node, false, out());
        }
        return 0;
    }
}
