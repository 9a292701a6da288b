package io.github.camelgeminilive.session.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.SendRefusedException;

/** Frames too large to send fail clearly on the caller's thread, or at the connection's configured bound. */
class FrameSizeLimitTest {

    private static final String KEY = "frame-size-key-7";
    private static final int OVER_CODEC_LIMIT = LiveJson.MAX_MESSAGE_BYTES / 4 * 3; // base64 alone reaches the limit

    @Test
    void aFrameOverTheCodecLimitFailsWithTheSizeAndTheLimitNamed() {
        byte[] pcm = new byte[OVER_CODEC_LIMIT];

        assertThatThrownBy(() -> EncodedFrame.audio(pcm, 0, pcm.length, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Realtime audio frame too large: " + OVER_CODEC_LIMIT + " bytes encode to ")
                .hasMessageEndingWith("over the limit of " + LiveJson.MAX_MESSAGE_BYTES + " bytes");
        assertThatThrownBy(() -> EncodedFrame.message(ClientMessage.of(RealtimeInput.ofAudio(
                new Blob("audio/pcm;rate=16000", pcm)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the limit of " + LiveJson.MAX_MESSAGE_BYTES + " bytes");
    }

    @ParameterizedTest(name = "resilient={0}")
    @ValueSource(booleans = {false, true})
    void aFrameOverTheConnectionsOutgoingBoundIsRefusedAtOnceCountedAndTheSessionGoesOn(boolean resilient)
            throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).build().start();
                LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY)
                        .withLimits(0, 1024 * 1024))) {
            EventRecorder events = new EventRecorder();
            SessionOptions options = SessionOptions.of(Setup.builder(Resilience.MODEL).build());
            LiveSession session = resilient
                    ? client.connectResilient(options, Resilience.options(false), events).get(10, TimeUnit.SECONDS)
                    : client.connect(options, null, events).get(10, TimeUnit.SECONDS);

            CompletableFuture<Void> refused = session.sendAudio(new byte[3 * 1024 * 1024], null);

            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).hasRootCauseInstanceOf(SendRefusedException.class)
                    .hasMessageContaining("bound of 1048576 bytes (maxOutgoingBytes)");
            assertThat(session.metrics().refusedSends()).isEqualTo(1);
            session.sendText("still here").get(5, TimeUnit.SECONDS);
            events.awaitCount(LiveEvent.TurnComplete.class, 1);
            session.close();
        }
    }
}
