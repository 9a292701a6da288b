package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;

class ReplyAudioCacheTest {

    private static final int CHUNK = 960;

    @Test
    void chunksAreTheSynthesizersAudioWithAShortLastChunk() {
        ReplyAudioCache cache = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);
        ReplyAudioCache.ReplyAudio audio = cache.audio("Puck", "You said: hi", 2_500, CHUNK);
        SpeechSynthesizer direct = new SpeechSynthesizer("Puck", "You said: hi");

        assertThat(audio.chunkCount()).isEqualTo(3);
        assertThat(audio.chunk(0).pcm()).isEqualTo(direct.render(0, CHUNK));
        assertThat(audio.chunk(1).pcm()).isEqualTo(direct.render(CHUNK, CHUNK));
        assertThat(audio.chunk(2).pcm()).isEqualTo(direct.render(2 * CHUNK, 2_500 - 2 * CHUNK)).hasSize(2 * 580);
    }

    @Test
    void eachChunkIsAModelTurnMessageEncodedExactlyAsTheCodecWritesIt() {
        ReplyAudioCache.Chunk chunk = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES)
                .audio("Puck", "You said: hi", 2_500, CHUNK).chunk(1);

        ServerMessage expected = ServerMessage.of(ServerContent.ofModelTurn(new Content("model",
                List.of(Part.ofInlineData("audio/pcm;rate=24000", chunk.pcm())))));
        assertThat(chunk.modelTurn()).isEqualTo(expected);
        assertThat(chunk.json()).isEqualTo(LiveJson.get().writeBytes(expected));
        assertThat(LiveJson.get().readServer(chunk.json())).isEqualTo(expected);
    }

    @Test
    void anEmptyReplyHasOneEmptyChunk() {
        ReplyAudioCache.ReplyAudio audio = new ReplyAudioCache(1_000).audio(null, "", 0, CHUNK);

        assertThat(audio.chunkCount()).isEqualTo(1);
        assertThat(audio.chunk(0).pcm()).isEmpty();
    }

    @Test
    void theSameReplyIsRenderedOnceAndShared() {
        ReplyAudioCache cache = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);
        ReplyAudioCache.ReplyAudio first = cache.audio("Puck", "You said: hi", 5_000, CHUNK);
        ReplyAudioCache.Chunk chunk = first.chunk(1);

        ReplyAudioCache.ReplyAudio again = cache.audio("Puck", "You said: hi", 5_000, CHUNK);

        assertThat(again).isSameAs(first);
        assertThat(again.chunk(1)).isSameAs(chunk);
    }

    @Test
    void voiceTranscriptAndLengthEachMakeADifferentReply() {
        ReplyAudioCache cache = new ReplyAudioCache(ReplyAudioCache.DEFAULT_MAX_BYTES);
        ReplyAudioCache.ReplyAudio base = cache.audio("Puck", "You said: hi", 5_000, CHUNK);

        byte[] first = base.chunk(0).pcm();
        assertThat(cache.audio("Kore", "You said: hi", 5_000, CHUNK).chunk(0).pcm()).isNotEqualTo(first);
        assertThat(cache.audio("Puck", "You said: ho", 5_000, CHUNK).chunk(0).pcm()).isNotEqualTo(first);
        assertThat(cache.audio("Puck", "You said: hi", 4_000, CHUNK).chunkCount()).isEqualTo(5);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void staysWithinItsBoundDroppingTheLeastRecentlyUsedReply() {
        // room for two replies of 1000 samples
        ReplyAudioCache cache = new ReplyAudioCache(2 * 1_000 * ReplyAudioCache.BYTES_PER_SAMPLE);
        ReplyAudioCache.ReplyAudio a = cache.audio(null, "a", 1_000, CHUNK);
        ReplyAudioCache.ReplyAudio b = cache.audio(null, "b", 1_000, CHUNK);
        cache.audio(null, "a", 1_000, CHUNK); // a is now the most recently used

        cache.audio(null, "c", 1_000, CHUNK);

        assertThat(cache.bytes()).isEqualTo(2 * 1_000 * ReplyAudioCache.BYTES_PER_SAMPLE);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.audio(null, "a", 1_000, CHUNK)).isSameAs(a);
        assertThat(cache.audio(null, "b", 1_000, CHUNK)).as("b was evicted").isNotSameAs(b);
    }

    @Test
    void aReplyLargerThanTheBoundIsRenderedButNotKept() {
        ReplyAudioCache cache = new ReplyAudioCache(9_999 * ReplyAudioCache.BYTES_PER_SAMPLE);
        ReplyAudioCache.ReplyAudio big = cache.audio(null, "long", 10_000, CHUNK);

        assertThat(big.chunk(10).pcm()).isEqualTo(new SpeechSynthesizer(null, "long").render(9_600, 400));
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }
}
