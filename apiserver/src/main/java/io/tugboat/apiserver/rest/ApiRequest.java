package io.tugboat.apiserver.rest;

import io.tugboat.apiserver.auth.UserInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the REST layer sees it: no Netty types, so handlers are testable without sockets.
 *
 * @param method  GET, POST, PUT, PATCH or DELETE
 * @param path    the decoded path, without the query
 * @param query   query parameters (a parameter may repeat)
 * @param headers header names in lower case
 * @param body    the request body (empty when none)
 * @param user    who sent it, as authentication found; {@code null} only before authentication ran
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                         byte[] body, UserInfo user) {

    /** A request not yet authenticated. */
    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                      byte[] body) {
        this(method, path, query, headers, body, null);
    }

    /** The same request, sent by {@code user}. */
    public ApiRequest withUser(UserInfo user) {
        return new ApiRequest(method, path, query, headers, body, user);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean flag(String name) {
        String value = param(name);
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1"));
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type of the body without parameters, lower case; {@code ""} when absent. */
    public String contentType() {
        String value = header("content-type");
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public boolean isDryRun() {
        List<String> values = query.get("dryRun");
        return values != null && values.contains("All");
    }
}
