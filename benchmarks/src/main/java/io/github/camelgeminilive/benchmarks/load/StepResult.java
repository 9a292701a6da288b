package io.github.camelgeminilive.benchmarks.load;

/**
 * One load step: {@code sessions} callers streaming in real time for the measured window.
 *
 * @param client            the client kind ({@code ours}, {@code camel-defaults}, {@code sdk}, ...: see LoadDriver)
 * @param options           what the client kind's sessions run with
 * @param sessions          callers asked for
 * @param connected         callers whose session opened
 * @param roundTrip         end-of-speech frame sent -> emulator's inputTranscription at the listener
 * @param replyLateness     reply chunk arrival vs the emulator's 40 ms pacing schedule
 * @param sendLateness      frame sent vs its 20 ms slot
 * @param routeDelay        audio message handed over by the WebSocket layer -> listener (ours and Camel: measured
 *                          with a stamping transport; the SDK calls back on the socket's reader thread)
 * @param receipt           a frame's send call -> the emulator's model has it (one-way, by {@link FrameStamp})
 * @param emulatorToRoute   the emulator hands a reply audio message to its connection -> the route (listener) has
 *                          it (one-way, paired by order with {@link EmulatorStopwatch}'s send times)
 * @param framesOutOfOrder  frames the emulator received after a frame the session sent later, in the whole step
 * @param clientCpuCores    client JVM CPU time / wall time in the window (cores busy)
 * @param emulatorCpuCores  emulator JVM CPU time / wall time in the window
 * @param clientCoresNoJit  client JVM cores busy without its JIT compiler threads (from /proc)
 * @param clientJitCores    client JVM cores busy compiling (JIT)
 * @param emulatorCoresNoJit emulator JVM cores busy without its JIT compiler threads
 * @param emulatorJitCores  emulator JVM cores busy compiling
 * @param clientCpuMicrosPerMessage client JVM CPU time in the window per message through it (frames sent plus reply
 *                          audio chunks received): what a session costs per unit of work, still comparable when a
 *                          busy machine keeps a step from real time
 * @param clientBytesPerMessage client JVM heap allocated in the window per message through it (all threads)
 * @param clientThreadCpu   client JVM cores per thread name (a per-thread profile from /proc)
 * @param emulatorThreadCpu emulator JVM cores per thread name
 * @param heapPerSessionKb  client heap used after GC while streaming, minus before the sessions, per session
 * @param threadsBefore     client JVM threads before opening sessions
 * @param threads           client JVM threads while streaming
 * @param threadNames       client JVM threads by name (numbers dropped) while streaming
 * @param framesSent        frames the senders handed to the client
 * @param framesLost        frames the emulator did not receive (by its audio sample counters)
 * @param chunksReceived    reply chunks that reached the listener in completed turns
 * @param chunksLost        reply chunks missing from completed turns (by transcript length)
 * @param turns             completed replies in the window
 * @param turnsInterrupted  replies cut short because the caller's next utterance came before the reply ended
 *                          (only under overload; counts against real time)
 * @param errors            failed sends, failed opens and sessions closed during the step
 * @param passed            p99 of both one-way latencies, round trip, reply lateness and send lateness under
 *                          20 ms, nothing lost, cut or out of order
 */
public record StepResult(String client, KindOptions options, int sessions,
        int connected, Percentiles roundTrip, Percentiles replyLateness,
        Percentiles sendLateness, Percentiles routeDelay, Percentiles receipt, Percentiles emulatorToRoute,
        long framesOutOfOrder,
        double clientCpuCores, double emulatorCpuCores,
        double clientCoresNoJit, double clientJitCores, double emulatorCoresNoJit, double emulatorJitCores,
        double clientCpuMicrosPerMessage, double clientBytesPerMessage,
        java.util.Map<String, Double> clientThreadCpu, java.util.Map<String, Double> emulatorThreadCpu,
        double heapPerSessionKb,
        int threadsBefore, int threads, java.util.Map<String, Integer> threadNames, long framesSent, long framesLost,
        long chunksReceived, long chunksLost,
        long turns, long turnsInterrupted, long errors, boolean passed) {

    static final double LIMIT_MS = 20.0;

    /** Every session open, nothing lost or out of order, no error, and each latency measured with p99 < 20 ms. */
    static boolean passes(int sessions, int connected, java.util.List<Percentiles> latencies, long framesLostOrLate,
            long chunksLost, long errors) {
        return connected == sessions && framesLostOrLate == 0 && chunksLost == 0 && errors == 0
                && latencies.stream().allMatch(p -> p.count() > 0 && p.p99() < LIMIT_MS);
    }
}
