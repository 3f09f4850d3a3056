package io.tugboat.kubectl.cli;

import io.tugboat.kubectl.resource.Api;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every kubectl-style command shares: the session built from the global flags and the output streams
 * of the command line it runs in (so tests can capture them). A verb returns its exit code; failures are
 * thrown and printed in one place ({@link Errors}).
 */
public abstract class Verb implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    public CommandSpec spec() {
        return spec;
    }

    protected TugCommand root() {
        return (TugCommand) spec.root().userObject();
    }

    protected Session session() {
        return root().session();
    }

    protected Api api() {
        return session().api();
    }

    /** {@code -n}, or the context's namespace, or {@code default}. */
    protected String namespace() {
        return session().namespace();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
