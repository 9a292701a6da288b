package io.github.camelgeminilive.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Retained heap per idle open session: heap after full GCs with {@code n} idle sessions open, minus before, over
 * {@code n}. The client object itself exists in both measurements.
 *
 * @param client      the client kind (see LoadDriver)
 * @param sessions    idle sessions opened
 * @param kbPerSession retained heap per session
 * @param threadsIdle client JVM threads with the sessions open
 * @param threadsBefore client JVM threads before
 */
public record MemoryProbe(String client, int sessions, double kbPerSession, int threadsIdle, int threadsBefore) {

    static MemoryProbe run(Function<EmulatorProcess, LoadClient> clients, EmulatorProcess emulator, int n)
            throws Exception {
        try (LoadClient client = clients.apply(emulator)) {
            warm(client);
            long before = JvmStats.retainedHeap();
            int threadsBefore = JvmStats.threads();
            List<LoadClient.LoadSession> open = new ArrayList<>();
            for (int i = 0; i < n; i += 16) {
                List<CompletableFuture<LoadClient.LoadSession>> batch = new ArrayList<>();
                for (int j = i; j < Math.min(n, i + 16); j++) {
                    batch.add(client.open(new SessionProbe(0)).orTimeout(30, TimeUnit.SECONDS));
                }
                batch.forEach(f -> open.add(f.join()));
            }
            Thread.sleep(1000); // setup-time buffers settle
            long after = JvmStats.retainedHeap();
            int threads = JvmStats.threads();
            CompletableFuture.allOf(open.stream().map(LoadClient.LoadSession::closeAsync)
                    .toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
            return new MemoryProbe(client.name(), n, (after - before) / 1024.0 / n, threads, threadsBefore);
        }
    }

    /** One session opened and closed first, so class loading and pools are not counted per session. */
    private static void warm(LoadClient client) throws Exception {
        LoadClient.LoadSession s = client.open(new SessionProbe(0)).get(30, TimeUnit.SECONDS);
        s.closeAsync().get(15, TimeUnit.SECONDS);
    }
}
