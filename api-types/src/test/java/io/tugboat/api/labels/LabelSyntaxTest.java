package io.tugboat.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSyntaxTest {

    private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
            + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
            + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    @ParameterizedTest(name = "key ''{0}'' is valid")
    @ValueSource(strings = {"app", "a", "A1", "my.name", "123-abc", "MyName", "a_b", "example.com/MyName",
            "app.kubernetes.io/name", "k8s.io/a"})
    void acceptsValidKeys(String key) {
        assertEquals(List.of(), LabelSyntax.validateKey(key));
    }

    @ParameterizedTest(name = "value ''{0}'' is valid")
    @ValueSource(strings = {"", "web", "1", "MyValue", "my_value", "12345", "a.b-c_d"})
    void acceptsValidValuesIncludingTheEmptyOne(String value) {
        assertEquals(List.of(), LabelSyntax.validateValue(value));
    }

    @ParameterizedTest(name = "key ''{0}'' gives ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            -app           | name part NAME
            app-           | name part NAME
            a b            | name part NAME
            ''             | name part must be non-empty;name part NAME
            a/             | name part must be non-empty;name part NAME
            /a             | prefix part must be non-empty
            Example.com/a  | prefix part SUBDOMAIN
            a/b/c          | a qualified name NAME with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')
            """)
    void explainsInvalidKeysInKubernetesWords(String key, String expected) {
        List<String> messages = List.of(expected.replace("NAME", NAME_RULE).replace("SUBDOMAIN", SUBDOMAIN_RULE).split(";"));

        assertEquals(messages, LabelSyntax.validateKey(key));
    }

    @ParameterizedTest(name = "a name of {0} characters gives {1} problem(s)")
    @CsvSource(delimiter = '|', textBlock = """
            63  | 0
            64  | 1
            """)
    void limitsTheNamePartTo63Characters(int length, int problems) {
        List<String> errors = LabelSyntax.validateKey("example.com/" + "a".repeat(length));

        assertEquals(problems, errors.size());
        if (problems > 0) {
            assertEquals("name part must be no more than 63 characters", errors.get(0));
        }
    }

    @ParameterizedTest(name = "a prefix of {0} characters gives {1} problem(s)")
    @CsvSource(delimiter = '|', textBlock = """
            253 | 0
            254 | 1
            """)
    void limitsThePrefixTo253Characters(int length, int problems) {
        List<String> errors = LabelSyntax.validateKey("a".repeat(length) + "/name");

        assertEquals(problems, errors.size());
        if (problems > 0) {
            assertEquals("prefix part must be no more than 253 characters", errors.get(0));
        }
    }

    @ParameterizedTest(name = "value ''{0}'' gives ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            -web   | VALUE
            web-   | VALUE
            a/b    | VALUE
            'a b'  | VALUE
            """)
    void explainsInvalidValuesInKubernetesWords(String value, String expected) {
        assertEquals(List.of(expected.replace("VALUE", VALUE_RULE)), LabelSyntax.validateValue(value));
    }

    @ParameterizedTest(name = "a value of {0} characters gives {1} problem(s)")
    @CsvSource(delimiter = '|', textBlock = """
            63  | 0
            64  | 1
            """)
    void limitsValuesTo63Characters(int length, int problems) {
        List<String> errors = LabelSyntax.validateValue("v".repeat(length));

        assertEquals(problems, errors.size());
        if (problems > 0) {
            assertEquals("must be no more than 63 characters", errors.get(0));
        }
    }

    @ParameterizedTest(name = "a value of {0} two-byte characters is too long and invalid")
    @ValueSource(ints = {32, 40})
    void countsLengthInUtf8BytesAsKubernetesDoes(int count) {
        assertEquals(List.of("must be no more than 63 characters", VALUE_RULE), LabelSyntax.validateValue("é".repeat(count)));
    }
}
