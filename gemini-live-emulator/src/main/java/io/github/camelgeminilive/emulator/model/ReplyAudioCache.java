package io.github.camelgeminilive.emulator.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;

/**
 * Reply audio shared by every stream of the same reply: synthesis is deterministic per voice, transcript and length,
 * and costs far more than sending, so each chunk is rendered (and encoded as a model-turn message) once, on first
 * use, and then reused. Bounded: the least recently used replies are dropped once their weight (audio and JSON,
 * {@value #BYTES_PER_SAMPLE} bytes per sample) would exceed {@code maxBytes}. Thread-safe.
 */
final class ReplyAudioCache {

    /** The default bound: about four and a half minutes of reply audio. */
    static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    /** What a cached sample weighs: 2 bytes of PCM and about 3 of its base64 in the chunk's JSON. */
    static final int BYTES_PER_SAMPLE = 5;

    private record Key(String voiceName, String transcript, long totalSamples, int chunkSamples) {
    }

    private final long maxBytes;
    private final Map<Key, ReplyAudio> replies = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ReplyAudioCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The audio of a reply of {@code totalSamples} samples, cut into chunks of {@code chunkSamples}. */
    ReplyAudio audio(String voiceName, String transcript, long totalSamples, int chunkSamples) {
        Key key = new Key(voiceName, transcript, totalSamples, chunkSamples);
        synchronized (this) {
            ReplyAudio cached = replies.get(key);
            if (cached != null) {
                return cached;
            }
            ReplyAudio fresh = new ReplyAudio(new SpeechSynthesizer(voiceName, transcript), totalSamples, chunkSamples);
            if (weight(totalSamples) <= maxBytes) {
                replies.put(key, fresh);
                bytes += weight(totalSamples);
                evictBeyondBound();
            }
            return fresh;
        }
    }

    /** The weight of the replies held now (counted at their full length, rendered or not). */
    synchronized long bytes() {
        return bytes;
    }

    /** How many replies are held now. */
    synchronized int size() {
        return replies.size();
    }

    private void evictBeyondBound() {
        for (Iterator<Map.Entry<Key, ReplyAudio>> it = replies.entrySet().iterator(); bytes > maxBytes
                && it.hasNext();) {
            bytes -= weight(it.next().getKey().totalSamples());
            it.remove();
        }
    }

    private static long weight(long samples) {
        return samples * BYTES_PER_SAMPLE;
    }

    /**
     * One chunk of reply audio.
     *
     * @param pcm       its little-endian PCM
     * @param modelTurn the chunk on its own as a {@code serverContent.modelTurn} message
     * @param json      that message encoded
     */
    record Chunk(byte[] pcm, ServerMessage modelTurn, byte[] json) {
    }

    /** One reply's audio, made chunk by chunk on first use. The chunks returned are shared: never modify them. */
    static final class ReplyAudio {

        private final SpeechSynthesizer synthesizer;
        private final long totalSamples;
        private final int chunkSamples;
        private final AtomicReferenceArray<Chunk> chunks;

        private ReplyAudio(SpeechSynthesizer synthesizer, long totalSamples, int chunkSamples) {
            this.synthesizer = synthesizer;
            this.totalSamples = totalSamples;
            this.chunkSamples = chunkSamples;
            // an empty reply still has one (empty) chunk to carry its transcript
            long count = Math.max(1, (totalSamples + chunkSamples - 1) / chunkSamples);
            this.chunks = new AtomicReferenceArray<>((int) count);
        }

        int chunkCount() {
            return chunks.length();
        }

        /** Chunk {@code k}; the last chunk may be shorter. */
        Chunk chunk(int k) {
            Chunk chunk = chunks.get(k);
            if (chunk == null) {
                // two streams may make the same chunk at once: both get identical bytes, one copy is kept
                long first = (long) k * chunkSamples;
                byte[] pcm = synthesizer.render(first, (int) Math.min(chunkSamples, totalSamples - first));
                ServerMessage message = ServerMessage.of(ServerContent.ofModelTurn(new Content("model",
                        List.of(Part.ofInlineData(SpeechSynthesizer.MIME_TYPE, pcm)))));
                chunk = new Chunk(pcm, message, LiveJson.get().writeBytes(message));
                chunks.set(k, chunk);
            }
            return chunk;
        }
    }
}
