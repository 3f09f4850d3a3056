package io.tugboat.kubectl.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.KubeYaml;
import io.tugboat.kubectl.printers.TabWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug config view|current-context|get-contexts|use-context}: reading and switching kubeconfig contexts as
 * kubectl's {@code config} does. {@code view} hides credentials ({@code DATA+OMITTED}, {@code REDACTED}) unless
 * {@code --raw}; {@code --minify} keeps only what the current context uses.
 */
@Command(name = "config", description = "Modify kubeconfig files.",
        subcommands = {ConfigCommand.View.class, ConfigCommand.CurrentContext.class, ConfigCommand.GetContexts.class,
                ConfigCommand.UseContext.class})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** {@code config view}. */
    @Command(name = "view", description = "Display merged kubeconfig settings.")
    public static final class View extends Verb {
        @Option(names = "--raw", description = "Show credentials too.")
        boolean raw;

        @Option(names = "--minify", description = "Only what the current context uses.")
        boolean minify;

        @Override
        public Integer call() {
            List<KubeconfigFiles.File> files = KubeconfigFiles.load(root().kubeconfig());
            String current = root().context() != null ? root().context() : KubeconfigFiles.currentContext(files);
            ObjectNode view = Codec.json().createObjectNode();
            view.put("apiVersion", "v1");
            view.set("clusters", section(files, "clusters", minify ? referenced(files, current, "cluster") : null));
            view.set("contexts", section(files, "contexts", minify ? current : null));
            view.put("current-context", current);
            view.put("kind", "Config");
            view.putObject("preferences");
            view.set("users", section(files, "users", minify ? referenced(files, current, "user") : null));
            if (!raw) {
                redact(view);
            }
            out().print(KubeYaml.write(view));
            return 0;
        }

        private static String referenced(List<KubeconfigFiles.File> files, String context, String field) {
            for (JsonNode c : KubeconfigFiles.merged(files, "contexts")) {
                if (c.path("name").asText().equals(context)) {
                    return c.path("context").path(field).asText();
                }
            }
            throw new CliException("current-context must exist in order to minify");
        }

        private static ArrayNode section(List<KubeconfigFiles.File> files, String name, String only) {
            ArrayNode array = Codec.json().createArrayNode();
            for (JsonNode entry : KubeconfigFiles.merged(files, name)) {
                if (only == null || only.equals(entry.path("name").asText())) {
                    array.add(entry.deepCopy());
                }
            }
            return array;
        }

        private static void redact(JsonNode node) {
            if (node instanceof ObjectNode object) {
                object.fieldNames().forEachRemaining(key -> { });
                List<String> keys = new java.util.ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (key.endsWith("-data")) {
                        object.put(key, "DATA+OMITTED");
                    } else if (key.equals("token") || key.equals("password")) {
                        object.put(key, "REDACTED");
                    } else {
                        redact(object.get(key));
                    }
                }
            } else if (node != null && node.isArray()) {
                node.forEach(View::redact);
            }
        }
    }

    /** {@code config current-context}. */
    @Command(name = "current-context", description = "Display the current-context.")
    public static final class CurrentContext extends Verb {
        @Override
        public Integer call() {
            String current = KubeconfigFiles.currentContext(KubeconfigFiles.load(root().kubeconfig()));
            if (current.isEmpty()) {
                throw new CliException("current-context is not set");
            }
            out().println(current);
            return 0;
        }
    }

    /** {@code config get-contexts}. */
    @Command(name = "get-contexts", description = "Describe one or many contexts.")
    public static final class GetContexts extends Verb {
        @Option(names = {"-o", "--output"}, description = "name: only the names")
        String output;

        @Override
        public Integer call() {
            List<KubeconfigFiles.File> files = KubeconfigFiles.load(root().kubeconfig());
            String current = KubeconfigFiles.currentContext(files);
            TabWriter table = TabWriter.forTables();
            if (!"name".equals(output)) {
                table.row(List.of("CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"));
            }
            for (JsonNode c : KubeconfigFiles.merged(files, "contexts")) {
                String name = c.path("name").asText();
                if ("name".equals(output)) {
                    out().println(name);
                } else {
                    JsonNode ctx = c.path("context");
                    table.row(List.of(name.equals(current) ? "*" : "", name, ctx.path("cluster").asText(""),
                            ctx.path("user").asText(""), ctx.path("namespace").asText("")));
                }
            }
            out().print(table.flush());
            return 0;
        }
    }

    /** {@code config use-context NAME}. */
    @Command(name = "use-context", description = "Set the current-context in a kubeconfig file.")
    public static final class UseContext extends Verb {
        @Parameters(arity = "1", paramLabel = "CONTEXT")
        String context;

        @Override
        public Integer call() {
            List<KubeconfigFiles.File> files = KubeconfigFiles.load(root().kubeconfig());
            boolean exists = KubeconfigFiles.merged(files, "contexts").stream()
                    .anyMatch(c -> c.path("name").asText().equals(context));
            if (!exists) {
                throw new CliException("no context exists with the name: \"" + context + "\"");
            }
            KubeconfigFiles.File target = files.stream().filter(f -> f.root().has("current-context")).findFirst()
                    .orElse(files.get(0));
            target.root().put("current-context", context);
            KubeconfigFiles.write(target);
            out().println("Switched to context \"" + context + "\".");
            return 0;
        }
    }
}
