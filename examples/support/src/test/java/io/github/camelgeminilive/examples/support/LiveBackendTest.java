package io.github.camelgeminilive.examples.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A real API key goes only over TLS or to this machine. */
class LiveBackendTest {

    private static final String KEY = "AIza-not-a-real-key";

    @Test
    void aKeyIsNotSentOverPlainWebSocketToAnotherMachine() {
        for (String url : new String[] {"ws://example.com:8765", "ws://10.0.0.7:8765", "http://example.com",
                "ws://127.example.com:8765", "ws://[::2]:8765"}) {
            assertThatThrownBy(() -> LiveBackend.at(url, KEY)).as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unencrypted").hasMessageNotContaining(KEY);
        }
    }

    @Test
    void aKeyGoesOverTlsOrToThisMachine() {
        for (String url : new String[] {"wss://example.com", "WSS://example.com", "ws://127.0.0.1:8765",
                "ws://localhost:8765", "ws://[::1]:8765", "ws://127.1.2.3:8765"}) {
            try (LiveBackend backend = LiveBackend.at(url, KEY)) {
                assertThat(backend.apiKey()).as(url).isEqualTo(KEY);
                assertThat(backend.baseUrl()).isEqualTo(url);
            }
        }
    }

    @Test
    void withoutAKeyAnyUrlIsAnEmulatorOfTheUsersOwn() {
        try (LiveBackend backend = LiveBackend.at("ws://10.0.0.7:8765", null)) {
            assertThat(backend.apiKey()).isNotEqualTo(KEY).isNotBlank();
        }
    }
}
