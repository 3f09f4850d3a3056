package io.tugboat.kubectl.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.kubectl.cli.Verb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tug version [--client]}: the client's version and the server's {@code /version}, as kubectl prints them. */
@Command(name = "version", description = "Print the client and server version information.")
public final class VersionCommand extends Verb {
    static final String CLIENT_VERSION = "v0.1.0";

    @Option(names = "--client", description = "Only the client version.")
    boolean clientOnly;

    @Override
    public Integer call() throws Exception {
        out().println("Client Version: " + CLIENT_VERSION);
        if (!clientOnly) {
            out().flush();
            JsonNode version = api().get("/version");
            out().println("Server Version: " + version.path("gitVersion").asText());
        }
        return 0;
    }
}
