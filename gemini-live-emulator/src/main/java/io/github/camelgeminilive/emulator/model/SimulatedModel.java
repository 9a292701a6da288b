package io.github.camelgeminilive.emulator.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's deterministic model. One instance serves all connections; each gets its own connection state.
 * <ul>
 * <li><b>Text turns</b> ({@code clientContent} with {@code turnComplete}, or {@code realtimeInput.text}) get the
 * transcript {@code "You said: <text>"} (plus a memory answer, see below) as 24 kHz 16-bit PCM with a speech-like
 * envelope, 70 ms per transcript character (at least 10 s when the text contains the word {@code long}), in 40 ms
 * chunks at {@link EmulatorSettings#pace()}, with {@code outputTranscription} chunks along the audio when the
 * setup enables them, then {@code generationComplete} and {@code turnComplete} with {@code usageMetadata}.
 * Model-family rules decide whether audio and transcription share a message and whether a usage-only message
 * opens the reply. A {@code TEXT} session gets text parts instead of audio.</li>
 * <li><b>Memory</b>: the session's history holds every turn and survives resumption; {@code "What is my X?"}
 * quotes an earlier {@code "my X is Y"}, {@code "What did I say?"} the previous user turn.
 * {@code clientContent} without {@code turnComplete} only seeds the history.</li>
 * <li><b>Speech</b>: an energy VAD on {@code realtimeInput.audio} (any {@code rate=}) ends the user turn after
 * {@code silenceDurationMs} (default 800 ms) of silence in audio time, or at {@code audioStreamEnd}; with automatic
 * detection disabled {@code activityStart}/{@code activityEnd} delimit it. The turn's transcript is a placeholder
 * such as {@code [speech 1.24 s]} (sent as {@code inputTranscription} when enabled).</li>
 * <li><b>Barge-in</b>: speech (or a new turn) while a reply is in flight sends {@code interrupted: true}, stops its
 * audio and cancels a pending tool call ({@code toolCallCancellation}), unless {@code activityHandling} is
 * {@code NO_INTERRUPTION}, in which case the new turn is answered after the current one.</li>
 * <li><b>Tools</b>: a text naming a declared function, or one of its words of four or more letters, gets a
 * {@code toolCall} with placeholder arguments; the reply after the matching {@code toolResponse} quotes it. A
 * response to an unknown id closes the connection with 1007.</li>
 * <li><b>Resumption</b> (when set up): a fresh handle after setup and after each turn, {@code resumable: false}
 * while a turn or tool call is in flight, {@code lastConsumedClientMessageIndex} in transparent mode.</li>
 * <li><b>Scenario</b>: rules of a {@link Scenario} take precedence over the default replies, with scripted tool
 * calls, delays and faults.</li>
 * <li><b>Limits</b> ({@link EmulatorSettings#limits()}): each connection ends after its lifetime, {@code goAway}
 * first; a session without {@code contextWindowCompression} ends (1011) once its audio reached the session length;
 * the conversation is kept under the context window by compression, or ends the session (1007) without it.</li>
 * </ul>
 */
public final class SimulatedModel implements ModelEngine {

    private final AtomicLong callIds = new AtomicLong();
    private final ReplyAudioCache audio = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);

    public SimulatedModel() {
        // no connection state: only the function call id sequence and the reply audio shared by all connections
    }

    @Override
    public ModelConnection attach(ConnectionContext context) {
        return new SimulatedConnection(context, () -> "call-" + callIds.incrementAndGet(), audio);
    }

    /** True: the simulated model only computes (its replies are cached or rendered a chunk at a time). */
    @Override
    public boolean nonBlocking() {
        return true;
    }
}
