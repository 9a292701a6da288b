package io.github.camelgeminilive.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated caller: sends its frames when the shared sender ticks and times what comes back.
 * <ul>
 * <li>round trip: the frame that ends the utterance leaves -> the emulator's immediate {@code inputTranscription}
 * reaches the listener (client send -> emulator receipt -> emulator send -> route; an upper bound of either
 * one-way latency);</li>
 * <li>reply lateness: chunk {@code k} of a reply is due {@code k * 40 ms} after the first (the emulator paces by
 * that absolute schedule); lateness = arrival - schedule, relative to the turn's earliest chunk;</li>
 * <li>send lateness: when the frame left vs its 20 ms slot (is the client keeping up?).</li>
 * <li>every frame carries its send time ({@link FrameStamp}) for the emulator's side of the measurement;</li>
 * <li>the arrival of every reply audio chunk, to pair with the emulator's send times ({@link #emulatorToRoute}).</li>
 * </ul>
 * Every method is called by one thread at a time (sender task, or the session's delivery thread); the lock only
 * publishes the samples to the reporting thread.
 */
final class SessionProbe implements LoadClient.LoadListener {

    private volatile boolean measuring;
    private volatile LoadClient.LoadSession session;

    private long frameNumber;
    /** Written by the sender task only; volatile so the reporting thread reads it during the step. */
    private volatile long framesSent;
    private volatile long endOfSpeechSentNanos;
    private final AtomicLong sendErrors = new AtomicLong();

    // reply state (delivery thread)
    private long turnFirstNanos;
    private int turnChunks;
    private int turnCharacters;
    private boolean turnMeasured;
    private boolean turnInterrupted;
    private long turnsInterrupted;
    private final LongList turnOffsets = new LongList();
    /** Arrival of every audio chunk since the session opened, and which of them arrived while measuring. */
    private final LongList audioArrivals = new LongList();
    private int firstMeasuredAudio = -1;
    private int lastMeasuredAudio = -1;
    private long chunksReceived;
    private long chunksMissing;
    private long turnsCompleted;
    private volatile String closed;
    private volatile long longestSendWait;

    private final LongList roundTrips = new LongList();
    private final LongList lateness = new LongList();
    private final LongList sendLateness = new LongList();
    private final LongList routeDelays = new LongList();

    /** @param firstFrame where in the cycle this caller starts (callers are spread over it) */
    SessionProbe(long firstFrame) {
        this.frameNumber = firstFrame;
    }

    void attach(LoadClient.LoadSession s) {
        this.session = s;
    }

    LoadClient.LoadSession session() {
        return session;
    }

    void measuring(boolean on) {
        measuring = on;
    }

    /** Sends the next frame; {@code dueNanos} is its slot. */
    void tick(long dueNanos) {
        LoadClient.LoadSession s = session;
        if (s == null || closed != null) {
            return;
        }
        long n = frameNumber++;
        long now = System.nanoTime();
        if (SessionCycle.endOfSpeech(n)) {
            endOfSpeechSentNanos = now;
        }
        s.sendAudio(FrameStamp.stamp(SessionCycle.frame(n), now));
        framesSent++;
        if (measuring) {
            synchronized (this) {
                sendLateness.add(Math.max(0, now - dueNanos));
            }
        }
    }

    @Override
    public void inputTranscription() {
        long now = System.nanoTime();
        long sent = endOfSpeechSentNanos;
        if (measuring && sent != 0) {
            synchronized (this) {
                roundTrips.add(now - sent);
            }
        }
        endOfSpeechSentNanos = 0;
    }

    @Override
    public void audio(byte[] pcm) {
        long now = System.nanoTime();
        synchronized (this) { // read by the reporting thread while replies may still arrive
            if (measuring) {
                if (firstMeasuredAudio < 0) {
                    firstMeasuredAudio = audioArrivals.size();
                }
                lastMeasuredAudio = audioArrivals.size();
            }
            audioArrivals.add(now);
        }
        if (turnChunks == 0) {
            turnFirstNanos = now;
            turnMeasured = measuring;
            turnOffsets.clear();
        }
        turnOffsets.add(now - turnFirstNanos - turnChunks * SessionCycle.CHUNK_NANOS);
        turnChunks++;
    }

    @Override
    public void routeDelay(long nanos) {
        if (measuring) {
            synchronized (this) {
                routeDelays.add(nanos);
            }
        }
    }

    @Override
    public void outputTranscription(String text) {
        turnCharacters += text.length();
    }

    @Override
    public void interrupted() {
        turnInterrupted = true;
    }

    @Override
    public void turnComplete() {
        if (turnInterrupted && measuring) {
            synchronized (this) {
                turnsInterrupted++;
            }
        } else if (turnMeasured && measuring) {
            long[] offsets = turnOffsets.sorted();
            long earliest = offsets.length == 0 ? 0 : offsets[0];
            synchronized (this) {
                for (long v : offsets) {
                    lateness.add(v - earliest);
                }
                chunksReceived += turnChunks;
                chunksMissing += Math.max(0, SessionCycle.expectedChunks(turnCharacters) - turnChunks);
                turnsCompleted++;
            }
        }
        turnChunks = 0;
        turnCharacters = 0;
        turnInterrupted = false;
    }

    @Override
    public void sendFailed(Throwable error) {
        sendErrors.incrementAndGet();
    }

    @Override
    public void sendCompleted(long nanos) {
        if (nanos > longestSendWait) {
            longestSendWait = nanos; // only grows; read after the senders stopped
        }
    }

    /** The longest time a frame waited between the send call and the socket (held while reconnecting). */
    long longestSendWait() {
        return longestSendWait;
    }

    @Override
    public void closed(String why) {
        closed = why;
    }

    long framesSent() {
        return framesSent;
    }

    /** Messages through the client so far: frames sent plus reply audio chunks received. */
    synchronized long messages() {
        return framesSent + audioArrivals.size();
    }

    long sendErrors() {
        return sendErrors.get();
    }

    String closedReason() {
        return closed;
    }

    /**
     * Adds emulator send -> route of the chunks that arrived while measuring: the k-th audio message the emulator
     * sent this session ({@code sent}, from {@link EmulatorStopwatch}) is the k-th audio event here (one event per
     * message, in order, none lost in a passing step). Call once the delivery thread is done.
     */
    synchronized void emulatorToRoute(long[] sent, LongList into) {
        if (sent == null || firstMeasuredAudio < 0) {
            return;
        }
        for (int k = firstMeasuredAudio; k <= lastMeasuredAudio && k < sent.length; k++) {
            into.add(audioArrivals.get(k) - sent[k]);
        }
    }

    synchronized void drainInto(LongList rtt, LongList late, LongList sendLate, LongList route, long[] counters) {
        rtt.addAll(roundTrips);
        route.addAll(routeDelays);
        late.addAll(lateness);
        sendLate.addAll(sendLateness);
        counters[0] += chunksReceived;
        counters[1] += chunksMissing;
        counters[2] += turnsCompleted;
        counters[3] += turnsInterrupted;
    }
}
