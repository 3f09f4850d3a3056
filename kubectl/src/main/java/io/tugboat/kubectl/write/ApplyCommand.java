package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.rest.patch.PatchSchemas;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Errors;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.GoJson;
import io.tugboat.kubectl.resource.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug apply -f FILE|DIR|-|URL [-R]}: client-side apply, byte for byte the requests kubectl sends, so
 * that tug and kubectl can take turns on the same objects.
 *
 * <ol>
 *   <li>The object gets the {@code kubectl.kubernetes.io/last-applied-configuration} annotation: its own JSON
 *       (keys sorted, compact, newline-terminated, the annotation itself left out).</li>
 *   <li>GET the live object. Missing: POST it → {@code created}.</li>
 *   <li>Otherwise compute the three-way strategic merge patch from the previous annotation, the new object and
 *       the live one ({@link ThreeWayPatch}); empty → {@code unchanged}, else PATCH it as
 *       {@code application/strategic-merge-patch+json} → {@code configured}. A conflict re-reads and retries.</li>
 * </ol>
 */
@Command(name = "apply", description = "Apply a configuration to a resource by file name or stdin.")
public final class ApplyCommand extends Verb {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final Map<String, String> FIELD_MANAGER = Map.of("fieldManager", "kubectl-client-side-apply",
            "fieldValidation", "Strict");
    private static final String SMP = "application/strategic-merge-patch+json";

    @Option(names = {"-f", "--filename"}, description = "Files, directories, URLs or - (stdin).")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Read directories recursively.")
    boolean recursive;

    @Option(names = "--server-side", description = "Not supported: tug applies on the client, as kubectl does by default.")
    boolean serverSide;

    @Option(names = "--validate", arity = "0..1", fallbackValue = "strict",
            description = "strict|warn|ignore|true|false (the server validates).")
    String validate;

    @Override
    public Integer call() throws Exception {
        if (serverSide) {
            throw new CliException("--server-side is not supported by tug; use client-side apply");
        }
        boolean failed = false;
        for (Manifests.Manifest manifest : Manifests.read(filenames, recursive, root().stdin())) {
            ObjectNode object = ((ObjectNode) manifest.object()).deepCopy();
            ObjectTarget target = ObjectTarget.of(object, namespace(), root().namespaceGiven());
            String[] doing = {"retrieving current configuration of"};
            try {
                out().println(target.display() + " " + apply(target, object, doing));
            } catch (ApiException e) {
                if (e.code() == 0) {
                    throw e;
                }
                failed = true;
                err().println(Errors.fromServer(e, "error when " + doing[0] + " \"" + manifest.source() + "\""));
            }
            out().flush();
        }
        return failed ? 1 : 0;
    }

    /**
     * Creates or patches one object; returns {@code created}, {@code configured} or {@code unchanged}.
     * {@code doing[0]} names the step under way, for kubectl's wording of a failure ("error when creating").
     */
    private String apply(ObjectTarget target, ObjectNode object, String[] doing) throws ApiException {
        ObjectNode modified = withLastApplied(object);
        for (int attempt = 0; ; attempt++) {
            ObjectNode live;
            try {
                live = api().get(target.kind(), target.namespace(), target.name());
            } catch (ApiException.NotFoundException e) {
                doing[0] = "creating";
                api().create(target.kind(), target.namespace(), modified, FIELD_MANAGER);
                return "created";
            }
            JsonNode original = lastApplied(live);
            if (original == null) {
                err().println("Warning: resource " + target.kind().plural() + "/" + target.name() + " is missing the "
                        + LAST_APPLIED + " annotation which is required by tug apply. tug apply should only be used on "
                        + "resources created declaratively by either tug create --save-config or tug apply. The missing "
                        + "annotation will be patched automatically.");
            }
            ObjectNode patch = ThreeWayPatch.create(original, modified, live,
                    PatchSchemas.forKind(target.kind().apiVersion(), target.kind().kind()));
            if (patch.isEmpty()) {
                return "unchanged";
            }
            try {
                doing[0] = "patching";
                api().patch(target.kind(), target.namespace(), target.name(), null, SMP, patch, FIELD_MANAGER);
                return "configured";
            } catch (ApiException.ConflictException e) {
                if (attempt >= 4) {
                    throw e;
                }
            }
        }
    }

    /**
     * The object with its own configuration in the annotation, as kubectl's {@code GetModifiedConfiguration}:
     * like kubectl, the recorded configuration keeps an empty {@code annotations: {}} when the object had none
     * (kubectl creates the map to remove its own key from it), so both tools record the very same text.
     */
    static ObjectNode withLastApplied(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.with("metadata").with("annotations").remove(LAST_APPLIED);
        String configuration = GoJson.compact(copy) + "\n";
        copy.with("metadata").with("annotations").put(LAST_APPLIED, configuration);
        return copy;
    }

    static JsonNode lastApplied(JsonNode live) {
        String text = live.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Codec.readTree(text.getBytes(StandardCharsets.UTF_8), false);
        } catch (DecodeException e) {
            return null;
        }
    }
}
