package io.github.camelgeminilive.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** This JVM's CPU time, heap and threads. */
final class JvmStats {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private JvmStats() {
    }

    static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** Heap allocated so far by all live threads of this JVM. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Live threads by name with trailing numbers dropped ({@code gemini-live-client-}), most first. */
    static java.util.Map<String, Integer> threadNames() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            counts.merge(t.getName().replaceAll("[0-9]+$", "#").replaceAll("-[0-9]+-", "-#-"), 1, Integer::sum);
        }
        java.util.Map<String, Integer> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Heap in use after a few full collections (what is retained). */
    static long retainedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(150); // lets reference processing and finalizable cleanup settle between collections
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
