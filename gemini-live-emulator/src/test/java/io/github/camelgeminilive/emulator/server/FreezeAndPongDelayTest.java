package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/** The emulator answers pings itself: a frozen connection never does, and pongs can be delayed. */
class FreezeAndPongDelayTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().engine(new RecordingEngine()).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @AfterEach
    void immediatePongs() {
        emu.admin().pongDelay(Duration.ZERO);
    }

    @Test
    void aFrozenConnectionAnswersNothingButStaysOpenUntilAResumeTakesOver() throws Exception {
        try (WsTestClient first = connect()) {
            first.send(Frames.setup(Frames.NATIVE_AUDIO));
            String id = first.next().setupComplete().sessionId();
            first.send(Frames.text("hello"));
            String handle = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate()
                    .newHandle();
            first.ping("before").get(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(AdminHttp.post(emu, "/emulator/sessions/" + id + "/freeze").statusCode()).isEqualTo(200);
            CompletableFuture<Void> pong = first.ping("frozen");
            first.send(Frames.text("anyone there?"));
            assertThat(pong).as("no pong from a frozen connection").failsWithin(QUIET);
            assertThat(first.frames).as("nothing sent").isEmpty();
            assertThat(first.closed).as("the TCP connection stays up").isNotDone();
            SessionInfo info = emu.admin().session(id).orElseThrow();
            assertThat(info.openConnections()).isEqualTo(1);
            assertThat(info.clientMessages()).as("frames are no longer read").isEqualTo(1);
            assertThat(info.connections()).singleElement().satisfies(c -> assertThat(c.frozen()).isTrue());
            assertThat(AdminHttp.post(emu, "/emulator/sessions/" + id + "/close?code=1011").statusCode())
                    .as("a frozen connection sends no close frame").isEqualTo(409);
            emu.admin().freeze(id); // again: nothing changes

            try (WsTestClient second = connect()) {
                second.send(Frames.setupResuming(Frames.NATIVE_AUDIO, handle));
                assertThat(second.next().setupComplete().sessionId()).isEqualTo(id);
                second.ping("after").get(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            Awaitility.await().until(first.closed::isDone);
            assertThat(first.closed).satisfiesAnyOf(
                    f -> assertThat(f).isCompletedExceptionally(),
                    f -> assertThat(f.join().code()).as("dropped, no close frame").isEqualTo(1006));
        }
    }

    @Test
    void pongsComeNoSoonerThanTheDelay() throws Exception {
        assertThat(AdminHttp.post(emu, "/emulator/pong-delay?delay=0.400s").statusCode()).isEqualTo(200);
        assertThat(AdminHttp.get(emu, "/emulator/stats").body()).contains("\"pongDelay\":\"0.400s\"");
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            c.next();
            long sent = System.nanoTime();
            c.ping("slow").get(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

            emu.admin().pongDelay(Duration.ZERO);
            c.ping("fast").get(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(AdminHttp.post(emu, "/emulator/pong-delay?delay=-1s").statusCode()).isEqualTo(400);
        assertThat(AdminHttp.post(emu, "/emulator/pong-delay").statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> emu.admin().pongDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"));
    }
}
