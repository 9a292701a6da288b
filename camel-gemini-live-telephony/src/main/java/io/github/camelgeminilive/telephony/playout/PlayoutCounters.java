package io.github.camelgeminilive.telephony.playout;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** What the playouts of one bridge sent and dropped, since it was made. Thread-safe. */
public final class PlayoutCounters {

    final LongAdder framesOut = new LongAdder();
    final LongAdder silenceFramesOut = new LongAdder();
    final LongAdder marksSent = new LongAdder();
    final LongAdder clears = new LongAdder();
    final LongAdder interruptedAudioBytes = new LongAdder();
    final LongAdder overflowAudioBytes = new LongAdder();
    final LongAdder endedAudioBytes = new LongAdder();

    /** 20 ms frames sent to callers. */
    public long framesOut() {
        return framesOut.sum();
    }

    /** 20 ms frames of comfort silence sent to callers while the model was silent (SIP). */
    public long silenceFramesOut() {
        return silenceFramesOut.sum();
    }

    /** Marks sent after the audio of a turn. */
    public long marksSent() {
        return marksSent.sum();
    }

    /** Barge-ins that dropped the unplayed audio. */
    public long clears() {
        return clears.sum();
    }

    /** G.711 bytes (8 per ms) dropped unplayed on barge-in. */
    public long interruptedAudioBytes() {
        return interruptedAudioBytes.sum();
    }

    /** G.711 bytes dropped because a call held more than its playout buffer (oldest first). */
    public long overflowAudioBytes() {
        return overflowAudioBytes.sum();
    }

    /** G.711 bytes dropped because the call had ended. */
    public long endedAudioBytes() {
        return endedAudioBytes.sum();
    }

    /** Adds every count to {@code counts}, named as the getters with the prefix {@code playout.}. */
    public void addTo(Map<String, LongSupplier> counts) {
        counts.put("playout.framesOut", this::framesOut);
        counts.put("playout.silenceFramesOut", this::silenceFramesOut);
        counts.put("playout.marksSent", this::marksSent);
        counts.put("playout.clears", this::clears);
        counts.put("playout.interruptedAudioBytes", this::interruptedAudioBytes);
        counts.put("playout.overflowAudioBytes", this::overflowAudioBytes);
        counts.put("playout.endedAudioBytes", this::endedAudioBytes);
    }

    /** Counts audio (G.711 bytes, 8 per ms) that reached no call (it had ended or was never known). */
    public void endedAudio(long bytes) {
        endedAudioBytes.add(bytes);
    }
}
