package io.github.camelgeminilive.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResilientSession;

/**
 * Reconnect cost of this project's {@link ResilientSession}: one caller streams as in the load test while the
 * emulator's admin API sends {@code goAway} ({@code timeLeft} 5 s) a number of times. Per go-away: time from the
 * {@code goAway} at the listener to the {@code Reconnected} event (drain, new connection, setup, resume, replay),
 * the client's own downtime figure (time without a usable connection, the gap in the audio it sends), and the
 * largest lateness of reply audio at the listener around it. The emulator's {@code audioSamplesInState} then
 * tells whether any input audio was lost or duplicated.
 *
 * <p>Then {@link FaultRun}s: for each fault (goAway, drop, close 1011, half-open) with prompt pongs and with pongs
 * 20 s late (as the real service answers), a fresh session with the Gemini API's resumption (no consumed index:
 * what a handle covers is estimated, see {@code ResilienceOptions.coverageLag}) and otherwise default options
 * streams the caller's cycle in real time for {@value #BEFORE_FAULT_S} s, the fault is injected, and once it
 * reconnected it streams {@value #AFTER_RECONNECT_S} s more; the emulator's {@code audioSamplesInState} against the
 * samples sent gives the audio lost and doubled. The half-open runs ping every 5 s and time out after 25 s (the
 * defaults, 15 s / 60 s, would take a minute to notice).
 *
 * @param goAways            go-aways injected
 * @param reconnects         {@code Reconnected} events seen
 * @param goAwayToFirstFrame goAway posted to the admin API -> the emulator counts the first client message on the
 *                           new connection (its counters polled every 5 ms)
 * @param goAwayToReconnected goAway at the listener -> Reconnected at the listener
 * @param safePointToReconnected the later of goAway and the reply's turnComplete -> Reconnected: the handover
 *                           itself (close, connect, TLS, setup, resume, replay) without the drain
 * @param downtime           the client's downtime per reconnect
 * @param replyLatenessMax   largest reply-chunk lateness (ms) at the listener during the run
 * @param longestSendWaitMs  the longest an outgoing frame waited between the send call and the socket (the gap
 *                           in the audio the emulator hears while sends are held)
 * @param samplesSent        input samples the caller sent
 * @param samplesInState     input samples the emulator's session state holds at the end
 * @param resumed            reconnects that resumed the conversation by handle
 * @param faults             the fault runs
 * @param error              what went wrong, if the probe could not run
 */
