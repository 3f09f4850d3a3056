package io.tugboat.apiserver.rest.patch;

import static io.tugboat.apiserver.rest.patch.PatchCases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tugboat.apiserver.rest.patch.PatchException.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchTest {

    /** RFC 6902 appendix A examples that succeed, numbered as in the RFC, and a few Kubernetes uses. */
    static Stream<Arguments> successfulPatches() {
        return Stream.of(
                Arguments.of("A.1 adds an object member", "{'foo':'bar'}",
                        "[{'op':'add','path':'/baz','value':'qux'}]", "{'baz':'qux','foo':'bar'}"),
                Arguments.of("A.2 adds an array element", "{'foo':['bar','baz']}",
                        "[{'op':'add','path':'/foo/1','value':'qux'}]", "{'foo':['bar','qux','baz']}"),
                Arguments.of("A.3 removes an object member", "{'baz':'qux','foo':'bar'}",
                        "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}"),
                Arguments.of("A.4 removes an array element", "{'foo':['bar','qux','baz']}",
                        "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}"),
                Arguments.of("A.5 replaces a value", "{'baz':'qux','foo':'bar'}",
                        "[{'op':'replace','path':'/baz','value':'boo'}]", "{'baz':'boo','foo':'bar'}"),
                Arguments.of("A.6 moves a value", "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
                        "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
                Arguments.of("A.7 moves an array element", "{'foo':['all','grass','cows','eat']}",
                        "[{'op':'move','from':'/foo/1','path':'/foo/3'}]", "{'foo':['all','cows','eat','grass']}"),
                Arguments.of("A.8 passes tests of equal values", "{'baz':'qux','foo':['a',2,'c']}",
                        "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]",
                        "{'baz':'qux','foo':['a',2,'c']}"),
                Arguments.of("A.10 adds a nested member object", "{'foo':'bar'}",
                        "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
                        "{'foo':'bar','child':{'grandchild':{}}}"),
                Arguments.of("A.11 ignores unrecognized members of an operation", "{'foo':'bar'}",
                        "[{'op':'add','path':'/baz','value':'qux','xyz':123}]", "{'foo':'bar','baz':'qux'}"),
                Arguments.of("A.14 unescapes ~01 as ~1, not as /", "{'/':9,'~1':10}",
                        "[{'op':'test','path':'/~01','value':10}]", "{'/':9,'~1':10}"),
                Arguments.of("A.16 appends an array value with -", "{'foo':['bar']}",
                        "[{'op':'add','path':'/foo/-','value':['abc','def']}]", "{'foo':['bar',['abc','def']]}"),
                Arguments.of("copies a value", "{'a':{'b':1}}",
                        "[{'op':'copy','from':'/a','path':'/c'}]", "{'a':{'b':1},'c':{'b':1}}"),
                Arguments.of("replaces the whole document at the empty path", "{'a':1}",
                        "[{'op':'replace','path':'','value':{'b':2}}]", "{'b':2}"),
                Arguments.of("tests numbers by value, 80 equals 80.0", "{'port':80}",
                        "[{'op':'test','path':'/port','value':80.0}]", "{'port':80}"),
                Arguments.of("adds a label whose name contains a slash",
                        "{'metadata':{'labels':{}}}",
                        "[{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'web'}]",
                        "{'metadata':{'labels':{'app.kubernetes.io/name':'web'}}}"),
                Arguments.of("guards a change with a resourceVersion test",
                        "{'metadata':{'resourceVersion':'42'},'spec':{'replicas':1}}",
                        "[{'op':'test','path':'/metadata/resourceVersion','value':'42'},"
                                + "{'op':'replace','path':'/spec/replicas','value':3}]",
                        "{'metadata':{'resourceVersion':'42'},'spec':{'replicas':3}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successfulPatches")
    void appliesPatch(String name, String target, String patch, String expected) throws PatchException {
        assertEquals(json(expected), JsonPatch.apply(json(target), json(patch)));
    }

    /**
     * Patches that fail, with the reason Kubernetes gives: 400 when the body is not a list of
     * operation objects, 422 for anything found while applying (including an unknown op).
     */
    static Stream<Arguments> failingPatches() {
        return Stream.of(
                Arguments.of("A.9 fails a test of a different value", "{'baz':'qux'}",
                        "[{'op':'test','path':'/baz','value':'bar'}]", Reason.INVALID, "test failed"),
                Arguments.of("A.12 refuses to add below a member that does not exist", "{'foo':'bar'}",
                        "[{'op':'add','path':'/baz/bat','value':'qux'}]", Reason.INVALID, "no parent"),
                Arguments.of("A.15 does not consider the string '10' equal to the number 10", "{'/':9,'~1':10}",
                        "[{'op':'test','path':'/~01','value':'10'}]", Reason.INVALID, "test failed"),
                Arguments.of("refuses a body that is an object, not a list", "{}",
                        "{'op':'add','path':'/a','value':1}", Reason.BAD_REQUEST, "must be a list"),
                Arguments.of("refuses an operation that is not an object", "{}",
                        "['add']", Reason.BAD_REQUEST, "must be an object"),
                Arguments.of("refuses an unknown op while applying", "{}",
                        "[{'op':'merge','path':'/a','value':1}]", Reason.INVALID, "unknown op"),
                Arguments.of("refuses an operation without a path", "{}",
                        "[{'op':'add','value':1}]", Reason.INVALID, "\"path\" must be a string"),
                Arguments.of("refuses add without a value", "{}",
                        "[{'op':'add','path':'/a'}]", Reason.INVALID, "\"value\" is missing"),
                Arguments.of("refuses to remove a member that does not exist", "{'a':1}",
                        "[{'op':'remove','path':'/b'}]", Reason.INVALID, "nothing exists at \"/b\""),
                Arguments.of("refuses to replace a member that does not exist", "{'a':1}",
                        "[{'op':'replace','path':'/b','value':2}]", Reason.INVALID, "nothing exists"),
                Arguments.of("refuses to test a member that does not exist", "{'a':1}",
                        "[{'op':'test','path':'/b','value':null}]", Reason.INVALID, "nothing exists"),
                Arguments.of("refuses an array index past the end", "{'a':[1]}",
                        "[{'op':'add','path':'/a/2','value':3}]", Reason.INVALID, "not an index from 0 to 1"),
                Arguments.of("refuses an array index with a leading zero", "{'a':[1,2]}",
                        "[{'op':'replace','path':'/a/01','value':3}]", Reason.INVALID, "nothing exists"),
                Arguments.of("refuses a negative array index", "{'a':[1,2]}",
                        "[{'op':'remove','path':'/a/-1'}]", Reason.INVALID, "nothing exists"),
                Arguments.of("refuses a pointer that does not start with a slash", "{'a':1}",
                        "[{'op':'remove','path':'a'}]", Reason.INVALID, "must be empty or start with '/'"),
                Arguments.of("refuses a ~ that is not an escape", "{'a~b':1}",
                        "[{'op':'remove','path':'/a~b'}]", Reason.INVALID, "'~' not followed"),
                Arguments.of("refuses to move a value into its own child", "{'a':{'b':{}}}",
                        "[{'op':'move','from':'/a','path':'/a/b/c'}]", Reason.INVALID, "its own children"),
                Arguments.of("refuses to copy from a member that does not exist", "{'a':1}",
                        "[{'op':'copy','from':'/x','path':'/y'}]", Reason.INVALID, "nothing exists at \"/x\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingPatches")
    void refusesPatch(String name, String target, String patch, Reason reason, String message) {
        PatchException e = assertThrows(PatchException.class, () -> JsonPatch.apply(json(target), json(patch)));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
    }

    @Test
    void leavesTheTargetUnchangedWhenALaterOperationFails() {
        JsonNode target = json("{'a':1}");
        assertThrows(PatchException.class, () -> JsonPatch.apply(target, json(
                "[{'op':'replace','path':'/a','value':2},{'op':'test','path':'/a','value':3}]")));
        assertEquals(json("{'a':1}"), target);
    }

    @Test
    void refusesMoreOperationsThanKubernetesAccepts() {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
            patch.add(json("{'op':'test','path':'','value':{}}"));
        }
        PatchException e = assertThrows(PatchException.class, () -> JsonPatch.apply(json("{}"), patch));
        assertEquals(Reason.REQUEST_ENTITY_TOO_LARGE, e.reason());
        assertEquals(413, e.reason().code());
    }
}
