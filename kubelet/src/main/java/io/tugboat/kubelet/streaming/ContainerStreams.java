package io.tugboat.kubelet.streaming;

import java.io.IOException;
import java.util.List;

/**
 * Interactive streams into a running container: {@code exec} a new process in it, or {@code attach} to its main
 * process. The kubelet's HTTP edge turns a WebSocket connection into one {@link Session}.
 *
 * <p>Contract: a session is opened by {@link #exec} or {@link #attach} (the process is running when it returns),
 * {@link Session#pump} is called once, on a thread of the caller's, and copies output until the process ends;
 * {@link Session#stdin}, {@link Session#closeStdin} and {@link Session#resize} may be called from any other thread
 * meanwhile; {@link Session#close} releases everything (sockets, threads) and may be called at any time, from any
 * thread, more than once — it is how a client that went away ends a session.
 */
public interface ContainerStreams {
    /** Which streams the client wants, and whether the process gets a terminal (stdout and stderr are then one). */
    record Options(boolean stdin, boolean stdout, boolean stderr, boolean tty) {
    }

    /** Where output goes. Called on the pumping thread only; blocking here slows the process down (back pressure). */
    interface Output {
        void stdout(byte[] data) throws IOException;

        void stderr(byte[] data) throws IOException;
    }

    /** One running exec or attach. */
    interface Session extends AutoCloseable {
        void stdin(byte[] data) throws IOException;

        /** End of input: the process reads EOF (as after Ctrl-D, or the end of a pipe). */
        void closeStdin() throws IOException;

        /** The client's terminal changed size (columns, rows). */
        void resize(int width, int height);

        /**
         * Copies output until the process ends or the session is closed.
         *
         * @return the exit code of an exec'd process; {@code null} when there is none (attach) or it is unknown
         */
        Integer pump(Output out) throws IOException;

        @Override
        void close();
    }

    /** Starts {@code command} in the running container {@code containerId}. */
    Session exec(String containerId, List<String> command, Options options) throws IOException;

    /** Attaches to the main process of the running container {@code containerId}. */
    Session attach(String containerId, Options options) throws IOException;

    /** For runtimes without streams (the fake and hollow runtimes): every call fails. */
    static ContainerStreams unsupported() {
        return new ContainerStreams() {
            @Override
            public Session exec(String containerId, List<String> command, Options options) throws IOException {
                throw new IOException("this container runtime does not support exec");
            }

            @Override
            public Session attach(String containerId, Options options) throws IOException {
                throw new IOException("this container runtime does not support attach");
            }
        };
    }
}
