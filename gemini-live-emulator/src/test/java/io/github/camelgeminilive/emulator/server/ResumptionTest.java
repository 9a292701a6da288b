package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.ServerMessage;

/** A setup with a resumption handle continues the session it came from. */
class ResumptionTest {

    private static GeminiLiveEmulator emu;
    private static RecordingEngine engine;

    @BeforeAll
    static void start() {
        engine = new RecordingEngine();
        emu = GeminiLiveEmulator.builder().engine(engine).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void resumeByHandleKeepsSessionIdAndHistory() throws Exception {
        String sessionId;
        String handle;
        try (WsTestClient first = connect()) {
            first.send(Frames.setup(Frames.NATIVE_AUDIO));
            sessionId = first.next().setupComplete().sessionId();
            first.send(Frames.text("My name is Alice"));
            handle = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate().newHandle();
            first.send(Frames.text("not in the handle"));
            first.next(m -> m.sessionResumptionUpdate() != null);
            first.closeNormally();
        }
        try (WsTestClient second = connect()) {
            second.send(Frames.setupResuming(Frames.NATIVE_AUDIO, handle));
            ServerMessage complete = second.next();
            assertThat(complete.setupComplete().sessionId()).isEqualTo(sessionId);
            // the handle captured the state after the first turn: later turns are the client's to replay
            assertThat(lastContext().session().history()).containsExactly(Content.userText("My name is Alice"));
            assertThat(emu.admin().session(sessionId).orElseThrow().connections()).hasSize(2);
            assertThat(emu.admin().session(sessionId).orElseThrow().openConnections()).isEqualTo(1);
        }
    }

    @Test
    void resumeWhileTheEarlierConnectionIsOpenClosesWith1011() throws Exception {
        try (WsTestClient first = connect()) {
            first.send(Frames.setup(Frames.NATIVE_AUDIO));
            String sessionId = first.next().setupComplete().sessionId();
            first.send(Frames.text("hello"));
            String handle = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate()
                    .newHandle();
            try (WsTestClient second = connect()) {
                second.send(Frames.setupResuming(Frames.NATIVE_AUDIO, handle));
                WsTestClient.Close close = second.awaitClose();
                assertThat(close.code()).isEqualTo(1011);
                assertThat(close.reason()).contains("open connection");
            }
            // the earlier connection is untouched and still serves the session
            first.send(Frames.text("still here"));
            assertThat(first.next(m -> m.sessionResumptionUpdate() != null)).isNotNull();
            assertThat(emu.admin().session(sessionId).orElseThrow().openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aResumedSessionCannotChangeItsModel() throws Exception {
        String handle;
        try (WsTestClient first = connect()) {
            first.send(Frames.setup(Frames.NATIVE_AUDIO));
            first.next();
            first.send(Frames.text("hello"));
            handle = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate().newHandle();
            first.closeNormally();
        }
        try (WsTestClient second = connect()) {
            second.send(Frames.setupResuming(Frames.FLASH_LIVE_3_1, handle));
            WsTestClient.Close close = second.awaitClose();
            assertThat(close.code()).isEqualTo(1007);
            assertThat(close.reason()).contains("cannot change its model");
        }
    }

    private static WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"));
    }

    private static io.github.camelgeminilive.emulator.model.ConnectionContext lastContext() {
        return engine.contexts.get(engine.contexts.size() - 1);
    }
}
