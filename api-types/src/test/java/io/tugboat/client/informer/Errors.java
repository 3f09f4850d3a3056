package io.tugboat.client.informer;

import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException.ServerErrorException;
import io.tugboat.client.ApiException.TooManyRequestsException;

/** API failures for scripting the fake server. */
final class Errors {
    private Errors() {
    }

    static ServerErrorException serverError(String message) {
        return new ServerErrorException(new Status("v1", "Status", null, "Failure", message, "InternalError", null, 500),
                null);
    }

    static ServerErrorException noAnswer() {
        return new ServerErrorException(new Status("v1", "Status", null, "Failure", "connection refused", null, null, 0),
                null);
    }

    static TooManyRequestsException tooManyRequests() {
        return new TooManyRequestsException(
                new Status("v1", "Status", null, "Failure", "slow down", "TooManyRequests", null, 429), 1);
    }
}
