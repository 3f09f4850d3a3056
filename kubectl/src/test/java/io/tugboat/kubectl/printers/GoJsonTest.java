package io.tugboat.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonTest {
    @Test
    void printsLikeGosMarshalIndentWithSortedKeysAndHtmlEscapes() throws Exception {
        String json = "{\"b\":[1,{}],\"a\":\"<x> & y\",\"c\":[],\"d\":{\"z\":true,\"y\":null}}";
        assertEquals("""
                {
                    "a": "\\u003cx\\u003e \\u0026 y",
                    "b": [
                        1,
                        {}
                    ],
                    "c": [],
                    "d": {
                        "y": null,
                        "z": true
                    }
                }
                """, GoJson.indented(Codec.readTree(json.getBytes(StandardCharsets.UTF_8), false)));
    }
}
