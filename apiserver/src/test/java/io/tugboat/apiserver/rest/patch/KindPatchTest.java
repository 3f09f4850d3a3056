package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategic merge patches on real kinds, with their schemas from {@link PatchSchemas}: the cases of
 * the Kubernetes "kubectl patch" task page ({@code kinds.yaml}) and what {@code kubectl apply} sends
 * for a changed Deployment ({@code kubectl-apply.yaml}).
 */
class KindPatchTest {

    static List<Named<JsonNode>> kindCases() {
        return PatchCases.yaml("kinds.yaml");
    }

    static List<Named<JsonNode>> kubectlApplyCases() {
        return PatchCases.yaml("kubectl-apply.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindCases")
    void patchesKind(JsonNode c) {
        StrategicMergePatchTest.assertCase(c, schemaOf(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubectlApplyCases")
    void appliesWhatKubectlApplySends(JsonNode c) {
        StrategicMergePatchTest.assertCase(c, schemaOf(c));
    }

    private static PatchSchema schemaOf(JsonNode c) {
        return PatchSchemas.forKind(c.get("apiVersion").asText(), c.get("kind").asText());
    }
}
