package io.tugboat.kubelet.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamProtocolTest {
    @Test
    void aFrameIsTheChannelByteThenThePayload() {
        assertArrayEquals(new byte[] {1, 'h', 'i'}, StreamProtocol.frame(StreamProtocol.STDOUT, "hi".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[] {3}, StreamProtocol.frame(StreamProtocol.ERROR, new byte[0]));
    }

    static Stream<Arguments> exits() {
        return Stream.of(
                Arguments.of(0, "{\"metadata\":{},\"status\":\"Success\"}"),
                Arguments.of(null, "{\"metadata\":{},\"status\":\"Success\"}"),
                Arguments.of(3, "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code:"
                        + " error executing command [sh, -c, exit 3], exit code 3\",\"reason\":\"NonZeroExitCode\","
                        + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}"));
    }

    @ParameterizedTest
    @MethodSource("exits")
    void theErrorChannelStatusCarriesTheExitCodeAsKubernetesDoes(Integer code, String json) throws Exception {
        assertEquals(Codec.json().readTree(json), Codec.json().readTree(StreamProtocol.exitStatus(code, List.of("sh", "-c", "exit 3"))));
    }

    static Stream<Arguments> resizes() {
        return Stream.of(
                Arguments.of("{\"Width\":80,\"Height\":24}", Optional.of(List.of(80, 24))),
                Arguments.of("{\"Width\":0,\"Height\":24}", Optional.empty()),
                Arguments.of("not json", Optional.empty()),
                Arguments.of("{}", Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("resizes")
    void resizeMessagesAreParsedAndBadOnesIgnored(String payload, Optional<List<Integer>> expected) {
        Optional<List<Integer>> parsed = StreamProtocol.parseResize(payload.getBytes(StandardCharsets.UTF_8))
                .map(size -> List.of(size[0], size[1]));
        assertEquals(expected, parsed);
    }
}
