package io.github.camelgeminilive.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a Linux process split by thread kind, from {@code /proc/PID/task/TID/stat}: the JIT compiler
 * threads ({@code C1/C2 CompilerThread}) apart from the rest, so that a step's figure is not the JIT warming up.
 * Times in clock ticks (100 per second on Linux).
 *
 * @param compilerTicks user + system time of the JIT compiler threads
 * @param byThread      user + system time per thread name (numbers dropped)
 */
record ProcCpu(long compilerTicks, java.util.Map<String, Long> byThread) {

    static final double TICKS_PER_SECOND = 100.0;

    /**
     * A snapshot of the live threads; zeros where /proc is not there. Threads that ended are not in it (a client
     * that starts a thread per frame, as the SDK does, shows only in the process total).
     */
    static ProcCpu of(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        long compiler = 0;
        java.util.Map<String, Long> byThread = new java.util.HashMap<>();
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                long ticks = ticks(stat);
                byThread.merge(name.trim().replaceAll("[0-9]+$", "#").replaceAll("-[0-9]+-", "-#-"), ticks, Long::sum);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    compiler += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ProcCpu(0, java.util.Map.of());
        }
        return new ProcCpu(compiler, byThread);
    }

    /** utime + stime of a thread's {@code stat} line. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Cores busy per thread name between two snapshots, busiest first (threads using under 0.5% left out). */
    static java.util.Map<String, Double> byThread(ProcCpu before, ProcCpu after, long wallNanos) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        after.byThread.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(),
                        (e.getValue() - before.byThread.getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND
                                / (wallNanos / 1e9)))
                .filter(e -> e.getValue() >= 0.005)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        return out;
    }

    /** Cores the JIT compiler kept busy between two snapshots. */
    static double jitCores(ProcCpu before, ProcCpu after, long wallNanos) {
        return (after.compilerTicks - before.compilerTicks) / TICKS_PER_SECOND / (wallNanos / 1e9);
    }
}
