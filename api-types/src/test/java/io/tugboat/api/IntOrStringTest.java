package io.tugboat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntOrStringTest {

    record RollingUpdate(IntOrString maxSurge, IntOrString maxUnavailable) {}

    @ParameterizedTest(name = "{0} with total {1} is {2} rounded up and {3} rounded down")
    @CsvSource(delimiter = '|', textBlock = """
            25%    | 10  | 3   | 2
            50%    | 10  | 5   | 5
            50%    | 5   | 3   | 2
            33%    | 3   | 1   | 0
            34%    | 3   | 2   | 1
            1%     | 2   | 1   | 0
            0%     | 10  | 0   | 0
            100%   | 7   | 7   | 7
            200%   | 3   | 6   | 6
            -25%   | 10  | -2  | -3
            25%    | 0   | 0   | 0
            """)
    void scalesPercentagesOfATotal(String percent, int total, int up, int down) {
        IntOrString value = IntOrString.of(percent);

        assertEquals(up, value.scaledValue(total, true));
        assertEquals(down, value.scaledValue(total, false));
    }

    @ParameterizedTest(name = "int {0} scales to itself")
    @ValueSource(ints = {0, 1, 5, -3, 1000})
    void returnsIntegersUnscaled(int value) {
        assertEquals(value, IntOrString.of(value).scaledValue(10, true));
        assertEquals(value, IntOrString.of(value).scaledValue(10, false));
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            25      | invalid value for IntOrString: invalid type: string is not a percentage
            abc     | invalid value for IntOrString: invalid type: string is not a percentage
            ''      | invalid value for IntOrString: invalid type: string is not a percentage
            abc%    | invalid value for IntOrString: invalid value "abc%"
            2.5%    | invalid value for IntOrString: invalid value "2.5%"
            %       | invalid value for IntOrString: invalid value "%"
            ' 25%'  | invalid value for IntOrString: invalid value " 25%"
            """)
    void rejectsStringsThatAreNotPercentages(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntOrString.of(text).scaledValue(10, true));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @ParameterizedTest(name = "JSON {0} round-trips as {0}")
    @ValueSource(strings = {"1", "0", "-5", "\"25%\"", "\"1\"", "\"http\"", "\"\""})
    void keepsJsonIntegersAndStringsApart(String json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        IntOrString value = mapper.readValue(json, IntOrString.class);

        assertEquals(!json.startsWith("\""), value.isInt());
        assertEquals(json, mapper.writeValueAsString(value));
    }

    @Test
    void readsAndWritesFieldsOfARecord() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        RollingUpdate update = mapper.readValue("{\"maxSurge\":\"25%\",\"maxUnavailable\":1}", RollingUpdate.class);

        assertEquals(new RollingUpdate(IntOrString.of("25%"), IntOrString.of(1)), update);
        assertEquals("{\"maxSurge\":\"25%\",\"maxUnavailable\":1}", mapper.writeValueAsString(update));
    }

    @Test
    void readsUnquotedYamlPercentagesAsStringsAndNumbersAsInts() throws Exception {
        YAMLMapper yaml = new YAMLMapper();

        RollingUpdate update = yaml.readValue("""
                maxSurge: 25%
                maxUnavailable: 1
                """, RollingUpdate.class);

        assertEquals(IntOrString.of("25%"), update.maxSurge());
        assertEquals(IntOrString.of(1), update.maxUnavailable());
        assertEquals(update, yaml.readValue(yaml.writeValueAsString(update), RollingUpdate.class));
    }

    @Test
    void keepsAQuotedYamlNumberAsAString() throws Exception {
        RollingUpdate update = new YAMLMapper().readValue("maxSurge: \"1\"\n", RollingUpdate.class);

        assertEquals(IntOrString.of("1"), update.maxSurge());
        assertFalse(update.maxSurge().isInt());
    }

    @ParameterizedTest(name = "JSON {0} is not an IntOrString")
    @ValueSource(strings = {"1.5", "true", "{}", "[1]", "4294967296"})
    void rejectsJsonThatIsNeitherAnIntNorAString(String json) {
        assertThrows(Exception.class, () -> new ObjectMapper().readValue(json, IntOrString.class));
    }

    @Test
    void readsJsonNullAsNull() throws Exception {
        RollingUpdate update = new ObjectMapper().readValue("{\"maxSurge\":null}", RollingUpdate.class);

        assertEquals(null, update.maxSurge());
    }

    @ParameterizedTest(name = "{0} has intValue {1} and strValue {2}")
    @CsvSource(delimiter = '|', textBlock = """
            int    | 8080   | 8080  | 8080
            string | http   | 0     | http
            string | 8080   | 8080  | 8080
            string | 25%    | 0     | 25%
            """)
    void offersBothViewsLikeKubernetes(String kind, String raw, int intValue, String strValue) {
        IntOrString value = kind.equals("int") ? IntOrString.of(Integer.parseInt(raw)) : IntOrString.of(raw);

        assertEquals(intValue, value.intValue());
        assertEquals(strValue, value.strValue());
        assertEquals(strValue, value.toString());
    }

    @Test
    void distinguishesAnIntFromTheStringThatSpellsIt() {
        assertNotEquals(IntOrString.of(1), IntOrString.of("1"));
        assertEquals(IntOrString.of("1"), IntOrString.of("1"));
        assertEquals(IntOrString.of(1).hashCode(), IntOrString.of(1).hashCode());
    }
}
