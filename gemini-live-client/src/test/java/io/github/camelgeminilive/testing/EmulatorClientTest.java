package io.github.camelgeminilive.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** A fresh emulator (fast pace) and a client pointed at it, for each test. */
public abstract class EmulatorClientTest {

    protected GeminiLiveEmulator emulator;
    protected LiveClient client;

    @BeforeEach
    void startEmulatorAndClient() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"));
    }

    @AfterEach
    void stopEmulatorAndClient() {
        client.close();
        emulator.close();
    }
}
