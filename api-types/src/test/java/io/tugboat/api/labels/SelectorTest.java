package io.tugboat.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

    /** Reads "a=1,b=2" into a label map; "-" is no labels. */
    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(";")) {
                String[] kv = pair.split(":", -1);
                labels.put(kv[0], kv[1]);
            }
        }
        return labels;
    }

    @ParameterizedTest(name = "''{0}'' parses to ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                   | ''
            '   '                                | ''
            a=b                                  | a=b
            a==b                                 | a==b
            a!=b                                 | a!=b
            a                                    | a
            !a                                   | !a
            ' ! a '                              | !a
            a in (x,y)                           | a in (x,y)
            a in (y,x)                           | a in (x,y)
            a notin (x)                          | a notin (x)
            'a in (x, y) , b notin ( z ) '       | a in (x,y),b notin (z)
            b=c,a=d                              | a=d,b=c
            'x=a,y=b,z=c'                        | x=a,y=b,z=c
            a=                                   | a=
            'a=,b'                               | a=,b
            a in ()                              | a in ()
            'a in (,)'                           | a in ()
            'a in (x,)'                          | a in (,x)
            'a in (,x)'                          | a in (,x)
            'a in (x,,y)'                        | a in (,x,y)
            a in (in)                            | a in (in)
            in in (notin)                        | in in (notin)
            a=in                                 | a=in
            gen>3                                | gen>3
            gen<3                                | gen<3
            example.com/app=web                  | example.com/app=web
            a.b-c_d=A.B-c_9                      | a.b-c_d=A.B-c_9
            """)
    void parsesQueryStringsIntoCanonicalForm(String text, String canonical) {
        Selector selector = Selector.parse(text);

        assertEquals(canonical, selector.toString());
        assertEquals(selector, Selector.parse(selector.toString()), "the canonical form parses back to the same selector");
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a b              | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt
            'a=b,'           | found end of string, expected: identifier after ','
            ',a'             | found ',', expected: !, identifier, or end of string
            'a,,b'           | found ',', expected: identifier after ','
            =b               | found '=', expected: !, identifier, or end of string
            a=b c            | found 'c', expected: ',' or end of string
            a=(b)            | unable to parse requirement: found '(', expected: identifier
            a in x           | unable to parse requirement: found 'x', expected: '('
            a in (x          | unable to parse requirement: found end of string, expected: ',', ')' or identifier
            a in (x y)       | unable to parse requirement: found 'y', expected: ',' or ')'
            a in (x=y)       | unable to parse requirement: found '=', expected: ',', ')' or identifier
            !a=b             | found '=', expected: ',' or end of string
            !                | unable to parse requirement: found end of string, expected: identifier
            !!a              | unable to parse requirement: found '!', expected: identifier
            a>b              | unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer
            a>               | unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer
            gen<-3           | unable to parse requirement: invalid label value "-3": a valid label must be an empty string
            k!x=y            | unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt
            -a=b             | unable to parse requirement: invalid label key "-a": name part must consist of alphanumeric characters
            a/b/c=d          | unable to parse requirement: invalid label key "a/b/c": a qualified name must consist of
            Example.com/a=b  | unable to parse requirement: invalid label key "Example.com/a": prefix part a lowercase RFC 1123 subdomain
            a=b/c            | unable to parse requirement: invalid label value "b/c": a valid label must be an empty string
            a in (x,-y)      | unable to parse requirement: invalid label value "-y": a valid label must be an empty string
            """)
    void rejectsMalformedSelectorsWithAMessageThatSaysWhere(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selector.parse(text));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void skipsTabsCarriageReturnsAndNewlinesBetweenTokens() {
        assertEquals("x=a,y=b", Selector.parse("x=a\t,\ty\n=\rb").toString());
    }

    @Test
    void rejectsOverlongKeysAndValues() {
        String long64 = "a".repeat(64);

        assertThrows(IllegalArgumentException.class, () -> Selector.parse(long64 + "=b"));
        assertThrows(IllegalArgumentException.class, () -> Selector.parse("a=" + long64));
        assertEquals("a=" + "b".repeat(63), Selector.parse("a=" + "b".repeat(63)).toString());
    }

    @ParameterizedTest(name = "''{0}'' against {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # selector                 | labels (k:v;k:v, - for none)  | selected
            ''                         | -                             | true
            ''                         | app:web                       | true
            app=web                    | app:web;tier:cache            | true
            app==web                   | app:web                       | true
            app=web                    | app:db                        | false
            app=web                    | -                             | false
            app!=web                   | app:db                        | true
            app!=web                   | app:web                       | false
            app!=web                   | -                             | true
            app in (web,db)            | app:db                        | true
            app in (web,db)            | app:cache                     | false
            app in (web,db)            | -                             | false
            app notin (web,db)         | app:cache                     | true
            app notin (web,db)         | app:web                       | false
            app notin (web,db)         | -                             | true
            app                        | app:                          | true
            app                        | tier:cache                    | false
            !app                       | tier:cache                    | true
            !app                       | app:                          | false
            app=                       | app:                          | true
            app=                       | -                             | false
            app in ()                  | app:                          | true
            gen>3                      | gen:4                         | true
            gen>3                      | gen:3                         | false
            gen>3                      | gen:x                         | false
            gen>3                      | -                             | false
            gen<3                      | gen:-10                       | true
            gen<3                      | gen:3                         | false
            'env,env!=prod'            | -                             | false
            'env,env!=prod'            | env:dev                       | true
            'env,env!=prod'            | env:prod                      | false
            'app=web,tier in (cache)'  | app:web;tier:cache            | true
            'app=web,tier in (cache)'  | app:web;tier:db               | false
            """)
    void matchesLabelsLikeKubernetes(String selector, String labels, boolean selected) {
        assertEquals(selected, Selector.parse(selector).matches(labels(labels)));
    }

    @Test
    void treatsNullLabelsAsNoLabels() {
        assertTrue(Selector.parse("!app,env!=prod").matches(null));
        assertFalse(Selector.parse("app").matches(null));
    }

    @Test
    void distinguishesEverythingFromNothing() {
        Map<String, String> any = Map.of("app", "web");

        assertTrue(Selector.everything().matches(any));
        assertTrue(Selector.everything().isEmpty());
        assertFalse(Selector.nothing().matches(any));
        assertFalse(Selector.nothing().matches(Map.of()));
        assertFalse(Selector.nothing().isEmpty());
        assertEquals("", Selector.nothing().toString());
        assertFalse(Selector.nothing().equals(Selector.everything()));
        assertFalse(Selector.nothing().and(new Requirement("app", Operator.EXISTS)).matches(any));
        assertEquals(Selector.everything(), Selector.parse(""));
    }

    @Test
    void buildsASelectorFromMatchLabelsAndExpressions() {
        Map<String, String> matchLabels = new HashMap<>();
        matchLabels.put("tier", "frontend");
        matchLabels.put("app", "web");
        List<Requirement> expressions = List.of(
                new Requirement("env", Operator.fromApiName("NotIn"), Set.of("prod", "staging")),
                new Requirement("canary", Operator.fromApiName("DoesNotExist")));

        Selector selector = Selector.of(matchLabels, expressions);

        assertEquals("app=web,!canary,env notin (prod,staging),tier=frontend", selector.toString());
        assertTrue(selector.matches(Map.of("app", "web", "tier", "frontend")));
        assertFalse(selector.matches(Map.of("app", "web", "tier", "frontend", "canary", "true")));
        assertEquals(Selector.parse(selector.toString()).toString(), selector.toString());
    }

    @Test
    void treatsAnEmptyLabelSelectorAsEverything() {
        assertEquals(Selector.everything(), Selector.of(Map.of(), List.of()));
        assertEquals(Selector.everything(), Selector.of(null, null));
    }

    @Test
    void rejectsInvalidMatchLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Selector.of(Map.of("app", "not valid"), List.of()));

        assertTrue(e.getMessage().startsWith("invalid label value \"not valid\""), e.getMessage());
    }

    @ParameterizedTest(name = "API operator {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            In           | IN
            NotIn        | NOT_IN
            Exists       | EXISTS
            DoesNotExist | DOES_NOT_EXIST
            Gt           | GREATER_THAN
            Lt           | LESS_THAN
            """)
    void readsOperatorsAsSpelledInApiObjects(String apiName, Operator operator) {
        assertEquals(operator, Operator.fromApiName(apiName));
    }

    @ParameterizedTest(name = "API operator ''{0}'' is rejected")
    @ValueSource(strings = {"in", "Equals", "=", "", "NotEquals"})
    void rejectsUnknownApiOperators(String apiName) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Operator.fromApiName(apiName));

        assertEquals('"' + apiName + "\" is not a valid label selector operator", e.getMessage());
    }

    @ParameterizedTest(name = "{0} demands {1} for key app")
    @CsvSource(delimiter = '|', textBlock = """
            app=web                | web
            app==web               | web
            app in (web)           | web
            app in (web,db)        | -
            app!=web               | -
            app                    | -
            tier=x                 | -
            'tier=x,app=web'       | web
            """)
    void reportsTheValueASelectorRequiresExactly(String selector, String value) {
        Optional<String> expected = value.equals("-") ? Optional.empty() : Optional.of(value);

        assertEquals(expected, Selector.parse(selector).requiresExactMatch("app"));
    }

    @Test
    void keepsRequirementsSortedByKeyAndStableForTheSameKey() {
        Selector selector = Selector.parse("b=1,a!=x,a");

        assertEquals("a!=x,a,b=1", selector.toString());
        assertEquals(List.of("a", "a", "b"),
                selector.requirements().stream().map(Requirement::key).collect(Collectors.toList()));
    }

    @Test
    void andAddsRequirementsWithoutChangingTheOriginal() {
        Selector base = Selector.parse("app=web");

        Selector narrowed = base.and(new Requirement("tier", Operator.IN, "cache", "db"));

        assertEquals("app=web", base.toString());
        assertEquals("app=web,tier in (cache,db)", narrowed.toString());
        assertEquals(narrowed, Selector.of(narrowed.requirements().toArray(Requirement[]::new)));
    }

    @Test
    void aLabelSelectorBecomesTheSelectorItDescribesAndAnAbsentOneSelectsNothing() {
        io.tugboat.api.meta.LabelSelector selector = new io.tugboat.api.meta.LabelSelector(Map.of("app", "web"),
                List.of(new io.tugboat.api.meta.LabelSelectorRequirement("tier", "In", List.of("front", "cache"))));
        Selector converted = Selector.fromLabelSelector(selector);
        assertEquals("app=web,tier in (cache,front)", converted.toString());
        assertTrue(converted.matches(Map.of("app", "web", "tier", "front")));
        assertFalse(converted.matches(Map.of("app", "web")));
        assertFalse(Selector.fromLabelSelector(null).matches(Map.of()));
        assertTrue(Selector.fromLabelSelector(new io.tugboat.api.meta.LabelSelector(null, null)).isEmpty());
    }
}
