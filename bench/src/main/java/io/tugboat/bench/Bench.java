package io.tugboat.bench;

import java.util.Arrays;

/**
 * {@code ./tug bench [which] [flags]}: picks a benchmark. {@code apiserver} (the default) measures pod creates
 * against raw etcd puts ({@link ApiServerBenchmark}); {@code scheduler} measures scheduling on hollow nodes
 * ({@link SchedulerBenchmark}); {@code pod-start} measures pod create→Running on the real Docker engine next to
 * {@code docker run -d} ({@link PodStartBenchmark}).
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
            case "pod-start" -> PodStartBenchmark.main(rest);
            default -> {
                System.err.println("tug bench: unknown benchmark \"" + which + "\" (apiserver, scheduler, pod-start)");
                System.exit(1);
            }
        }
    }
}
