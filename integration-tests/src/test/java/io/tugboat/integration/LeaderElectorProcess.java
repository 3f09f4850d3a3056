package io.tugboat.integration;

import io.tugboat.client.ApiClient;
import io.tugboat.client.controller.LeaderElectionConfig;
import io.tugboat.client.controller.LeaderElector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link LeaderElector} in a process of its own, started by {@link LeaderElectionProcessIT}. It reports on
 * stdout, one line each, with the wall-clock time in epoch microseconds (the one clock two processes on a machine
 * share):
 * <pre>
 *   LEADING   &lt;micros&gt;             onStartedLeading ran
 *   STOPPED   &lt;micros&gt;             onStoppedLeading ran
 *   NEWLEADER &lt;micros&gt; &lt;identity&gt;  onNewLeader ran
 *   EXITED    &lt;micros&gt; &lt;result&gt;    run() returned
 * </pre>
 * A line {@code stop} on stdin stops the elector (releasing the Lease), and so does the end of stdin: when the test
 * JVM goes away, its children do not stay behind holding the Lease.
 *
 * <p>Arguments: {@code <server url> <namespace> <lease name> <identity> <lease ms> <renew deadline ms> <retry ms>}.
 */
public final class LeaderElectorProcess {
    private LeaderElectorProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 7) {
            System.err.println("usage: LeaderElectorProcess <url> <namespace> <lease> <identity> <lease ms> <renew ms> <retry ms>");
            System.exit(2);
        }
        ApiClient client = ApiClient.builder(args[0]).rateLimit(100, 100).build();
        LeaderElectionConfig config = LeaderElectionConfig.builder(args[1], args[2], args[3])
                .leaseDuration(Duration.ofMillis(Long.parseLong(args[4])))
                .renewDeadline(Duration.ofMillis(Long.parseLong(args[5])))
                .retryPeriod(Duration.ofMillis(Long.parseLong(args[6])))
                .onStartedLeading(() -> say("LEADING", ""))
                .onStoppedLeading(() -> say("STOPPED", ""))
                .onNewLeader(identity -> say("NEWLEADER", identity))
                .build();
        LeaderElector elector = LeaderElector.forLease(client, config);

        Thread commands = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                    // only "stop" means anything
                }
            } catch (IOException e) {
                // stdin is gone: the same as being told to stop
            }
            elector.stop();
        }, "stdin");
        commands.setDaemon(true);
        commands.start();

        LeaderElector.Result result = elector.run();
        say("EXITED", result.name());
        System.exit(0);
    }

    private static synchronized void say(String what, String detail) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        System.out.println(what + " " + micros + (detail.isEmpty() ? "" : " " + detail));
        System.out.flush();
    }
}
