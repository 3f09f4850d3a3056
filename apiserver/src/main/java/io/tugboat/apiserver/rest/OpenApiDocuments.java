package io.tugboat.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The OpenAPI v3 documents served under {@code /openapi/v3}. */
public interface OpenApiDocuments {
    /** {@code /openapi/v3}: the index of group-version documents. */
    JsonNode index();

    /** {@code /openapi/v3/<groupVersionPath>}, e.g. {@code api/v1} or {@code apis/apps/v1}. */
    Optional<JsonNode> document(String groupVersionPath);
}
