package io.tugboat.kubectl.resource;

import io.tugboat.api.ResourceKind;
import io.tugboat.kubectl.cli.CliException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the positional arguments of a verb name, in kubectl's two spellings: {@code TYPE[,TYPE...] [NAME...]}
 * ({@code pods web-1 web-2}, {@code pods,svc}) or {@code TYPE/NAME...} ({@code deploy/web svc/web}).
 *
 * @param kind  the kind
 * @param names the named objects; empty means "all of this kind" (filtered by selectors)
 */
public record Target(ResourceKind<?> kind, List<String> names) {

    /** Parses the positional arguments, in the order given. */
    public static List<Target> parse(List<String> args) {
        List<Target> targets = new ArrayList<>();
        if (args.isEmpty()) {
            return targets;
        }
        if (args.get(0).contains("/")) {
            for (String arg : args) {
                int slash = arg.indexOf('/');
                if (slash <= 0 || slash == arg.length() - 1) {
                    throw new CliException("there is no need to specify a resource type as a separate argument when "
                            + "passing arguments in resource/name form (e.g. 'tug get resource/<resource_name>' instead of "
                            + "'tug get resource resource/<resource_name>'");
                }
                ResourceKind<?> kind = Kinds.resolve(arg.substring(0, slash));
                String name = arg.substring(slash + 1);
                Target last = targets.isEmpty() ? null : targets.get(targets.size() - 1);
                if (last != null && last.kind() == kind) {
                    last.names().add(name);
                } else {
                    targets.add(new Target(kind, new ArrayList<>(List.of(name))));
                }
            }
            return targets;
        }
        List<String> names = args.subList(1, args.size());
        for (String name : names) {
            if (name.contains("/")) {
                throw new CliException("there is no need to specify a resource type as a separate argument when passing "
                        + "arguments in resource/name form (e.g. 'tug get resource/<resource_name>' instead of "
                        + "'tug get resource resource/<resource_name>'");
            }
        }
        for (ResourceKind<?> kind : Kinds.resolveList(args.get(0))) {
            targets.add(new Target(kind, new ArrayList<>(names)));
        }
        return targets;
    }

    /** A single {@code TYPE/NAME} or {@code TYPE NAME} (scale, rollout, logs...). */
    public static Target one(List<String> args, String verb) {
        List<Target> targets = parse(args);
        if (targets.size() != 1 || targets.get(0).names().size() != 1) {
            throw new CliException("exactly one resource name is required, e.g. " + verb + " deployment/web");
        }
        return targets.get(0);
    }

    public String name() {
        return names.get(0);
    }
}
