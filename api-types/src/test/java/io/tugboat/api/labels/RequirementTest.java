package io.tugboat.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementTest {

    private static Set<String> values(String text) {
        return text.equals("-") ? Set.of() : Set.of(text.split(";", -1));
    }

    @ParameterizedTest(name = "{0} {1} ({2}) is rejected: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            app     | IN             | -        | for 'in', 'notin' operators, values set can't be empty
            app     | NOT_IN         | -        | for 'in', 'notin' operators, values set can't be empty
            app     | EQUALS         | a;b      | exact-match compatibility requires one single value
            app     | NOT_EQUALS     | -        | exact-match compatibility requires one single value
            app     | EXISTS         | a        | values set must be empty for exists and does not exist
            app     | DOES_NOT_EXIST | a        | values set must be empty for exists and does not exist
            app     | GREATER_THAN   | 1;2      | for 'Gt', 'Lt' operators, exactly one value is required
            app     | LESS_THAN      | ten      | for 'Gt', 'Lt' operators, the value must be an integer
            ''      | EXISTS         | -        | invalid label key "": name part must be non-empty; name part must consist of
            a/      | EXISTS         | -        | invalid label key "a/": name part must be non-empty
            /a      | EXISTS         | -        | invalid label key "/a": prefix part must be non-empty
            app     | IN             | a b      | invalid label value "a b": a valid label must be an empty string
            gen     | GREATER_THAN   | -1       | invalid label value "-1": a valid label must be an empty string
            """)
    void refusesToBuildAnInvalidRequirement(String key, Operator operator, String values, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Requirement(key, operator, values(values)));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(e.getMessage(), String.join("; ", Requirement.validate(key, operator, values(values))));
    }

    @ParameterizedTest(name = "{0} {1} ({2}) prints as {3}")
    @CsvSource(delimiter = '|', textBlock = """
            app   | EQUALS         | web       | app=web
            app   | DOUBLE_EQUALS  | web       | app==web
            app   | NOT_EQUALS     | web       | app!=web
            app   | IN             | web;db    | app in (db,web)
            app   | NOT_IN         | web       | app notin (web)
            app   | EXISTS         | -         | app
            app   | DOES_NOT_EXIST | -         | !app
            gen   | GREATER_THAN   | 5         | gen>5
            gen   | LESS_THAN      | 5         | gen<5
            """)
    void printsTheQueryStringForm(String key, Operator operator, String values, String text) {
        assertEquals(text, new Requirement(key, operator, values(values)).toString());
    }

    @ParameterizedTest(name = "requirements built from {0} are equal")
    @CsvSource(delimiter = '|', textBlock = """
            a;b;c
            c;b;a
            """)
    void comparesValuesAsASet(String values) {
        assertEquals(new Requirement("app", Operator.IN, "a", "b", "c"), new Requirement("app", Operator.IN, values(values)));
        assertEquals(List.of("a", "b", "c"), List.copyOf(new Requirement("app", Operator.IN, values(values)).values()));
    }
}
