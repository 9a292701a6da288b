package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyAudioCacheTest {

    private static final int CHUNK = 960;

    @Test
    void chunksAreTheSynthesizersAudioWithAShortLastChunk() {
        ReplyAudioCache cache = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);
        ReplyAudioCache.ReplyAudio audio = cache.audio("Puck", "You said: hi", 2_500, CHUNK);
        SpeechSynthesizer direct = new SpeechSynthesizer("Puck", "You said: hi");

        assertThat(audio.chunkCount()).isEqualTo(3);
        assertThat(audio.chunk(0)).isEqualTo(direct.render(0, CHUNK));
        assertThat(audio.chunk(1)).isEqualTo(direct.render(CHUNK, CHUNK));
        assertThat(audio.chunk(2)).isEqualTo(direct.render(2 * CHUNK, 2_500 - 2 * CHUNK)).hasSize(2 * 580);
    }

    @Test
    void anEmptyReplyHasOneEmptyChunk() {
        ReplyAudioCache.ReplyAudio audio = new ReplyAudioCache(1_000).audio(null, "", 0, CHUNK);

        assertThat(audio.chunkCount()).isEqualTo(1);
        assertThat(audio.chunk(0)).isEmpty();
    }

    @Test
    void theSameReplyIsRenderedOnceAndShared() {
        ReplyAudioCache cache = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);
        ReplyAudioCache.ReplyAudio first = cache.audio("Puck", "You said: hi", 5_000, CHUNK);
        byte[] chunk = first.chunk(1);

        ReplyAudioCache.ReplyAudio again = cache.audio("Puck", "You said: hi", 5_000, CHUNK);

        assertThat(again).isSameAs(first);
        assertThat(again.chunk(1)).isSameAs(chunk);
    }

    @Test
    void voiceTranscriptAndLengthEachMakeADifferentReply() {
        ReplyAudioCache cache = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);
        ReplyAudioCache.ReplyAudio base = cache.audio("Puck", "You said: hi", 5_000, CHUNK);

        assertThat(cache.audio("Kore", "You said: hi", 5_000, CHUNK).chunk(0)).isNotEqualTo(base.chunk(0));
        assertThat(cache.audio("Puck", "You said: ho", 5_000, CHUNK).chunk(0)).isNotEqualTo(base.chunk(0));
        assertThat(cache.audio("Puck", "You said: hi", 4_000, CHUNK).chunkCount()).isEqualTo(5);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void staysWithinItsBoundDroppingTheLeastRecentlyUsedReply() {
        // room for two replies of 1000 samples (2000 bytes each)
        ReplyAudioCache cache = new ReplyAudioCache(4_000);
        ReplyAudioCache.ReplyAudio a = cache.audio(null, "a", 1_000, CHUNK);
        ReplyAudioCache.ReplyAudio b = cache.audio(null, "b", 1_000, CHUNK);
        cache.audio(null, "a", 1_000, CHUNK); // a is now the most recently used

        cache.audio(null, "c", 1_000, CHUNK);

        assertThat(cache.bytes()).isEqualTo(4_000);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.audio(null, "a", 1_000, CHUNK)).isSameAs(a);
        assertThat(cache.audio(null, "b", 1_000, CHUNK)).as("b was evicted").isNotSameAs(b);
    }

    @Test
    void aReplyLargerThanTheBoundIsRenderedButNotKept() {
        ReplyAudioCache cache = new ReplyAudioCache(4_000);
        ReplyAudioCache.ReplyAudio big = cache.audio(null, "long", 10_000, CHUNK);

        assertThat(big.chunk(10)).isEqualTo(new SpeechSynthesizer(null, "long").render(9_600, 400));
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }
}
