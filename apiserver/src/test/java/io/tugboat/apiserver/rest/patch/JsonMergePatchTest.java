package io.tugboat.apiserver.rest.patch;

import static io.tugboat.apiserver.rest.patch.PatchCases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonMergePatchTest {

    /** RFC 7386 appendix A, in order, plus the patch {@code kubectl scale} sends. */
    static Stream<Arguments> rfc7386Examples() {
        return Stream.of(
                Arguments.of("replaces a member", "{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("adds a member", "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
                Arguments.of("removes a member set to null", "{'a':'b'}", "{'a':null}", "{}"),
                Arguments.of("keeps members the patch does not mention", "{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
                Arguments.of("replaces a list with a string", "{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("replaces a string with a list", "{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
                Arguments.of("merges nested objects", "{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"),
                Arguments.of("replaces a list of objects whole", "{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"),
                Arguments.of("replaces a list with a list", "['a','b']", "['c','d']", "['c','d']"),
                Arguments.of("replaces an object with a list", "{'a':'b'}", "['c']", "['c']"),
                Arguments.of("replaces anything with null", "{'a':'foo'}", "null", "null"),
                Arguments.of("replaces anything with a string", "{'a':'foo'}", "'bar'", "'bar'"),
                Arguments.of("keeps nulls already in the target", "{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
                Arguments.of("turns a list into an object, dropping null members", "[1,2]", "{'a':'b','c':null}", "{'a':'b'}"),
                Arguments.of("drops nulls deep inside new objects", "{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"),
                Arguments.of("scales a deployment the way kubectl scale does",
                        "{'spec':{'replicas':1,'template':{}},'status':{'replicas':1}}", "{'spec':{'replicas':3}}",
                        "{'spec':{'replicas':3,'template':{}},'status':{'replicas':1}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc7386Examples")
    void appliesMergePatch(String name, String target, String patch, String expected) {
        assertEquals(json(expected), JsonMergePatch.apply(json(target), json(patch)));
    }

    @Test
    void leavesTheTargetUnchanged() {
        JsonNode target = json("{'a':{'b':'c'}}");
        JsonMergePatch.apply(target, json("{'a':{'b':null}}"));
        assertEquals(json("{'a':{'b':'c'}}"), target);
    }
}
