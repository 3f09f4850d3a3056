package io.tugboat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tugboat.api.Quantity.Format;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} prints as {1} ({2}, value {3})")
    @CsvSource(delimiter = '|', textBlock = """
            # input            | canonical     | format           | exact value
            0                  | 0             | DECIMAL_SI       | 0
            100m               | 100m          | DECIMAL_SI       | 0.1
            0.5                | 500m          | DECIMAL_SI       | 0.5
            0.1                | 100m          | DECIMAL_SI       | 0.1
            1000m              | 1             | DECIMAL_SI       | 1
            2.5                | 2500m         | DECIMAL_SI       | 2.5
            1000               | 1k            | DECIMAL_SI       | 1000
            +1                 | 1             | DECIMAL_SI       | 1
            -1                 | -1            | DECIMAL_SI       | -1
            0.001              | 1m            | DECIMAL_SI       | 0.001
            .001               | 1m            | DECIMAL_SI       | 0.001
            1.                 | 1             | DECIMAL_SI       | 1
            1.G                | 1G            | DECIMAL_SI       | 1000000000
            1u                 | 1u            | DECIMAL_SI       | 0.000001
            5n                 | 5n            | DECIMAL_SI       | 0.000000005
            1.2345             | 1234500u      | DECIMAL_SI       | 1.2345
            0.0001             | 100u          | DECIMAL_SI       | 0.0001
            1G                 | 1G            | DECIMAL_SI       | 1000000000
            1000M              | 1G            | DECIMAL_SI       | 1000000000
            8k                 | 8k            | DECIMAL_SI       | 8000
            50k                | 50k           | DECIMAL_SI       | 50000
            100.035k           | 100035        | DECIMAL_SI       | 100035
            10.035M            | 10035k        | DECIMAL_SI       | 10035000
            1E                 | 1E            | DECIMAL_SI       | 1000000000000000000
            12E                | 12E           | DECIMAL_SI       | 12000000000000000000
            1000E              | 1e21          | DECIMAL_SI       | 1000000000000000000000
            1Ki                | 1Ki           | BINARY_SI        | 1024
            1Mi                | 1Mi           | BINARY_SI        | 1048576
            1Gi                | 1Gi           | BINARY_SI        | 1073741824
            1024Mi             | 1Gi           | BINARY_SI        | 1073741824
            1.5Gi              | 1536Mi        | BINARY_SI        | 1610612736
            1000Ki             | 1000Ki        | BINARY_SI        | 1024000
            1.5Ki              | 1536          | BINARY_SI        | 1536
            0.5Ki              | 512           | BINARY_SI        | 512
            100.035Ki          | 102435840m    | BINARY_SI        | 102435.84
            0.5Mi              | 512Ki         | BINARY_SI        | 524288
            3Ei                | 3Ei           | BINARY_SI        | 3458764513820540928
            .001Ki             | 1024m         | BINARY_SI        | 1.024
            1e3                | 1e3           | DECIMAL_EXPONENT | 1000
            1E3                | 1e3           | DECIMAL_EXPONENT | 1000
            12e6               | 12e6          | DECIMAL_EXPONENT | 12000000
            1.5e3              | 1500          | DECIMAL_EXPONENT | 1500
            1.3E+6             | 1300e3        | DECIMAL_EXPONENT | 1300000
            1E-3               | 1e-3          | DECIMAL_EXPONENT | 0.001
            0.5e-1             | 50e-3         | DECIMAL_EXPONENT | 0.05
            0.5e0              | 500e-3        | DECIMAL_EXPONENT | 0.5
            1e1000             | 10e999        | DECIMAL_EXPONENT | 1e1000
            """)
    void parsesAndPrintsTheCanonicalFormKubernetesPrints(String input, String canonical, Format format, BigDecimal value) {
        Quantity q = Quantity.parse(input);

        assertEquals(canonical, q.toString());
        assertEquals(format, q.format());
        assertEquals(0, value.compareTo(q.value()), () -> "value of " + input + " was " + q.value());
    }

    @ParameterizedTest(name = "{0} rounds away from zero to {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3.001n            | 4n
            0.9n              | 1n
            0.0000000001      | 1n
            0.00000000050     | 1n
            0.00000012345     | 124n
            1.1E-9            | 2e-9
            1e-100            | 1e-9
            0.000000000001Ki  | 2n
            -0.1n             | -1n
            """)
    void roundsValuesFinerThanANanounitAwayFromZero(String input, String canonical) {
        assertEquals(canonical, Quantity.parse(input).toString());
    }

    @ParameterizedTest(name = "{0} is capped at 2^63-1")
    @ValueSource(strings = {"9Ei", "8Ei", "9223372036854775807Ki"})
    void capsBinaryQuantitiesAtTheLargestLong(String input) {
        assertEquals("9223372036854775807", Quantity.parse(input).toString());
    }

    @ParameterizedTest(name = "zero written as {0} prints as 0")
    @ValueSource(strings = {"0n", "0m", "0Ki", "0k", "0Gi", "0e3", "-0", "0.0", "."})
    void printsEveryZeroAsPlainZero(String input) {
        Quantity q = Quantity.parse(input);

        assertTrue(q.isZero());
        assertEquals("0", q.toString());
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''        | quantities must match the regular expression
            1.2.3     | quantities must match the regular expression
            abc       | quantities must match the regular expression
            1 Gi      | quantities must match the regular expression
            ' 1'      | quantities must match the regular expression
            '1 '      | quantities must match the regular expression
            Gi        | quantities must match the regular expression
            m         | quantities must match the regular expression
            -         | quantities must match the regular expression
            1+1.0M    | quantities must match the regular expression
            1.1.M     | quantities must match the regular expression
            1GG       | unable to parse quantity's suffix
            1e        | unable to parse quantity's suffix
            1i        | unable to parse quantity's suffix
            .5i       | unable to parse quantity's suffix
            0.1mi     | unable to parse quantity's suffix
            -3.01e-   | unable to parse quantity's suffix
            1k3       | unable to parse quantity's suffix
            1e99999999999 | unable to parse quantity's suffix
            1e1001    | quantity is too large
            """)
    void rejectsMalformedQuantitiesWithAClearMessage(String input, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse(input));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void namesTheExpectedSyntaxInTheFormatError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("abc"));

        assertEquals("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} compared with {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1Gi     | 1G     |  1
            1G      | 1Gi    | -1
            1000m   | 1      |  0
            1Ki     | 1024   |  0
            100m    | 50m    |  1
            10000T  | 100Gi  |  1
            -1      | 0      | -1
            0       | 0Gi    |  0
            """)
    void comparesAmountsRegardlessOfFormat(String left, String right, int expected) {
        assertEquals(expected, Integer.signum(Quantity.parse(left).compareTo(Quantity.parse(right))));
    }

    @ParameterizedTest(name = "{0} equals {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1000m   | 1      | true
            0.5     | 500m   | true
            1024Mi  | 1Gi    | true
            0       | 0Gi    | true
            1Ki     | 1024   | false
            1e3     | 1k     | false
            """)
    void isEqualExactlyWhenTheCanonicalFormsAreEqual(String left, String right, boolean equal) {
        Quantity a = Quantity.parse(left);
        Quantity b = Quantity.parse(right);

        assertEquals(equal, a.equals(b));
        if (equal) {
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            100m   | 900m   | 1
            1Gi    | 512Mi  | 1536Mi
            512Mi  | 512Mi  | 1Gi
            1      | 1Ki    | 1025
            1Ki    | 1      | 1025
            0      | 1Gi    | 1Gi
            0      | 100m   | 100m
            1Gi    | 0      | 1Gi
            1e3    | 1e3    | 2e3
            500m   | -1     | -500m
            """)
    void addsExactlyAndKeepsTheLeftFormatUnlessTheLeftIsZero(String left, String right, String sum) {
        assertEquals(sum, Quantity.parse(left).add(Quantity.parse(right)).toString());
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1      | 100m   | 900m
            1Gi    | 512Mi  | 512Mi
            2Gi    | 1Gi    | 1Gi
            0      | 1Gi    | -1Gi
            0      | 100m   | -100m
            100m   | 0      | 100m
            10     | 1e1    | 0
            0.1    | 0.3    | -200m
            """)
    void subtractsExactly(String left, String right, String difference) {
        assertEquals(difference, Quantity.parse(left).subtract(Quantity.parse(right)).toString());
    }

    @ParameterizedTest(name = "{0} has milliValue {1} and longValue {2}")
    @CsvSource(delimiter = '|', textBlock = """
            100m      | 100      | 1
            1         | 1000     | 1
            1.0001    | 1001     | 2
            1Ki       | 1024000  | 1024
            1n        | 1        | 1
            -1.5      | -1500    | -2
            -100m     | -100     | -1
            0         | 0        | 0
            """)
    void roundsIntegerViewsAwayFromZero(String input, long millis, long whole) {
        Quantity q = Quantity.parse(input);

        assertEquals(millis, q.milliValue());
        assertEquals(whole, q.longValue());
    }

    @Test
    void refusesToOverflowALongInsteadOfWrappingAround() {
        Quantity huge = Quantity.parse("1e30");

        assertThrows(ArithmeticException.class, huge::longValue);
        assertThrows(ArithmeticException.class, huge::milliValue);
        assertThrows(ArithmeticException.class, () -> Quantity.parse("9223372036854775807").milliValue());
    }

    @ParameterizedTest(name = "factory {0}({1}) prints {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ofMillis   | 250        | 250m
            ofMillis   | 1000       | 1
            ofMillis   | 1234000    | 1234
            ofMillis   | 0          | 0
            ofBytes    | 1024       | 1Ki
            ofBytes    | 1048576    | 1Mi
            ofBytes    | 5          | 5
            ofBytes    | 1025       | 1025
            ofDecimal  | 1000       | 1k
            ofDecimal  | 1234000    | 1234k
            ofDecimal  | 7          | 7
            """)
    void buildsQuantitiesFromWholeNumbers(String factory, long amount, String canonical) {
        Quantity q = switch (factory) {
            case "ofMillis" -> Quantity.ofMillis(amount);
            case "ofBytes" -> Quantity.ofBytes(amount);
            case "ofDecimal" -> Quantity.ofDecimal(amount);
            default -> throw new IllegalArgumentException(factory);
        };

        assertEquals(canonical, q.toString());
    }

    @ParameterizedTest(name = "{0} survives a JSON and YAML round trip")
    @ValueSource(strings = {"0", "100m", "0.5", "1Gi", "1.5Gi", "1000Ki", "1e3", "12e6", "-1", "5n", "0.5Ki",
            "9Ei", "1000E", "1.2345", "1e-3", "100.035Ki"})
    void survivesJsonAndYamlRoundTrips(String input) throws Exception {
        Quantity q = Quantity.parse(input);

        ObjectMapper json = new ObjectMapper();
        String encoded = json.writeValueAsString(q);
        assertEquals('"' + q.toString() + '"', encoded);
        assertEquals(q, json.readValue(encoded, Quantity.class));

        YAMLMapper yaml = new YAMLMapper();
        assertEquals(q, yaml.readValue(yaml.writeValueAsString(q), Quantity.class));

        assertEquals(q, Quantity.parse(q.toString()), "parsing the canonical form gives the same quantity");
    }

    record Resources(Quantity cpu, Quantity memory) {}

    @Test
    void readsQuantitiesInsideObjectsFromJsonStringsAndNumbers() throws Exception {
        Resources r = new ObjectMapper().readValue("{\"cpu\": 0.5, \"memory\": \"1Gi\"}", Resources.class);

        assertEquals(Quantity.parse("500m"), r.cpu());
        assertEquals(Quantity.parse("1Gi"), r.memory());
        assertEquals("{\"cpu\":\"500m\",\"memory\":\"1Gi\"}", new ObjectMapper().writeValueAsString(r));
    }

    @Test
    void readsQuantitiesFromYamlScalarsOfEveryKind() throws Exception {
        Map<String, Quantity> limits = new YAMLMapper().readValue("""
                cpu: 2
                half: 0.5
                memory: 128Mi
                quoted: "250m"
                exponent: 1e3
                """, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Quantity>>() {});

        assertEquals("2", limits.get("cpu").toString());
        assertEquals("500m", limits.get("half").toString());
        assertEquals("128Mi", limits.get("memory").toString());
        assertEquals("250m", limits.get("quoted").toString());
        assertEquals("1e3", limits.get("exponent").toString());
    }

    @ParameterizedTest(name = "JSON {0} reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '" 1"'     | 1
            '"1 "'     | 1
            1          | 1
            -1         | -1
            1e3        | 1e3
            0.1        | 100m
            12345678901234567890.123456789 | 12345678901234567890123456789n
            """)
    void readsJsonNumbersAndPaddedStringsByTheirText(String json, String canonical) throws Exception {
        assertEquals(canonical, new ObjectMapper().readValue(json, Quantity.class).toString());
    }

    @ParameterizedTest(name = "JSON {0} is not a quantity")
    @ValueSource(strings = {"true", "{}", "[\"1\"]", "\"\""})
    void rejectsJsonThatIsNotAQuantity(String json) {
        assertThrows(Exception.class, () -> new ObjectMapper().readValue(json, Quantity.class));
    }

    @Test
    void reportsAMalformedQuantityInJsonAsAnError() {
        Exception e = assertThrows(Exception.class,
                () -> new ObjectMapper().readValue("{\"cpu\": \"1.2.3\", \"memory\": \"1Gi\"}", Resources.class));

        assertTrue(e.getMessage().contains("quantities must match the regular expression"), e.getMessage());
    }

    @Test
    void keepsValueAndFormatIndependentOfHowTheNumberWasWritten() {
        assertEquals(new BigDecimal("1.5"), Quantity.parse("1500m").value());
        assertEquals(new BigDecimal("1.5"), Quantity.parse("1.50").value());
        assertFalse(Quantity.parse("1m").isZero());
        assertNotEquals(Quantity.parse("1Ki"), Quantity.parse("1024"));
    }
}
