package io.tugboat.kubelet.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;

/** Docker's error bodies are {@code {"message": "..."}}; this takes the message out, or keeps the text as it is. */
final class DockerErrors {
    private DockerErrors() {
    }

    static String message(String body) {
        try {
            JsonNode node = Codec.json().readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (Exception notJson) {
            // fall through: not JSON
        }
        return body.strip();
    }
}
