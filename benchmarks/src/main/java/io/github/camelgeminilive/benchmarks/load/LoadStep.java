package io.github.camelgeminilive.benchmarks.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs {@code n} callers against one emulator: opens the sessions (a few at a time), streams every caller's
 * frames from one shared two-thread scheduler (ten phase groups 2 ms apart, each a fixed-rate 20 ms task: no
 * thread per session, and one session's frames never race each other), warms up, measures, then checks with the
 * emulator what arrived.
 */
final class LoadStep {

    private static final int GROUPS = 10;
    private static final int OPENING_AT_ONCE = 16;

    private LoadStep() {
    }

    /** Told when the measured window starts and ends (a profiler records just that). */
    interface Window {
        void started();

        void ended();
    }

    static StepResult run(Function<EmulatorProcess, LoadClient> clients, EmulatorProcess emulator, int n,
            Duration warmup, Duration measure, PrintStream log) throws Exception {
        return run(clients, emulator, n, warmup, measure, log, new Window() {
            @Override
            public void started() {
            }

            @Override
            public void ended() {
            }
        });
    }

    static StepResult run(Function<EmulatorProcess, LoadClient> clients, EmulatorProcess emulator, int n,
            Duration warmup, Duration measure, PrintStream log, Window window) throws Exception {
        long heapBefore = JvmStats.retainedHeap();
        int threadsBefore = JvmStats.threads();
        List<SessionProbe> probes = new ArrayList<>();
        long errors = 0;
        ScheduledExecutorService sender = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "load-sender");
            t.setDaemon(true);
            return t;
        });
        try (LoadClient client = clients.apply(emulator)) {
            emulator.resetTimings();
            errors += open(client, n, probes);
            int connected = (int) probes.stream().filter(p -> p.session() != null).count();
            log.printf("  %s: %d/%d sessions open%n", client.name(), connected, n);

            long start = System.nanoTime() + 50_000_000L;
            for (int g = 0; g < GROUPS; g++) {
                List<SessionProbe> group = new ArrayList<>();
                for (int i = g; i < probes.size(); i += GROUPS) {
                    group.add(probes.get(i));
                }
                long offset = g * (SessionCycle.FRAME_NANOS / GROUPS);
                long[] frame = {0};
                sender.scheduleAtFixedRate(() -> {
                    long due = start + offset + frame[0]++ * SessionCycle.FRAME_NANOS;
                    for (SessionProbe p : group) {
                        try {
                            p.tick(due);
                        } catch (RuntimeException e) {
                            p.sendFailed(e);
                        }
                    }
                }, start + offset - System.nanoTime(), SessionCycle.FRAME_NANOS, TimeUnit.NANOSECONDS);
            }

            Thread.sleep(warmup.toMillis());
            probes.forEach(p -> p.measuring(true));
            emulator.measureTimings();
            window.started();
            long messages0 = messages(probes);
            long allocated0 = JvmStats.allocatedBytes();
            long cpu0 = JvmStats.cpuNanos();
            long emuCpu0 = emulator.cpuTime().toNanos();
            ProcCpu self0 = ProcCpu.of(ProcessHandle.current().pid());
            ProcCpu emu0 = ProcCpu.of(emulator.pid());
            long t0 = System.nanoTime();
            Thread.sleep(measure.toMillis());
            probes.forEach(p -> p.measuring(false));
            window.ended();
            long wall = System.nanoTime() - t0;
            long cpuNanos = JvmStats.cpuNanos() - cpu0;
            double bytesPerMessage = JvmStats.allocatedBytes() - allocated0;
            long messages = messages(probes) - messages0;
            double cpu = cpuNanos / (double) wall;
            double microsPerMessage = messages == 0 ? Double.NaN : cpuNanos / 1000.0 / messages;
            bytesPerMessage = messages == 0 ? Double.NaN : bytesPerMessage / messages;
            double emuCpu = (emulator.cpuTime().toNanos() - emuCpu0) / (double) wall;
            ProcCpu self1 = ProcCpu.of(ProcessHandle.current().pid());
            ProcCpu emu1 = ProcCpu.of(emulator.pid());
            int threads = JvmStats.threads();
            java.util.Map<String, Integer> threadNames = JvmStats.threadNames();
            long heapDuring = JvmStats.retainedHeap();

            sender.shutdown();
            sender.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(1500); // frames still in flight reach the emulator

            Map<String, Long> received = emulator.audioSamplesReceived();
            EmulatorStopwatch.Reading timings = emulator.timings();
            long framesSent = 0;
            long framesLost = 0;
            LongList rtt = new LongList();
            LongList late = new LongList();
            LongList sendLate = new LongList();
            LongList route = new LongList();
            LongList toRoute = new LongList();
            long[] counters = new long[4];
            for (SessionProbe p : probes) {
                if (p.session() == null) {
                    continue;
                }
                framesSent += p.framesSent();
                Long samples = received.get(p.session().sessionId());
                long arrived = samples == null ? 0 : samples / SessionCycle.SAMPLES_PER_FRAME;
                framesLost += Math.max(0, p.framesSent() - arrived);
                errors += p.sendErrors() + (p.closedReason() != null ? 1 : 0);
                p.drainInto(rtt, late, sendLate, route, counters);
                p.emulatorToRoute(timings.audioSent().get(p.session().sessionId()), toRoute);
            }
            closeAll(probes);

            Percentiles r = Percentiles.ofNanos(rtt);
            Percentiles l = Percentiles.ofNanos(late);
            Percentiles s = Percentiles.ofNanos(sendLate);
            Percentiles receipt = timings.receipt();
            Percentiles delivery = Percentiles.ofNanos(toRoute);
            boolean passed = StepResult.passes(n, connected, List.of(receipt, delivery, r, l, s),
                    framesLost + timings.outOfOrder(), counters[1] + counters[3], errors);
            // "without JIT" from the process totals: a sum of live threads would miss threads that ended
            double jit = ProcCpu.jitCores(self0, self1, wall);
            double emuJit = ProcCpu.jitCores(emu0, emu1, wall);
            return new StepResult(client.name(), client.options(), n, connected, r, l, s, Percentiles.ofNanos(route),
                    receipt, delivery, timings.outOfOrder(), cpu, emuCpu,
                    cpu - jit, jit, emuCpu - emuJit, emuJit, microsPerMessage, bytesPerMessage,
                    ProcCpu.byThread(self0, self1, wall), ProcCpu.byThread(emu0, emu1, wall),
                    connected == 0 ? 0 : (heapDuring - heapBefore) / 1024.0 / connected, threadsBefore, threads,
                    threadNames, framesSent, framesLost, counters[0], counters[1], counters[2], counters[3], errors,
                    passed);
        } finally {
            sender.shutdownNow();
        }
    }

    /** Opens the sessions, at most a few handshakes at a time; returns how many failed. */
    private static long open(LoadClient client, int n, List<SessionProbe> probes) throws InterruptedException {
        Semaphore permits = new Semaphore(OPENING_AT_ONCE);
        List<CompletableFuture<?>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SessionProbe probe = new SessionProbe((i * 53L) % SessionCycle.FRAMES);
            probes.add(probe);
            permits.acquire();
            opening.add(client.open(probe)
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((s, e) -> {
                        permits.release();
                        if (s != null) {
                            probe.attach(s);
                        }
                    }));
        }
        long failed = 0;
        for (CompletableFuture<?> f : opening) {
            try {
                f.join();
            } catch (RuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    private static long messages(List<SessionProbe> probes) {
        long sum = 0;
        for (SessionProbe p : probes) {
            sum += p.messages();
        }
        return sum;
    }

    private static void closeAll(List<SessionProbe> probes) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (SessionProbe p : probes) {
            if (p.session() != null) {
                closing.add(p.session().closeAsync());
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the client's own close drops what is left
        }
    }
}
