package io.tugboat.bench;

import java.util.Arrays;

/**
 * {@code ./tug bench [which] [flags]}: picks a benchmark. {@code apiserver} (the default) measures pod creates
 * against raw etcd puts ({@link ApiServerBenchmark}); {@code scheduler} measures scheduling on hollow nodes
 * ({@link SchedulerBenchmark}).
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 || args[0].startsWith("-") ? "apiserver" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "apiserver" -> ApiServerBenchmark.main(rest);
            case "scheduler" -> SchedulerBenchmark.main(rest);
            default -> {
                System.err.println("tug bench: unknown benchmark \"" + which + "\" (apiserver, scheduler)");
                System.exit(1);
            }
        }
    }
}
