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

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
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
