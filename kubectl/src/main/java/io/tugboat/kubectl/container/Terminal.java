package io.tugboat.kubectl.container;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * The local terminal of {@code tug exec -t}: raw mode (every key goes to the remote shell as typed, Ctrl-C
 * included, and the remote side echoes), its size, and its resizes. Java has no terminal API, so this asks
 * {@code stty} on {@code /dev/tty}, as a shell script would, and listens for {@code SIGWINCH} through the JDK's
 * {@code sun.misc.Signal} (looked up reflectively: it is an unsupported API and may be missing).
 */
final class Terminal {
    /** Receives a new size: columns, rows. */
    interface ResizeSink {
        void resize(int width, int height) throws IOException;
    }

    private String saved;

    private Terminal() {
    }

    /** The terminal, or null when stdin is not one (piped input, a test). */
    static Terminal attach() {
        if (System.console() == null) {
            return null;
        }
        try {
            stty("-g");
            return new Terminal();
        } catch (IOException e) {
            return null;
        }
    }

    void makeRaw() throws IOException {
        saved = stty("-g").strip();
        stty("raw -echo");
    }

    void restore() {
        if (saved != null) {
            try {
                stty(saved);
            } catch (IOException ignored) {
                // the terminal is gone; nothing to restore
            }
        }
    }

    /** Sends the current size now and after every {@code SIGWINCH}. */
    void onResize(ResizeSink sink) {
        Runnable send = () -> {
            try {
                String[] size = stty("size").strip().split("\\s+");
                sink.resize(Integer.parseInt(size[1]), Integer.parseInt(size[0]));
            } catch (IOException | RuntimeException e) {
                // a size we cannot read or send is not worth ending the session for
            }
        };
        send.run();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object winch = signal.getConstructor(String.class).newInstance("WINCH");
            InvocationHandler onSignal = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    send.run();
                }
                return null;
            };
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal);
            signal.getMethod("handle", signal, handler).invoke(null, winch, proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no SIGWINCH on this JVM: the size stays the one sent at the start
        }
    }

    private static String stty(String args) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty").redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("stty " + args + ": " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
