package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Durations;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.JsonPath;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import io.tugboat.kubectl.resource.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug wait --for=condition=Ready[=true] pod/web-1 [--timeout=30s]}, {@code --for=delete},
 * {@code --for=jsonpath='{.status.phase}'=Running}: blocks until every named object meets the condition, as
 * kubectl's {@code wait}; prints {@code pod/web-1 condition met} per object, or fails with kubectl's
 * {@code timed out waiting for the condition on pods/web-1}. Condition types compare case-insensitively.
 */
@Command(name = "wait", description = "Wait for a specific condition on one or many resources.")
public final class WaitCommand extends Verb {

    @Parameters(arity = "1..*", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Option(names = "--for", required = true, description = "delete | condition=TYPE[=VALUE] | jsonpath='{...}'=VALUE")
    String condition;

    @Option(names = "--timeout", defaultValue = "30s", description = "How long to wait (default 30s).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        Predicate<JsonNode> wanted = predicate(condition);
        Duration limit = Durations.parse(timeout);
        Waiter waiter = new Waiter(api());
        for (Target target : Target.parse(args)) {
            if (target.names().isEmpty()) {
                throw new CliException("resource(s) were provided, but no name was specified");
            }
            for (String name : target.names()) {
                boolean met = waiter.until(target.kind(), namespace(), name, limit, object -> {
                    if (object == null && !condition.equals("delete")) {
                        throw new CliException(target.kind().plural() + " \"" + name + "\" not found");
                    }
                    return wanted.test(object);
                });
                if (!met) {
                    throw new CliException("timed out waiting for the condition on " + target.kind().plural() + "/" + name);
                }
                out().println(Kinds.qualified(target.kind()) + "/" + name + " condition met");
                out().flush();
            }
        }
        return 0;
    }

    static Predicate<JsonNode> predicate(String spec) {
        if (spec.equals("delete")) {
            return object -> object == null;
        }
        if (spec.startsWith("condition=")) {
            String rest = spec.substring("condition=".length());
            int eq = rest.indexOf('=');
            String type = eq < 0 ? rest : rest.substring(0, eq);
            String value = eq < 0 ? "True" : rest.substring(eq + 1);
            return object -> {
                for (JsonNode c : object.path("status").path("conditions")) {
                    if (c.path("type").asText().equalsIgnoreCase(type) && c.path("status").asText().equalsIgnoreCase(value)) {
                        long observed = c.path("observedGeneration").asLong(0);
                        return observed == 0 || observed >= object.path("metadata").path("generation").asLong(0);
                    }
                }
                return false;
            };
        }
        if (spec.startsWith("jsonpath=")) {
            String rest = spec.substring("jsonpath=".length());
            int close = rest.lastIndexOf('}');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != '=') {
                throw new CliException("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3");
            }
            String expression = rest.substring(rest.indexOf('{') + 1, close);
            String value = rest.substring(close + 2);
            return object -> JsonPath.select(expression, object).stream().anyMatch(v -> JsonPath.text(v).equals(value));
        }
        throw new CliException("unrecognized condition: \"" + spec + "\"");
    }
}
