package io.tugboat.kubectl.cli;

import io.tugboat.client.ApiClient;
import io.tugboat.kubectl.resource.Api;

/**
 * What every verb needs once the global flags are read: the API server (from {@code --kubeconfig},
 * {@code $KUBECONFIG} or {@code ~/.kube/config}, and {@code --context}) and the namespace to work in
 * ({@code -n}, else the context's, else {@code default}).
 *
 * @param api       raw JSON access to the server
 * @param namespace the namespace verbs default to
 */
public record Session(Api api, String namespace) {

    /** Connects as kubectl does; a CLI may go faster than a controller's default rate limit. */
    public static Session connect(String kubeconfig, String context, String namespace) {
        ApiClient client = ApiClient.fromKubeconfig(kubeconfig, context)
                .rateLimit(50, 100)
                .userAgent("tug/0.1.0")
                .build();
        String ns = namespace != null && !namespace.isEmpty() ? namespace : client.defaultNamespace();
        return new Session(new Api(client), ns);
    }
}
