package io.tugboat.api.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.fields.FieldSelector.Operator;
import io.tugboat.api.fields.FieldSelector.Requirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    /** Reads "a:1;b:2" into field values; "-" is an object with none of the fields. */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(";")) {
                String[] kv = pair.split(":", -1);
                fields.put(kv[0], kv[1]);
            }
        }
        return fields;
    }

    @ParameterizedTest(name = "''{0}'' parses to ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                      | ''
            ','                                     | ''
            a=b                                     | a=b
            a==b                                    | a=b
            a!=b                                    | a!=b
            a=                                      | a=
            =b                                      | =b
            'b=1,a=2'                               | a=2,b=1
            'spec.nodeName=node-1,status.phase!=Succeeded' | spec.nodeName=node-1,status.phase!=Succeeded
            'a=b,,c=d'                              | a=b,c=d
            a=x\\,y                                 | a=x\\,y
            a=x\\=y                                 | a=x\\=y
            a=x\\\\y                                | a=x\\\\y
            """)
    void parsesTermsIntoCanonicalForm(String text, String canonical) {
        FieldSelector selector = FieldSelector.parse(text);

        assertEquals(canonical, selector.toString());
        assertEquals(selector, FieldSelector.parse(selector.toString()), "the canonical form parses back to the same selector");
    }

    @Test
    void ignoresNoWhitespaceBecauseKubernetesDoesNot() {
        Requirement term = FieldSelector.parse("a = b").requirements().get(0);

        assertEquals(new Requirement("a ", Operator.EQUALS, " b"), term);
    }

    @ParameterizedTest(name = "''{0}'' unescapes to ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            metadata.name=a\\,b          | a,b
            metadata.name=a\\=b          | a=b
            metadata.name=a\\\\b         | a\\b
            'metadata.name=a\\,b\\,c'    | a,b,c
            """)
    void unescapesCommasEqualsSignsAndBackslashesInValues(String text, String value) {
        assertEquals(List.of(new Requirement("metadata.name", Operator.EQUALS, value)),
                FieldSelector.parse(text).requirements());
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a>b              | invalid selector: 'a>b'; can't understand 'a>b' (field selectors support only '=', '==' and '!=')
            a in (b)         | invalid selector: 'a in (b)'; can't understand 'a in (b)'
            'a=b,c'          | invalid selector: 'a=b,c'; can't understand 'c'
            a                | invalid selector: 'a'; can't understand 'a'
            a=b=c            | invalid field selector: unescaped character in value: '='
            a!==b            | invalid field selector: unescaped character in value: '='
            a=b\\n           | invalid field selector: invalid escape sequence: \\n
            a=b\\            | invalid field selector: invalid escape sequence: \\
            """)
    void rejectsUnsupportedOperatorsAndBadEscapes(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldSelector.parse(text));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}'' against {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # selector                          | fields (f:v;f:v, - for none)            | selected
            ''                                  | -                                       | true
            spec.nodeName=node-1                | spec.nodeName:node-1                    | true
            spec.nodeName==node-1               | spec.nodeName:node-1                    | true
            spec.nodeName=node-1                | spec.nodeName:node-2                    | false
            spec.nodeName=node-1                | -                                       | false
            spec.nodeName!=node-1               | spec.nodeName:node-2                    | true
            spec.nodeName!=node-1               | spec.nodeName:node-1                    | false
            spec.nodeName!=node-1               | -                                       | true
            spec.nodeName=                      | -                                       | true
            spec.nodeName=                      | spec.nodeName:node-1                    | false
            spec.nodeName!=                     | spec.nodeName:node-1                    | true
            'spec.nodeName=n,status.phase!=Failed' | spec.nodeName:n;status.phase:Running | true
            'spec.nodeName=n,status.phase!=Failed' | spec.nodeName:n;status.phase:Failed  | false
            metadata.name=a\\,b                 | metadata.name:a,b                       | true
            """)
    void matchesObjectsThroughAFieldLookup(String selector, String fields, boolean selected) {
        assertEquals(selected, FieldSelector.parse(selector).matches(fields(fields)::get));
    }

    @ParameterizedTest(name = "''{0}'' demands {1} for spec.nodeName")
    @CsvSource(delimiter = '|', textBlock = """
            spec.nodeName=node-1                   | node-1
            spec.nodeName==node-1                  | node-1
            'metadata.name=x,spec.nodeName=node-1' | node-1
            spec.nodeName!=node-1                  | -
            metadata.name=x                        | -
            ''                                     | -
            """)
    void reportsTheValueASelectorRequiresExactly(String selector, String value) {
        Optional<String> expected = value.equals("-") ? Optional.empty() : Optional.of(value);

        assertEquals(expected, FieldSelector.parse(selector).requiresExactMatch("spec.nodeName"));
    }

    @ParameterizedTest(name = "''{0}'' escapes to ''{1}'' and back")
    @CsvSource(delimiter = '|', textBlock = """
            plain      | plain
            a,b        | a\\,b
            a=b        | a\\=b
            a\\b       | a\\\\b
            ''         | ''
            """)
    void escapesAnyValueReversibly(String raw, String escaped) {
        assertEquals(escaped, FieldSelector.escapeValue(raw));
        assertEquals(raw, FieldSelector.unescapeValue(escaped));
    }

    @Test
    void buildsTheKubeletsSelectorForItsOwnPods() {
        FieldSelector selector = FieldSelector.equalTo("spec.nodeName", "node=1");

        assertEquals("spec.nodeName=node\\=1", selector.toString());
        assertEquals(selector, FieldSelector.parse(selector.toString()));
        assertTrue(selector.matches(Map.of("spec.nodeName", "node=1")::get));
        assertFalse(selector.isEmpty());
        assertTrue(FieldSelector.everything().isEmpty());
        assertEquals(FieldSelector.everything(), FieldSelector.parse(""));
    }
}
