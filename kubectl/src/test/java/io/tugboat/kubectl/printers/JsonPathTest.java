package io.tugboat.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {
    private static final String DATA = """
            {"kind":"List","items":[
              {"metadata":{"name":"a","labels":{"app":"web"}},"status":{"conditions":[{"type":"Ready","status":"True"}],"n":3}},
              {"metadata":{"name":"b"},"status":{"conditions":[{"type":"Ready","status":"False"}],"n":10}}]}
            """;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{.kind}                                            | List",
            "{.items[*].metadata.name}                          | a b",
            "{.items[0].metadata.name}                          | a",
            "{.items[-1].metadata.name}                         | b",
            "{.items[0:1].metadata.name}                        | a",
            "{.items[0].metadata.labels}                        | {\"app\":\"web\"}",
            "{range .items[*]}{.metadata.name}{\",\"}{end}      | a,b,",
            "{.items[?(@.status.n>5)].metadata.name}            | b",
            "{.items[?(@.metadata.labels.app)].metadata.name}   | a",
            "{.items[*].status.conditions[?(@.type==\"Ready\")].status} | True False",
            "{..name}                                           | a b",
            "name={.items[1].metadata.name}!                    | name=b!",
            "{.items[*].metadata.missing}                       | ''",
            "{.items[0]['metadata']['name']}                    | a",
    })
    void evaluatesKubectlTemplates(String template, String expected) throws Exception {
        JsonNode data = Codec.readTree(DATA.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(expected, JsonPath.parse(template).execute(data));
    }
}
