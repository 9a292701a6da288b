package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;

/**
 * The built-in model over a real connection at pace 1.0, where its reply timers run on the connection's I/O thread:
 * chunks never run ahead of real time, and the same reply (served from the shared audio) sounds the same each time.
 */
class RealTimeReplyTest {

    private static final long CHUNK_NANOS = 40_000_000;
    /** Generous: the reply must keep up with real time, not more. */
    private static final long SLACK_NANOS = 1_000_000_000;

    @Test
    void replyChunksArePacedInRealTimeAndTheSameReplyIsTheSameAudio() throws Exception {
        try (GeminiLiveEmulator emu = GeminiLiveEmulator.builder().build().start();
                WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            assertThat(c.next().setupComplete()).isNotNull();

            List<Chunk> first = reply(c, "Hi"); // "You said: Hi": 12 characters, 840 ms, 21 chunks
            List<Chunk> second = reply(c, "Hi");

            assertThat(first).hasSize(21);
            for (Chunk chunk : first) {
                // chunk k is due k * 40 ms after the reply started, which was after the turn was sent
                assertThat(chunk.afterSendNanos()).as("chunk %d is not ahead of real time", chunk.index())
                        .isGreaterThanOrEqualTo(chunk.index() * CHUNK_NANOS)
                        .isLessThan(chunk.index() * CHUNK_NANOS + SLACK_NANOS);
            }
            assertThat(second).hasSameSizeAs(first);
            for (int k = 0; k < first.size(); k++) {
                assertThat(second.get(k).pcm()).isEqualTo(first.get(k).pcm());
            }
        }
    }

    private record Chunk(int index, byte[] pcm, long afterSendNanos) {
    }

    private static List<Chunk> reply(WsTestClient c, String text) throws InterruptedException {
        long sent = System.nanoTime();
        c.send(Frames.text(text));
        List<Chunk> chunks = new ArrayList<>();
        for (ServerMessage m = c.next(); !isTurnComplete(m); m = c.next()) {
            ServerContent content = m.serverContent();
            if (content != null && content.modelTurn() != null) {
                Blob audio = content.modelTurn().parts().get(0).inlineData();
                chunks.add(new Chunk(chunks.size(), audio.data(), System.nanoTime() - sent));
            }
        }
        return chunks;
    }

    private static boolean isTurnComplete(ServerMessage m) {
        return m.serverContent() != null && m.serverContent().isTurnComplete();
    }
}
