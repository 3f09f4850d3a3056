package io.tugboat.client.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"metadata\":{},\"status\":\"Success\"}| 0",
        "{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}| 3",
        "{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"137\"}]}}| 137",
        "{\"status\":\"Failure\",\"reason\":\"InternalError\",\"message\":\"docker went away\"}| 1",
        "not json at all| 1",
    })
    void theErrorChannelStatusBecomesAnExitCode(String status, int code) {
        assertEquals(code, RemoteCommand.parseStatus(status).code());
    }
}
