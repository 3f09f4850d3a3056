package io.tugboat.kubectl.cli;

import io.tugboat.kubectl.read.GetCommand;
import picocli.CommandLine;

/** Every verb of the command tree, in the order {@code tug --help} lists them. */
final class Commands {
    private Commands() {
    }

    static void addAll(CommandLine line) {
        line.addSubcommand(new GetCommand());
    }
}
