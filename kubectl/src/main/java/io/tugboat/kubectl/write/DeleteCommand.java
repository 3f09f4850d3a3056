package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Durations;
import io.tugboat.kubectl.cli.Errors;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Manifests;
import io.tugboat.kubectl.resource.Target;
import io.tugboat.kubectl.resource.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug delete}: by name, {@code TYPE/NAME}, {@code -f}, {@code -l} or {@code --all}. Each object gets a
 * DELETE with kubectl's {@code DeleteOptions} (propagation policy from {@code --cascade}, grace period from
 * {@code --grace-period}/{@code --now}/{@code --force}); {@code kind "name" deleted} is printed as soon as the
 * server accepts, then, as kubectl does by default ({@code --wait=true}), the command waits until every object
 * is really gone (finalizers run, a pod's kubelet has stopped its containers).
 */
@Command(name = "delete", description = "Delete resources by file names, stdin, resources and names, or by label selector.")
public final class DeleteCommand extends Verb {

    @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...] | TYPE/NAME...")
    List<String> args = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, description = "Files, directories, URLs or - naming what to delete.")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-R", "--recursive"})
    boolean recursive;

    @Option(names = {"-l", "--selector"}, description = "Delete what matches this label selector.")
    String selector;

    @Option(names = "--field-selector")
    String fieldSelector;

    @Option(names = "--all", description = "Delete every object of the type(s) in the namespace.")
    boolean all;

    @Option(names = {"-A", "--all-namespaces"})
    boolean allNamespaces;

    @Option(names = "--grace-period", defaultValue = "-1", description = "Seconds a pod gets to stop (-1: its own).")
    int gracePeriod;

    @Option(names = "--now", description = "Grace period of 1 second.")
    boolean now;

    @Option(names = "--force", description = "Delete at once, without waiting for the kubelet (grace period 0).")
    boolean force;

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "background", defaultValue = "background",
            description = "background|foreground|orphan: what happens to dependents.")
    String cascade;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Wait until the objects are gone (default true).")
    boolean waitForDeletion;

    @Option(names = "--timeout", defaultValue = "0", description = "How long to wait (0: a week).")
    String timeout;

    @Option(names = "--ignore-not-found", description = "A missing object is not an error.")
    boolean ignoreNotFound;

    private record Victim(ResourceKind<?> kind, String namespace, String name) {
    }

    @Override
    public Integer call() throws Exception {
        JsonNode options = deleteOptions();
        List<String> errors = new ArrayList<>();
        List<Victim> victims = victims(errors);
        if (victims.isEmpty() && errors.isEmpty() && filenames.isEmpty()) {
            out().println("No resources found");
            return 0;
        }
        List<Victim> waiting = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        for (Victim victim : victims) {
            try {
                JsonNode response = api().delete(victim.kind(), victim.namespace(), victim.name(), options);
                out().println(Kinds.qualified(victim.kind()) + " \"" + victim.name() + "\" " + (force ? "force deleted" : "deleted"));
                out().flush();
                waiting.add(victim);
                uids.add(response.path("metadata").path("uid").asText(null));
            } catch (ApiException.NotFoundException e) {
                if (!ignoreNotFound) {
                    errors.add(Errors.fromServer(e));
                }
            }
        }
        if (waitForDeletion) {
            Duration limit = Durations.parse(timeout);
            Duration wait = limit.isZero() ? Duration.ofDays(7) : limit;
            Waiter waiter = new Waiter(api());
            for (int i = 0; i < waiting.size(); i++) {
                Victim victim = waiting.get(i);
                if (!waiter.untilDeleted(victim.kind(), victim.namespace(), victim.name(), uids.get(i), wait)) {
                    errors.add("error: timed out waiting for the condition on " + victim.kind().plural() + "/" + victim.name());
                }
            }
        }
        errors.forEach(err()::println);
        return errors.isEmpty() ? 0 : 1;
    }

    private JsonNode deleteOptions() {
        ObjectNode options = Codec.json().createObjectNode();
        options.put("kind", "DeleteOptions");
        options.put("apiVersion", "v1");
        int grace = gracePeriod;
        if (force && grace < 0) {
            grace = 0;
        }
        if (now) {
            grace = 1;
        }
        if (grace == 0 && !force) {
            grace = 1; // as kubectl: 0 means "immediately" only together with --force
        }
        if (force) {
            err().println("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                    + "terminated. The resource may continue to run on the cluster indefinitely.");
        }
        if (grace >= 0) {
            options.put("gracePeriodSeconds", grace);
        }
        options.put("propagationPolicy", switch (cascade) {
            case "background", "true" -> "Background";
            case "foreground" -> "Foreground";
            case "orphan", "false" -> "Orphan";
            default -> throw new CliException("invalid cascade value (" + cascade
                    + "). Must be \"background\", \"foreground\", or \"orphan\"");
        });
        return options;
    }

    private List<Victim> victims(List<String> errors) throws ApiException {
        List<Victim> victims = new ArrayList<>();
        if (!filenames.isEmpty()) {
            if (!args.isEmpty()) {
                throw new CliException("cannot specify both filenames and resource arguments");
            }
            for (Manifests.Manifest manifest : Manifests.read(filenames, recursive, root().stdin())) {
                ObjectNode object = ((ObjectNode) manifest.object()).deepCopy();
                ObjectTarget target = ObjectTarget.of(object, namespace(), root().namespaceGiven());
                victims.add(new Victim(target.kind(), target.namespace(), target.name()));
            }
            return victims;
        }
        List<Target> targets = Target.parse(args);
        if (targets.isEmpty()) {
            throw new CliException("You must provide one or more resources by argument or filename.\n"
                    + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                    + "   '<resource> <name>'\n   '<resource>'");
        }
        boolean bySelector = all || selector != null || fieldSelector != null;
        for (Target target : targets) {
            if (!target.names().isEmpty()) {
                if (bySelector) {
                    throw new CliException("name cannot be provided when a selector is specified");
                }
                target.names().forEach(name -> victims.add(new Victim(target.kind(), namespace(), name)));
                continue;
            }
            if (!bySelector) {
                throw new CliException("resource(s) were provided, but no name was specified");
            }
            JsonNode list = api().list(target.kind(), allNamespaces ? null : namespace(), selector, fieldSelector, false);
            for (JsonNode item : list.path("items")) {
                JsonNode metadata = item.path("metadata");
                victims.add(new Victim(target.kind(), metadata.path("namespace").asText(null), metadata.path("name").asText()));
            }
        }
        return victims;
    }
}
