package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.IntOrString;
import java.util.List;

/**
 * An HTTP GET against the pod; a 2xx or 3xx answer is success.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 HTTPGetAction; absent fields are {@code null}.
 */
public record HTTPGetAction(
        String path,
        IntOrString port,
        String host,
        String scheme,
        List<HTTPHeader> httpHeaders) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public HTTPGetAction {
        httpHeaders = Copies.list(httpHeaders);
    }
}
