package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.Errors;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug create -f FILE|DIR|-}: POSTs each object; an existing one is an error
 * ({@code Error from server (AlreadyExists): error when creating "web.yaml": ...}), the others are still created.
 * {@code --save-config} adds the last-applied annotation so that a later {@code apply} can diff against it.
 */
@Command(name = "create", description = "Create a resource from a file or from stdin.")
public final class CreateCommand extends Verb {

    @Option(names = {"-f", "--filename"}, description = "Files, directories, URLs or - (stdin).")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Read directories recursively.")
    boolean recursive;

    @Option(names = "--save-config", description = "Record the configuration in the last-applied annotation.")
    boolean saveConfig;

    @Override
    public Integer call() throws Exception {
        boolean failed = false;
        for (Manifests.Manifest manifest : Manifests.read(filenames, recursive, root().stdin())) {
            ObjectNode object = ((ObjectNode) manifest.object()).deepCopy();
            ObjectTarget target = ObjectTarget.of(object, namespace(), root().namespaceGiven());
            try {
                api().create(target.kind(), target.namespace(), saveConfig ? ApplyCommand.withLastApplied(object) : object,
                        Map.of("fieldManager", "kubectl-create", "fieldValidation", "Strict"));
                out().println(target.display() + " created");
            } catch (ApiException e) {
                if (e.code() == 0) {
                    throw e;
                }
                failed = true;
                err().println(Errors.fromServer(e, "error when creating \"" + manifest.source() + "\""));
            }
            out().flush();
        }
        return failed ? 1 : 0;
    }
}
