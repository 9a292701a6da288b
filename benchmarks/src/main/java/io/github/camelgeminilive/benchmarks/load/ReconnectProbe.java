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
import io.github.camelgeminilive.session.ResilientSession;

/**
 * Reconnect cost of this project's {@link ResilientSession}: one caller streams as in the load test while the
 * emulator's admin API sends {@code goAway} ({@code timeLeft} 5 s) a number of times. Per go-away: time from the
 * {@code goAway} at the listener to the {@code Reconnected} event (drain, new connection, setup, resume, replay),
 * the client's own downtime figure (time without a usable connection, the gap in the audio it sends), and the
 * largest lateness of reply audio at the listener around it. The emulator's {@code audioSamplesInState} then
 * tells whether any input audio was lost or duplicated.
 *
 * @param goAways            go-aways injected
 * @param reconnects         {@code Reconnected} events seen
 * @param goAwayToReconnected goAway at the listener -> Reconnected at the listener
 * @param downtime           the client's downtime per reconnect
 * @param replyLatenessMax   largest reply-chunk lateness (ms) at the listener during the run
 * @param samplesSent        input samples the caller sent
 * @param samplesInState     input samples the emulator's session state holds at the end
 * @param resumed            reconnects that resumed the conversation by handle
 * @param error              what went wrong, if the probe could not run
 */
public record ReconnectProbe(int goAways, int reconnects, Percentiles goAwayToReconnected, Percentiles downtime,
        double replyLatenessMax, long samplesSent, long samplesInState, int resumed, String error) {

    static ReconnectProbe run(EmulatorProcess emulator, int goAways) throws Exception {
        BlockingQueue<long[]> goAwayTimes = new LinkedBlockingQueue<>();
        List<LiveEvent.Reconnected> reconnected = new ArrayList<>();
        LongList toReconnected = new LongList();
        LongList downtime = new LongList();
        long[] lastGoAway = {0};
        SessionProbe probe = new SessionProbe(0);
        try (OurLoadClient client = new OurLoadClient(emulator)) {
            ResilientSession session = client.openResilient(probe, event -> {
                long now = System.nanoTime();
                if (event instanceof LiveEvent.GoAwayReceived) {
                    synchronized (lastGoAway) {
                        lastGoAway[0] = now;
                    }
                } else if (event instanceof LiveEvent.Reconnected r) {
                    synchronized (lastGoAway) {
                        reconnected.add(r);
                        if (lastGoAway[0] != 0) {
                            toReconnected.add(now - lastGoAway[0]);
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
                emulator.goAway(session.sessionId(), Duration.ofSeconds(5));
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
                return new ReconnectProbe(goAways, done, Percentiles.ofNanos(toReconnected),
                        Percentiles.ofNanos(downtime), Percentiles.ofNanos(late).max(), sent, inState,
                        (int) reconnected.stream().filter(LiveEvent.Reconnected::resumed).count(), null);
            }
        }
    }
}
