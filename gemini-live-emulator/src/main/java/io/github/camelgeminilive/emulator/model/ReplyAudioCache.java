package io.github.camelgeminilive.emulator.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reply audio shared by every stream of the same reply: synthesis is deterministic per voice, transcript and length,
 * and costs far more than sending, so each chunk is rendered once, on first use, and then reused. Bounded: the least
 * recently used replies are dropped once their audio would exceed {@code maxBytes}. Thread-safe.
 */
final class ReplyAudioCache {

    /** The default bound: about six minutes of reply audio. */
    static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

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
            if (totalSamples * 2 <= maxBytes) {
                replies.put(key, fresh);
                bytes += totalSamples * 2;
                evictBeyondBound();
            }
            return fresh;
        }
    }

    /** Bytes of the replies held now (counted at their full length, rendered or not). */
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
            bytes -= it.next().getKey().totalSamples() * 2;
            it.remove();
        }
    }

    /** One reply's audio, rendered chunk by chunk on first use. The chunks returned are shared: never modify them. */
    static final class ReplyAudio {

        private final SpeechSynthesizer synthesizer;
        private final long totalSamples;
        private final int chunkSamples;
        private final AtomicReferenceArray<byte[]> chunks;

        private ReplyAudio(SpeechSynthesizer synthesizer, long totalSamples, int chunkSamples) {
            this.synthesizer = synthesizer;
            this.totalSamples = totalSamples;
            this.chunkSamples = chunkSamples;
            // an empty reply still has one (empty) chunk to carry its transcript
            this.chunks = new AtomicReferenceArray<>((int) Math.max(1, (totalSamples + chunkSamples - 1) / chunkSamples));
        }

        int chunkCount() {
            return chunks.length();
        }

        /** The little-endian PCM of chunk {@code k}; the last chunk may be shorter. */
        byte[] chunk(int k) {
            byte[] pcm = chunks.get(k);
            if (pcm == null) {
                // two streams may render the same chunk at once: both get identical bytes, one copy is kept
                long first = (long) k * chunkSamples;
                pcm = synthesizer.render(first, (int) Math.min(chunkSamples, totalSamples - first));
                chunks.set(k, pcm);
            }
            return pcm;
        }
    }
}
