package io.tugboat.apiserver.rest;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.Table;
import io.tugboat.apiserver.registry.Registry;
import io.tugboat.apiserver.rest.table.IncludeObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** Encodes results in the negotiated format (JSON, YAML or a meta.k8s.io/v1 Table) with warnings attached. */
public final class Responses {
    private final Clock clock;
    private final TableConverter tables;

    public Responses(Clock clock, TableConverter tables) {
        this.clock = clock;
        this.tables = tables;
    }

    public ApiResponse json(int status, Object body) {
        return ApiResponse.json(status, Codec.toJson(body));
    }

    public ApiResponse object(ApiRequest request, ResourceKind<?> kind, int status, KubernetesObject object,
                              List<String> warnings) {
        Object body = switch (Negotiation.responseFormat(request)) {
            case TABLE -> table(request, kind, List.of(object), null, true);
            case JSON, YAML -> object;
        };
        return withWarnings(encode(request, status, body), warnings);
    }

    /**
     * A written object: its JSON from the write itself when the client wants JSON (see
     * {@link Registry.Written}), else encoded as {@link #object(ApiRequest, ResourceKind, int, KubernetesObject, List)}.
     */
    public ApiResponse object(ApiRequest request, ResourceKind<?> kind, int status, Registry.Written written,
                              List<String> warnings) {
        if (written.json() != null && Negotiation.responseFormat(request) == Negotiation.Format.JSON) {
            return withWarnings(ApiResponse.json(status, written.json()), warnings);
        }
        return object(request, kind, status, written.object(), warnings);
    }

    public ApiResponse list(ApiRequest request, ResourceKind<?> kind, Registry.ListPage page) {
        ListMeta meta = new ListMeta(null, Long.toString(page.revision()), page.continueToken(), page.remainingItemCount());
        Object body = switch (Negotiation.responseFormat(request)) {
            case TABLE -> table(request, kind, page.items(), meta, true);
            case JSON, YAML -> new ObjectList<>(kind.apiVersion(), kind.listKind(), meta, page.items());
        };
        return encode(request, 200, body);
    }

    /** A Table of objects; column definitions are left out when {@code withHeaders} is false (later watch events). */
    public Table table(ApiRequest request, ResourceKind<?> kind, List<? extends KubernetesObject> objects, ListMeta meta,
                       boolean withHeaders) {
        IncludeObject include = IncludeObject.fromParameter(request.param("includeObject")).orElseThrow(() ->
                ApiError.badRequest("includeObject must be one of None, Metadata, Object"));
        Table table = tables.convert(kind, objects, include, clock.instant());
        return new Table(table.apiVersion(), table.kind(), meta != null ? meta : table.metadata(),
                withHeaders ? table.columnDefinitions() : List.of(), table.rows());
    }

    private ApiResponse encode(ApiRequest request, int status, Object body) {
        if (Negotiation.responseFormat(request) == Negotiation.Format.YAML) {
            return new ApiResponse(status, "application/yaml", Codec.toYaml(body).getBytes(StandardCharsets.UTF_8),
                    new java.util.LinkedHashMap<>());
        }
        return ApiResponse.json(status, Codec.toJson(body));
    }

    static ApiResponse withWarnings(ApiResponse response, List<String> warnings) {
        ApiResponse result = response;
        for (String warning : warnings) {
            result = result.withHeader("Warning", Bodies.warningHeader(warning));
        }
        return result;
    }

    /** The response for an error: its Status as JSON, with Retry-After when it has one. */
    public static ApiResponse error(ApiError error) {
        ApiResponse response = ApiResponse.json(error.code(), Codec.toJson(error.status()));
        if (error.retryAfterSeconds() != null) {
            response = response.withHeader("Retry-After", error.retryAfterSeconds());
        }
        return response;
    }
}
