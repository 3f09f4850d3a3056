package io.tugboat.apiserver.rest.patch;

import static io.tugboat.apiserver.rest.patch.PatchCases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strategic merge patch cases of the Kubernetes test suite, on the test type they use there.
 * The cases live in {@code src/test/resources/patch/merge-item.yaml}.
 */
class StrategicMergePatchTest {

    /**
     * Upstream's {@code MergeItem}: a type that has one field of every kind. It refers to itself;
     * four levels are more than any case nests.
     */
    static final PatchSchema MERGE_ITEM = mergeItem(4);

    private static PatchSchema mergeItem(int depth) {
        PatchSchema element = depth == 0 ? PatchSchema.unstructured() : mergeItem(depth - 1);
        return PatchSchema.type("MergeItem")
                .mergeList("mergingList", "name", element)
                .atomicList("nonMergingList")
                .mergeSet("mergingIntList")
                .atomicList("nonMergingIntList")
                .mergeList("mergeItemPtr", "name", element)
                .replace("replacingItem")
                .retainKeysObject("retainKeysMap", PatchSchema.type("RetainKeysMergeItem")
                        .mergeSet("mergingIntList")
                        .mergeList("mergingList", "name", element)
                        .atomicList("nonMergingList")
                        .build())
                .mergeListRetainingKeys("retainKeysMergingList", "name", element)
                .build();
    }

    static List<Named<JsonNode>> mergeItemCases() {
        return PatchCases.yaml("merge-item.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mergeItemCases")
    void appliesPatch(JsonNode c) {
        assertCase(c, MERGE_ITEM);
    }

    /** Runs one YAML case: {@code original} + {@code patch} gives {@code expected}, or {@code error}. */
    static void assertCase(JsonNode c, PatchSchema schema) {
        JsonNode original = c.get("original");
        JsonNode patch = c.get("patch");
        if (c.has("error")) {
            PatchException e = assertThrows(PatchException.class, () -> StrategicMergePatch.apply(original, patch, schema));
            assertEquals(PatchException.Reason.valueOf(c.get("error").asText()), e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains(c.get("message").asText()), () -> "message was: " + e.getMessage());
            return;
        }
        JsonNode result;
        try {
            result = StrategicMergePatch.apply(original, patch, schema);
        } catch (PatchException e) {
            throw new AssertionError("unexpected " + e.reason() + ": " + e.getMessage(), e);
        }
        assertEquals(c.get("expected"), result);
    }

    @Test
    void leavesOriginalAndPatchUnchanged() throws PatchException {
        JsonNode original = json("{'mergingList':[{'name':1,'value':1}],'simpleMap':{'a':1}}");
        JsonNode patch = json("{'mergingList':[{'name':1,'value':null},{'name':2}],'simpleMap':{'$patch':'delete'}}");
        JsonNode originalBefore = original.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        StrategicMergePatch.apply(original, patch, MERGE_ITEM);

        assertEquals(originalBefore, original);
        assertEquals(patchBefore, patch);
    }

    @Test
    void refusesAPatchThatIsNotAnObject() {
        PatchException e = assertThrows(PatchException.class,
                () -> StrategicMergePatch.apply(json("{}"), json("[1]"), MERGE_ITEM));
        assertEquals(PatchException.Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void refusesToPatchSomethingThatIsNotAnObject() {
        PatchException e = assertThrows(PatchException.class,
                () -> StrategicMergePatch.apply(json("[1]"), json("{}"), MERGE_ITEM));
        assertEquals(PatchException.Reason.INVALID, e.reason());
    }

    @Test
    void matchesMergeKeysByNumericValue() throws PatchException {
        JsonNode result = StrategicMergePatch.apply(json("{'mergingList':[{'name':80,'value':'a'}]}"),
                json("{'mergingList':[{'name':80.0,'other':'b'}]}"), MERGE_ITEM);
        // One element, not two: 80 and 80.0 are the same key (Kubernetes decodes both to float64).
        assertEquals(json("{'mergingList':[{'name':80.0,'value':'a','other':'b'}]}"), result);
    }
}
