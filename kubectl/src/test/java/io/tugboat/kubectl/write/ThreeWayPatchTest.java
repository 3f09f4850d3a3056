package io.tugboat.kubectl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.rest.patch.PatchSchemas;
import io.tugboat.apiserver.rest.patch.StrategicMergePatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each row: last applied, new configuration, live object, the patch kubectl would send, and the object the
 * API server makes of it (applying with the server's own strategic merge patch).
 */
class ThreeWayPatchTest {

    private static JsonNode json(String text) throws Exception {
        return Codec.readTree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nothing changed | {'spec':{'replicas':2}} | {'spec':{'replicas':2}} | {'spec':{'replicas':2,'paused':false}}"
                    + " | {} | {'spec':{'replicas':2,'paused':false}}",
            "a field removed from the file is deleted | {'spec':{'replicas':2,'minReadySeconds':5}} | {'spec':{'replicas':2}}"
                    + " | {'spec':{'replicas':2,'minReadySeconds':5}} | {'spec':{'minReadySeconds':null}} | {'spec':{'replicas':2}}",
            "a field set by someone else survives | {'spec':{'replicas':2}} | {'spec':{'replicas':3}}"
                    + " | {'spec':{'replicas':2,'paused':true}} | {'spec':{'replicas':3}} | {'spec':{'replicas':3,'paused':true}}",
            "a live change to an applied field is overwritten | {'spec':{'replicas':2}} | {'spec':{'replicas':2}}"
                    + " | {'spec':{'replicas':7}} | {'spec':{'replicas':2}} | {'spec':{'replicas':2}}",
            "containers merge by name and a removed one is deleted"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y'}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x:2'}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x:1','imagePullPolicy':'Always'},{'name':'b','image':'y'}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'b','$patch':'delete'},{'name':'a','image':'x:2'}],'$setElementOrder/containers':[{'name':'a'}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x:2','imagePullPolicy':'Always'}]}}}}",
            "an env entry removed and one changed in the same container"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'A','value':'3'}]}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'B','$patch':'delete'},{'name':'A','value':'3'}],'$setElementOrder/env':[{'name':'A'}]}],'$setElementOrder/containers':[{'name':'a'}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'A','value':'3'}]}]}}}}",
            "finalizers are a set | {'metadata':{'finalizers':['a','b']}} | {'metadata':{'finalizers':['a','c']}}"
                    + " | {'metadata':{'finalizers':['a','b','z']}}"
                    + " | {'metadata':{'$deleteFromPrimitiveList/finalizers':['b'],'finalizers':['c'],'$setElementOrder/finalizers':['a','c']}}"
                    + " | {'metadata':{'finalizers':['a','c','z']}}",
            "an atomic list is replaced whole | {'spec':{'template':{'spec':{'containers':[{'name':'a','command':['x','y']}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','command':['x']}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','command':['x','y']}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','command':['x']}],'$setElementOrder/containers':[{'name':'a'}]}}}}"
                    + " | {'spec':{'template':{'spec':{'containers':[{'name':'a','command':['x']}]}}}}",
            "a changed strategy keeps only its own keys | {'spec':{'strategy':{'type':'RollingUpdate'}}}"
                    + " | {'spec':{'strategy':{'type':'Recreate'}}}"
                    + " | {'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}"
                    + " | {'spec':{'strategy':{'type':'Recreate','$retainKeys':['type']}}}"
                    + " | {'spec':{'strategy':{'type':'Recreate'}}}",
            "no last applied configuration: additions only | | {'metadata':{'labels':{'a':'1'}}}"
                    + " | {'metadata':{'labels':{'b':'2'}}} | {'metadata':{'labels':{'a':'1'}}} | {'metadata':{'labels':{'a':'1','b':'2'}}}",
    })
    void computesKubectlsPatchAndTheServerAppliesIt(String title, String original, String modified, String current,
                                                    String expectedPatch, String expectedResult) throws Exception {
        JsonNode patch = ThreeWayPatch.create(original == null ? null : json(original), json(modified), json(current),
                PatchSchemas.forKind("apps/v1", "Deployment"));
        assertEquals(json(expectedPatch), patch, title);
        assertEquals(json(expectedResult), StrategicMergePatch.apply(json(current), patch,
                PatchSchemas.forKind("apps/v1", "Deployment")), title);
    }
}
