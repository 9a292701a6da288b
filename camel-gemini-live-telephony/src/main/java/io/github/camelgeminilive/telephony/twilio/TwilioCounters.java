package io.github.camelgeminilive.telephony.twilio;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.camelgeminilive.telephony.call.CallCounters;
import io.github.camelgeminilive.telephony.playout.PlayoutCounters;

/**
 * What a {@link TwilioBridge} did and dropped, since it was made. Thread-safe. Of the calls: started = their
 * {@code start} accepted; ended = by {@code stop} or their WebSocket closing; refused = {@code start}s refused, their
 * WebSocket closed with 1008 (over {@code maxCalls}, a stream already started, a second call on one WebSocket or
 * another audio format); frames in = caller {@code media} messages sent on to the model.
 */
public final class TwilioCounters extends CallCounters {

    final LongAdder marksPlayed = new LongAdder();
    final LongAdder unknownEvents = new LongAdder();
    final LongAdder invalidMessages = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder callerAudioUnsentMs = new LongAdder();
    final PlayoutCounters playout = new PlayoutCounters();

    /** {@code mark}s Twilio echoed back: playback reached them (or a clear flushed them). */
    public long marksPlayed() {
        return marksPlayed.sum();
    }

    /** Well-formed messages with an event name the bridge does not know, ignored. */
    public long unknownEvents() {
        return unknownEvents.sum();
    }

    /**
     * Messages refused: malformed, oversized or bad base64 (their exchange fails), or {@code media}, {@code mark} or
     * {@code stop} for a stream their WebSocket has not started (dropped).
     */
    public long invalidMessages() {
        return invalidMessages.sum();
    }

    /** Messages to Twilio the output endpoint failed to send (e.g. the connection was gone). */
    public long sendFailures() {
        return sendFailures.sum();
    }

    /**
     * The caller's audio, in ms, that calls ended with (or the bridge stopped with) while it was kept to fill a chunk
     * ({@code callerChunk}), never sent to the model: less than a chunk per call, none with the default chunk of one frame.
     */
    public long callerAudioUnsentMs() {
        return callerAudioUnsentMs.sum();
    }

    @Override
    protected void addCounts(Map<String, LongSupplier> counts) {
        counts.put("marksPlayed", this::marksPlayed);
        counts.put("unknownEvents", this::unknownEvents);
        counts.put("invalidMessages", this::invalidMessages);
        counts.put("sendFailures", this::sendFailures);
        counts.put("callerAudioUnsentMs", this::callerAudioUnsentMs);
        playout.addTo(counts);
    }

    /**
     * The model's audio played to the calls: {@code media} frames and {@code mark}s sent, {@code clear}s on
     * barge-in, audio dropped on barge-in, by {@code maxBufferedAudio} or after the call ended.
     */
    public PlayoutCounters playout() {
        return playout;
    }
}
