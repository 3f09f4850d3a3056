package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Durations;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import io.tugboat.kubectl.resource.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug rollout status deploy/web [--watch=false] [--timeout=5m]}: watches the object by name and prints
 * the status viewer's line on every change ("Waiting for deployment "web" rollout to finish: 1 of 3 updated
 * replicas are available..."), until "successfully rolled out" (exit 0), a failed rollout or the timeout
 * (exit 1).
 */
@Command(name = "status", description = "Show the status of the rollout.")
public final class RolloutStatusCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Option(names = {"-w", "--watch"}, arity = "0..1", fallbackValue = "true", defaultValue = "true")
    boolean watch;

    @Option(names = "--timeout", defaultValue = "0", description = "How long to wait (0: forever).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        Target target = Target.one(args, "tug rollout status");
        if (!watch) {
            RolloutStatus status = RolloutStatus.of(Kinds.withKind(target.kind(), api().get(target.kind(), namespace(), target.name())));
            if (status.failed()) {
                throw new CliException(status.message());
            }
            out().print(status.message());
            return 0;
        }
        Duration limit = Durations.parse(timeout);
        RolloutStatus[] last = {null};
        boolean finished = new Waiter(api()).until(target.kind(), namespace(), target.name(),
                limit.isZero() ? Duration.ofDays(365) : limit, object -> {
                    if (object == null) {
                        throw new CliException(target.kind().plural() + " \"" + target.name() + "\" not found");
                    }
                    RolloutStatus status = RolloutStatus.of(Kinds.withKind(target.kind(), object));
                    last[0] = status;
                    if (status.failed()) {
                        return true;
                    }
                    out().print(status.message());
                    out().flush();
                    return status.done();
                });
        if (!finished) {
            throw new CliException("timed out waiting for the condition");
        }
        if (last[0].failed()) {
            throw new CliException(last[0].message());
        }
        return 0;
    }
}
