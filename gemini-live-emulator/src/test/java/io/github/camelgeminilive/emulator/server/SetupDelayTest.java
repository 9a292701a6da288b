package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** A setup delay holds each connection's setup unread for that long: a slow handshake, as the client sees it. */
class SetupDelayTest {

    private static final Duration DELAY = Duration.ofMillis(400);

    @Test
    void setupCompleteComesNoSoonerThanTheDelayAfterTheConnectionOpened() throws Exception {
        try (GeminiLiveEmulator emu = GeminiLiveEmulator.builder().engine(new RecordingEngine()).setupDelay(DELAY)
                .build().start()) {
            long opened = System.nanoTime();
            try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
                c.send(Frames.setup(Frames.NATIVE_AUDIO));
                assertThat(c.next().setupComplete()).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(DELAY);
                c.send(Frames.text("hello")); // then frames are read as usual
                assertThat(c.next(m -> m.sessionResumptionUpdate() != null)).isNotNull();
            }
        }
    }

    @Test
    void theDelayIsBounded() {
        assertThatThrownBy(() -> GeminiLiveEmulator.builder().setupDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeminiLiveEmulator.builder().setupDelay(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
