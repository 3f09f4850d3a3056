package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.KubeYaml;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tug edit TYPE/NAME}: the object as YAML in {@code $KUBE_EDITOR}, else {@code $EDITOR}, else
 * {@code vi}; when the editor exits, the changed object is written back with a PUT (a conflict — someone changed
 * it meanwhile — fails rather than overwriting); unchanged text is "Edit cancelled, no changes made.".
 */
@Command(name = "edit", description = "Edit a resource on the server.")
public final class EditCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Target target = Target.one(args, "tug edit");
        JsonNode live = api().get(target.kind(), namespace(), target.name());
        String original = KubeYaml.write(live);
        Path file = Files.createTempFile("tug-edit-", ".yaml");
        try {
            Files.writeString(file, "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
                    + "# and an empty file will abort the edit.\n#\n" + original);
            runEditor(file);
            String edited = Files.readString(file, StandardCharsets.UTF_8);
            String withoutComments = edited.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            if (withoutComments.isBlank() || withoutComments.equals(original)) {
                out().println("Edit cancelled, no changes made.");
                return 0;
            }
            JsonNode changed;
            try {
                changed = Codec.readTree(withoutComments.getBytes(StandardCharsets.UTF_8), true);
            } catch (DecodeException e) {
                throw new CliException("the edited file is not valid YAML: " + e.getMessage());
            }
            if (changed.equals(live)) {
                out().println("Edit cancelled, no changes made.");
                return 0;
            }
            api().replace(target.kind(), namespace(), target.name(), (ObjectNode) changed);
            out().println(Kinds.qualified(target.kind()) + "/" + target.name() + " edited");
            return 0;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void runEditor(Path file) throws IOException, InterruptedException {
        String editor = System.getenv("KUBE_EDITOR");
        if (editor == null || editor.isBlank()) {
            editor = System.getenv("EDITOR");
        }
        if (editor == null || editor.isBlank()) {
            editor = "vi";
        }
        Process process = new ProcessBuilder("sh", "-c", editor + " \"$0\"", file.toString()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new CliException("there was a problem with the editor \"" + editor + "\"");
        }
    }
}
