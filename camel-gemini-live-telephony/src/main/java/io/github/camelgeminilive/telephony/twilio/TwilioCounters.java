package io.github.camelgeminilive.telephony.twilio;

import java.util.concurrent.atomic.LongAdder;

/** What a {@link TwilioBridge} did and dropped, since it was made. Thread-safe. */
public final class TwilioCounters {

    final LongAdder callsStarted = new LongAdder();
    final LongAdder callsEnded = new LongAdder();
    final LongAdder callsRefused = new LongAdder();
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder marksSent = new LongAdder();
    final LongAdder marksPlayed = new LongAdder();
    final LongAdder clears = new LongAdder();
    final LongAdder dtmfDigits = new LongAdder();
    final LongAdder interruptedAudioBytes = new LongAdder();
    final LongAdder overflowAudioBytes = new LongAdder();
    final LongAdder endedAudioBytes = new LongAdder();
    final LongAdder unknownEvents = new LongAdder();
    final LongAdder invalidMessages = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder modelSendFailures = new LongAdder();

    /** Calls whose {@code start} was accepted. */
    public long callsStarted() {
        return callsStarted.sum();
    }

    /** Calls ended by {@code stop} or their WebSocket closing. */
    public long callsEnded() {
        return callsEnded.sum();
    }

    /** {@code start}s refused: over {@code maxCalls}, a stream already started or another audio format. */
    public long callsRefused() {
        return callsRefused.sum();
    }

    /** Caller {@code media} messages sent on to the model. */
    public long framesIn() {
        return framesIn.sum();
    }

    /** {@code media} messages (20 ms each) sent to Twilio. */
    public long framesOut() {
        return framesOut.sum();
    }

    /** {@code mark}s sent to Twilio. */
    public long marksSent() {
        return marksSent.sum();
    }

    /** {@code mark}s Twilio echoed back: playback reached them (or a clear flushed them). */
    public long marksPlayed() {
        return marksPlayed.sum();
    }

    /** {@code clear}s sent on barge-in. */
    public long clears() {
        return clears.sum();
    }

    /** DTMF digits received. */
    public long dtmfDigits() {
        return dtmfDigits.sum();
    }

    /** Model audio (ms) dropped unplayed because the caller interrupted the model. */
    public long interruptedAudioMs() {
        return interruptedAudioBytes.sum() / 8;
    }

    /** Model audio (ms) dropped, oldest first, because a call's buffer ({@code maxBufferedAudio}) was full. */
    public long overflowAudioMs() {
        return overflowAudioBytes.sum() / 8;
    }

    /** Model audio (ms) dropped because its call had ended (audio still buffered, or arriving after the end). */
    public long endedAudioMs() {
        return endedAudioBytes.sum() / 8;
    }

    /** Well-formed messages with an event name the bridge does not know, ignored. */
    public long unknownEvents() {
        return unknownEvents.sum();
    }

    /** Messages that failed their exchange: malformed, oversized, bad base64, or for a stream never started. */
    public long invalidMessages() {
        return invalidMessages.sum();
    }

    /** Messages to the model (audio, greeting, close) the model endpoint failed to send. */
    public long modelSendFailures() {
        return modelSendFailures.sum();
    }

    /** Messages to Twilio the output endpoint failed to send (e.g. the connection was gone). */
    public long sendFailures() {
        return sendFailures.sum();
    }
}
