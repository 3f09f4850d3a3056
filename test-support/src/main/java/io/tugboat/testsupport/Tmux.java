package io.tugboat.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for tests of interactive commands ({@code exec -it}): tmux runs the command in a detached
 * session with a pty, and the test types into it and reads the screen back.
 */
public final class Tmux {
    private Tmux() {
    }

    /** Runs {@code tmux args...} and fails the test with tmux's output if it does not succeed within 30 s. */
    public static void tmux(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "tmux";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    /** What the session's screen shows now ({@code capture-pane}); empty if tmux cannot say. */
    public static String pane(String session) {
        try {
            Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Types {@code keys} (then Enter) until the screen shows {@code expected}, typing again every 5 s for up to
     * 90 s: keys typed before the program is ready for them (a resize not yet delivered) are simply lost.
     */
    public static void typeUntil(String session, String keys, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            tmux("send-keys", "-t", session, keys, "Enter");
            try {
                Eventually.until(expected + " in the pane", Duration.ofSeconds(5), () -> pane(session).contains(expected));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }
}
