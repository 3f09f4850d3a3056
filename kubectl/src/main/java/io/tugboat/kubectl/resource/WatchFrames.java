package io.tugboat.kubectl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The frames of a watch response, one JSON object per line: {@code {"type":"ADDED","object":{...}}}.
 * The caller closes the underlying stream.
 */
public final class WatchFrames {
    private final BufferedReader reader;

    public WatchFrames(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next frame, waiting for it; {@code null} when the server ended the watch. */
    public JsonNode next() throws IOException {
        String line;
        do {
            line = reader.readLine();
        } while (line != null && line.isBlank());
        return line == null ? null : Api.tree(line.getBytes(StandardCharsets.UTF_8));
    }
}
