package io.github.camelgeminilive.emulator.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.Transcription;
import io.github.camelgeminilive.protocol.UsageMetadata;

/**
 * Streams one model turn: audio in 40 ms chunks (or text parts for a {@code TEXT} session) with the transcript
 * spread along it, then {@code generationComplete} and {@code turnComplete} with the turn's usage. Chunk {@code k}
 * is due {@code k * 40 ms * pace} after the start, measured from the start so timer jitter does not add up; with
 * pace 0 chunks go out as fast as the scheduler runs them. All methods run under the connection's lock.
 */
final class TurnStreamer {

    /** Audio per chunk. */
    static final Duration CHUNK = Duration.ofMillis(40);
    /** Spoken time per transcript character. */
    static final Duration PER_CHARACTER = Duration.ofMillis(70);

    private static final int CHUNK_SAMPLES = (int) (SpeechSynthesizer.SAMPLE_RATE * CHUNK.toMillis() / 1000);

    /** What the connection hears from a stream. */
    interface Listener {
        /** The first chunk is out (scripted faults start counting here). */
        void started();

        /** The turn completed; {@code transcript} is what was said. */
        void finished(String transcript);
    }

    private final String transcript;
    private final ReplyFormat format;
    private final ConnectionTimers timers;
    private final Outbound out;
    private final Listener listener;
    private final ReplyAudioCache.ReplyAudio audio;
    private final String[] textPerChunk;
    private final UsageMetadata promptUsage;
    private final UsageMetadata turnUsage;
    private final long periodNanos;
    private long startNanos;
    private int next;
    private boolean cancelled;
    private ConnectionTimers.Timer tick;
    private final StringBuilder delivered = new StringBuilder();

    /**
     * @param transcript   what the model says
     * @param minimumAudio the least audio to stream (the transcript's own length counts otherwise)
     * @param promptUsage  usage sent before the first chunk when the model family does so
     * @param turnUsage    usage sent with {@code turnComplete}
     * @param pace         1.0 real time, 0 as fast as possible
     */
    TurnStreamer(String transcript, Duration minimumAudio, ReplyFormat format, UsageMetadata promptUsage,
            UsageMetadata turnUsage, double pace, ReplyAudioCache audioCache, ConnectionTimers timers, Outbound out,
            Listener listener) {
        this.transcript = transcript;
        this.format = format;
        this.timers = timers;
        this.out = out;
        this.listener = listener;
        this.promptUsage = promptUsage;
        this.turnUsage = turnUsage;
        this.audio = format.audio() ? audioCache.audio(format.voiceName(), transcript,
                audioSamples(transcript, minimumAudio), CHUNK_SAMPLES) : null;
        this.periodNanos = (long) (CHUNK.toNanos() * Math.max(0, pace));
        List<String> pieces = List.of(transcript.split("(?<=\\s)"));
        int chunks = audio != null ? audio.chunkCount() : pieces.size();
        this.textPerChunk = spread(pieces, Math.max(1, chunks));
    }

    /** The audio length of a reply: {@link #PER_CHARACTER} per transcript character, at least {@code minimum}. */
    static Duration audioLength(String transcript, Duration minimum) {
        Duration spoken = PER_CHARACTER.multipliedBy(transcript.length());
        return spoken.compareTo(minimum) >= 0 ? spoken : minimum;
    }

    void start() {
        startNanos = System.nanoTime();
        if (format.usageBeforeFirstModelTurn()) {
            out.send(ServerMessage.of(ServerContent.empty()).withUsage(promptUsage));
        }
        tick = timers.schedule(this::sendNext, 0);
    }

    /** Stops the stream; no further message of this turn is sent. Returns the part of the transcript already out. */
    String cancel() {
        cancelled = true;
        if (tick != null) {
            tick.cancel();
        }
        return delivered.toString();
    }

    private void sendNext() {
        if (cancelled || !out.isOpen()) {
            return;
        }
        int k = next++;
        sendChunk(k);
        if (k == 0) {
            listener.started();
        }
        if (cancelled) {
            return; // the listener may have ended the turn (a scripted fault)
        }
        if (next < textPerChunk.length) {
            long due = startNanos + next * periodNanos;
            tick = timers.schedule(this::sendNext, due - System.nanoTime());
        } else {
            out.send(ServerMessage.of(ServerContent.ofGenerationComplete()));
            out.send(ServerMessage.of(ServerContent.ofTurnComplete()).withUsage(turnUsage));
            listener.finished(transcript);
        }
    }

    private void sendChunk(int k) {
        String text = textPerChunk[k];
        delivered.append(text);
        if (audio == null) {
            out.send(ServerMessage.of(ServerContent.ofModelTurn(new Content("model", List.of(Part.ofText(text))))));
            return;
        }
        ReplyAudioCache.Chunk chunk = audio.chunk(k);
        Transcription piece = format.outputTranscription() && !text.isEmpty() ? Transcription.of(text) : null;
        if (format.partsPerServerContent()) {
            Content spoken = chunk.modelTurn().serverContent().modelTurn();
            out.send(ServerMessage.of(
                    new ServerContent(spoken, null, null, null, null, null, piece, null, null, null)));
        } else {
            out.send(chunk.modelTurn(), chunk.json());
            if (piece != null) {
                out.send(ServerMessage.of(ServerContent.ofOutputTranscription(piece)));
            }
        }
    }

    private static long audioSamples(String transcript, Duration minimum) {
        return audioLength(transcript, minimum).toMillis() * SpeechSynthesizer.SAMPLE_RATE / 1000;
    }

    /** Assigns the words evenly to the chunks, so the transcription runs along the audio. */
    private static String[] spread(List<String> pieces, int chunks) {
        String[] perChunk = new String[chunks];
        Arrays.fill(perChunk, "");
        for (int i = 0; i < pieces.size(); i++) {
            int k = (int) ((long) i * chunks / pieces.size());
            perChunk[k] += pieces.get(i);
        }
        return perChunk;
    }
}
