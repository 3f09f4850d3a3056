package io.tugboat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code count} numbered requests over {@code threads} keep-alive connections, each thread taking the next number. */
final class Parallel {
    interface Request {
        void run(KeepAliveClient http, int number) throws Exception;
    }

    private Parallel() {
    }

    static void run(int threads, int count, int port, Request request) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                try (KeepAliveClient http = new KeepAliveClient("127.0.0.1", port)) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        request.run(http, i);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