public record ReconnectProbe(int goAways, int reconnects, Percentiles goAwayToFirstFrame,
        Percentiles goAwayToReconnected, Percentiles safePointToReconnected, Percentiles downtime,
        double replyLatenessMax, double longestSendWaitMs, long samplesSent, long samplesInState, int resumed,
        List<FaultRun> faults, String error) {

    static final int BEFORE_FAULT_S = 12;
    static final int AFTER_RECONNECT_S = 4;
    private static final Duration SLOW_PONGS = Duration.ofSeconds(20);
    private static final double SAMPLES_PER_SECOND = 16_000;

    /**
     * One fault with one pong delay.
     *
     * @param fault               goAway, drop, 1011 or half-open
     * @param pongDelayS          how late the emulator answered pings (s)
     * @param reconnects          {@code Reconnected} events
     * @param samplesSent         input samples the caller sent
     * @param samplesInState      input samples in the emulator's session state at the end
     * @param lostS               audio missing from the state (s)
     * @param doubledPerReconnectS audio in the state twice, per reconnect (s)
     * @param gapMs               {@code Reconnected.downtime} (ms; the largest if several)
     * @param error               what went wrong, if the run failed
     */
    public record FaultRun(String fault, long pongDelayS, int reconnects, long samplesSent, long samplesInState,
            double lostS, double doubledPerReconnectS, double gapMs, String error) {
    }

    /** Polls the session's counters until a connection beyond the first {@code known} has a message; 0 if none. */
    private static long firstMessageOnNewConnection(EmulatorProcess emulator, String id, int known)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            var connections = emulator.session(id).path("connections");
            for (int i = known; i < connections.size(); i++) {
                if (connections.get(i).path("clientMessages").asLong() > 0) {
                    return System.nanoTime();
                }
            }
            Thread.sleep(5);
        }
        return 0;
    }

    static ReconnectProbe run(EmulatorProcess emulator, int goAways) throws Exception {
        ReconnectProbe r = runGoAways(emulator, goAways);
        List<FaultRun> faults = new ArrayList<>();
        for (Duration pongs : List.of(Duration.ZERO, SLOW_PONGS)) {
            for (String fault : List.of("goAway", "drop", "1011", "half-open")) {
                FaultRun run;
                try {
                    run = fault(emulator, fault, pongs);
                } catch (Exception e) {
                    run = new FaultRun(fault, pongs.toSeconds(), 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                            e.toString());
                }
                System.out.println("reconnect fault: " + run);
                faults.add(run);
            }
        }
        emulator.pongDelay(Duration.ZERO);
        return new ReconnectProbe(r.goAways, r.reconnects, r.goAwayToFirstFrame, r.goAwayToReconnected,
                r.safePointToReconnected, r.downtime, r.replyLatenessMax, r.longestSendWaitMs, r.samplesSent,
                r.samplesInState, r.resumed, faults, null);
    }

    /** Streams, injects {@code fault}, streams on, and compares the samples sent with those in the state. */
    private static FaultRun fault(EmulatorProcess emulator, String fault, Duration pongs) throws Exception {
        emulator.pongDelay(pongs);
        ResilienceOptions options = ResilienceOptions.defaults();
        if (fault.equals("half-open")) {
            options = options.withKeepalive(Duration.ofSeconds(5), Duration.ofSeconds(25));
        }
        BlockingQueue<LiveEvent.Reconnected> reconnected = new LinkedBlockingQueue<>();
        SessionProbe probe = new SessionProbe(0);
        try (OurLoadClient client = new OurLoadClient(emulator)) {
            ResilientSession session = client.openResilient(probe, options, event -> {
                if (event instanceof LiveEvent.Reconnected r) {
                    reconnected.add(r);
                }
            }).get(30, TimeUnit.SECONDS);
            probe.attach(OurLoadClient.session(session, probe));
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            long[] frame = {0};
            sender.scheduleAtFixedRate(() -> probe.tick(start + frame[0]++ * SessionCycle.FRAME_NANOS), 0,
                    SessionCycle.FRAME_NANOS, TimeUnit.NANOSECONDS);
            Thread.sleep(BEFORE_FAULT_S * 1000L);
            String id = session.sessionId();
            switch (fault) {
                case "goAway" -> emulator.goAway(id, Duration.ofSeconds(5));
                case "drop" -> emulator.fault(id, "drop");
                case "1011" -> emulator.fault(id, "close?code=1011&reason=backend%20hiccup");
                case "half-open" -> emulator.fault(id, "freeze");
                default -> throw new IllegalArgumentException(fault);
            }
            LiveEvent.Reconnected first = reconnected.poll(60, TimeUnit.SECONDS);
            Thread.sleep(AFTER_RECONNECT_S * 1000L);
            sender.shutdown();
            sender.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(1000); // the last frames are read
            long inState = emulator.session(session.sessionId()).path("audioSamplesInState").asLong();
            long sent = probe.framesSent() * SessionCycle.SAMPLES_PER_FRAME;
            session.closeAsync().get(15, TimeUnit.SECONDS);
            List<LiveEvent.Reconnected> all = new ArrayList<>();
            if (first != null) {
                all.add(first);
            }
            reconnected.drainTo(all);
            int n = all.size();
            double gap = all.stream().mapToLong(r -> r.downtime().toNanos()).max().orElse(0) / 1e6;
            return new FaultRun(fault, pongs.toSeconds(), n, sent, inState,
                    Math.max(0, sent - inState) / SAMPLES_PER_SECOND,
                    n == 0 ? Double.NaN : Math.max(0, inState - sent) / SAMPLES_PER_SECOND / n, gap,
                    first == null ? "no Reconnected within 60 s" : null);
        }
    }

    /** The go-aways with transparent resumption (the handover's cost). */
    private static ReconnectProbe runGoAways(EmulatorProcess emulator, int goAways) throws Exception {
        BlockingQueue<long[]> goAwayTimes = new LinkedBlockingQueue<>();
        List<LiveEvent.Reconnected> reconnected = new ArrayList<>();
        LongList toReconnected = new LongList();
        LongList downtime = new LongList();
        LongList toFirstFrame = new LongList();
        long[] lastGoAway = {0};
        long[] lastTurnComplete = {0};
        LongList afterSafePoint = new LongList();
        SessionProbe probe = new SessionProbe(0);
        try (OurLoadClient client = new OurLoadClient(emulator)) {
            // transparent resumption: the client replays exactly what the resumed state lacks (no duplicates)
            ResilienceOptions exact = ResilienceOptions.defaults().withTransparent(true);
            ResilientSession session = client.openResilient(probe, exact, event -> {
                long now = System.nanoTime();
                if (event instanceof LiveEvent.GoAwayReceived) {
                    synchronized (lastGoAway) {
                        lastGoAway[0] = now;
                    }
                } else if (event instanceof LiveEvent.TurnComplete) {
                    synchronized (lastGoAway) {
                        lastTurnComplete[0] = now;
                    }
                } else if (event instanceof LiveEvent.Reconnected r) {
                    synchronized (lastGoAway) {
                        reconnected.add(r);
                        if (lastGoAway[0] != 0) {
                            toReconnected.add(now - lastGoAway[0]);
                            afterSafePoint.add(now - Math.max(lastGoAway[0], lastTurnComplete[0]));
                        }
                        downtime.add(r.downtime().toNanos());
                        lastGoAway[0] = 0;
                    }
                    goAwayTimes.add(new long[] {now});
                }
            }).get(30, TimeUnit.SECONDS);
            probe.attach(OurLoadClient.session(session, probe));
            probe.measuring(true);
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            long[] frame = {0};
            sender.scheduleAtFixedRate(() -> probe.tick(start + frame[0]++ * SessionCycle.FRAME_NANOS), 0,
                    SessionCycle.FRAME_NANOS, TimeUnit.NANOSECONDS);
            int done = 0;
            for (int i = 0; i < goAways; i++) {
                Thread.sleep(1300 + 700L * (i % 3)); // lands at different points of the caller's cycle
                String id = session.sessionId();
                int connections = emulator.session(id).path("connections").size();
                long posted = System.nanoTime();
                emulator.goAway(id, Duration.ofSeconds(5));
                long first = firstMessageOnNewConnection(emulator, id, connections);
                if (first > 0) {
                    toFirstFrame.add(first - posted);
                }
                if (goAwayTimes.poll(15, TimeUnit.SECONDS) != null) {
                    done++;
                }
            }
            Thread.sleep(3000); // the last reply ends
            sender.shutdown();
            sender.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(1000);
            long inState = emulator.session(session.sessionId()).path("audioSamplesInState").asLong();
            long sent = probe.framesSent() * SessionCycle.SAMPLES_PER_FRAME;
            LongList rtt = new LongList();
            LongList late = new LongList();
            LongList sendLate = new LongList();
            probe.drainInto(rtt, late, sendLate, new LongList(), new long[4]);
            session.closeAsync().get(15, TimeUnit.SECONDS);
            synchronized (lastGoAway) {
                return new ReconnectProbe(goAways, done, Percentiles.ofNanos(toFirstFrame),
                        Percentiles.ofNanos(toReconnected), Percentiles.ofNanos(afterSafePoint),
                        Percentiles.ofNanos(downtime), Percentiles.ofNanos(late).max(), probe.longestSendWait() / 1e6,
                        sent, inState,
                        (int) reconnected.stream().filter(LiveEvent.Reconnected::resumed).count(), List.of(), null);
            }
        }
    }
}
