package io.tugboat.kubectl.cli;

import io.tugboat.api.meta.StatusCause;
import io.tugboat.api.meta.StatusDetails;
import io.tugboat.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;

/**
 * The one place where a failure becomes the line kubectl would print. Server refusals print the server's
 * Status as {@code Error from server (Reason): message}; an unreachable server prints kubectl's one-line hint
 * instead of a stack trace; everything else is {@code error: message}.
 */
public final class Errors {
    private Errors() {
    }

    /** The line for a failure (without trailing newline). */
    public static String describe(Throwable failure, URI server) {
        if (failure instanceof ApiException api) {
            if (api.code() == 0) {
                String host = server == null ? "?" : server.getAuthority();
                return "The connection to the server " + host + " was refused - did you specify the right host or port?";
            }
            return fromServer(api);
        }
        if (failure instanceof CliException || failure instanceof IllegalArgumentException) {
            return "error: " + failure.getMessage();
        }
        return "error: " + failure;
    }

    /** {@code Error from server (NotFound): pods "x" not found}. */
    public static String fromServer(ApiException api) {
        return fromServer(api, null);
    }

    /**
     * With what was being done: {@code Error from server (AlreadyExists): error when creating "web.yaml": ...}.
     * An Invalid (422) refusal with details is worded as kubectl's {@code CheckErr} words it, whatever was being
     * done: {@code The ConfigMap "x" is invalid: metadata.name: Invalid value: ...}, one cause per line when
     * there are several.
     */
    public static String fromServer(ApiException api, String doing) {
        StatusDetails details = api.status().details();
        if (api.code() == 422 && details != null && details.causes() != null && !details.causes().isEmpty()) {
            String head = details.kind() != null && !details.kind().isEmpty() || details.name() != null && !details.name().isEmpty()
                    ? "The " + details.kind() + " \"" + details.name() + "\" is invalid"
                    : "The request is invalid";
            List<String> causes = new ArrayList<>();
            for (StatusCause cause : details.causes()) {
                causes.add(cause.field() == null || cause.field().isEmpty() ? cause.message() : cause.field() + ": " + cause.message());
            }
            if (causes.size() == 1) {
                return head + ": " + causes.get(0);
            }
            StringBuilder text = new StringBuilder(head).append(": \n");
            causes.forEach(c -> text.append("* ").append(c).append('\n'));
            return text.toString().stripTrailing();
        }
        String reason = api.reason();
        if (reason == null || reason.isEmpty()) {
            reason = switch (api.code()) {
                case 400 -> "BadRequest";
                case 403 -> "Forbidden";
                case 404 -> "NotFound";
                case 409 -> "Conflict";
                case 422 -> "Invalid";
                default -> "InternalError";
            };
        }
        return "Error from server (" + reason + "): " + (doing == null ? "" : doing + ": ") + api.getMessage();
    }
}
