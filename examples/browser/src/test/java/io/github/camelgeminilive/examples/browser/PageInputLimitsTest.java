package io.github.camelgeminilive.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketEndpoint;

/**
 * What the routes take from a page, tried with a plain WebSocket client: the page and its scripts are served, and
 * every kind of bad input closes the connection with its own code and is counted.
 */
@ExtendWith(RunningApp.PerClass.class)
class PageInputLimitsTest {

    private static final long WAIT_SECONDS = 30;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void thePageAndItsScriptsAreServedWithTheirTypes(RunningApp app) throws Exception {
        assertServed(app, "/", "text/html", "<button id=\"talk\"");
        assertServed(app, "/app.js", "text/javascript", "/audio?rate=");
        assertServed(app, "/worklets.js", "text/javascript", "registerProcessor('pcm-player'");
    }

    @Test
    void aPageMustDeclareARateFrom8To48kHz(RunningApp app) throws Exception {
        long before = app.bridge().getCounters().closed(CloseReason.RATE);
        assertThat(closeOf(connect(app, "/audio"), null)).isEqualTo(1008);
        assertThat(closeOf(connect(app, "/audio?rate=96000"), null)).isEqualTo(1008);
        assertThat(closeOf(connect(app, "/audio?rate=7999"), null)).isEqualTo(1008);
        assertThat(closeOf(connect(app, "/audio?rate=4800000000"), null)).isEqualTo(1008);
        assertThat(app.bridge().getCounters().closed(CloseReason.RATE)).isEqualTo(before + 4);
    }

    @Test
    void aTextMessageIsRefusedWith1003(RunningApp app) throws Exception {
        Peer peer = connect(app, "/audio?rate=48000");
        peer.socket.sendText("{\"hello\":1}", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(closeOf(peer, null)).isEqualTo(1003);
        assertThat(app.bridge().getCounters().closed(CloseReason.TEXT)).isPositive();
    }

    @Test
    void aFrameOfHalfASampleOrUnder10MsIsRefusedWith1007(RunningApp app) throws Exception {
        long before = app.bridge().getCounters().closed(CloseReason.FRAME);
        assertThat(closeOf(connect(app, "/audio?rate=16000"), new byte[641])).isEqualTo(1007);
        assertThat(closeOf(connect(app, "/audio?rate=16000"), new byte[318])).isEqualTo(1007); // 9.9 ms
        assertThat(closeOf(connect(app, "/audio?rate=48000"), new byte[2])).isEqualTo(1007);
        assertThat(app.bridge().getCounters().closed(CloseReason.FRAME)).isEqualTo(before + 3);
    }

    @Test
    void aFrameOver100MsAt48kHzIsRefusedWith1009(RunningApp app) throws Exception {
        GeminiLiveWebsocketEndpoint audio = app.context.getEndpoints().stream()
                .filter(GeminiLiveWebsocketEndpoint.class::isInstance).map(GeminiLiveWebsocketEndpoint.class::cast)
                .filter(e -> e.getPath().equals("/audio") && e.getMaxMessageSize() == 9600).findFirst().orElseThrow();
        long before = audio.getOversizeMessages();
        assertThat(closeOf(connect(app, "/audio?rate=48000"), new byte[9602])).isEqualTo(1009);
        // Undertow answers 1009 before the endpoint counts it
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> audio.getOversizeMessages() == before + 1);
    }

    @Test
    void audioFasterThanRealTimeIsRefusedWith1008(RunningApp app) throws Exception {
        // 20 ms frames as fast as the socket takes them: 2 s of burst are gone after about 100 frames
        Peer peer = connect(app, "/audio?rate=8000");
        byte[] frame = new byte[320];
        for (int i = 0; i < 1000 && !peer.closed.isDone(); i++) {
            peer.socket.sendBinary(ByteBuffer.wrap(frame), true).exceptionally(e -> null).get(WAIT_SECONDS,
                    TimeUnit.SECONDS);
        }
        assertThat(peer.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(app.bridge().getCounters().closed(CloseReason.FLOOD)).isPositive();
        // the page's close ended its session, which its first frame opened
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> app.bridge().getPages() == 0
                && app.emulator.admin().sessions().stream().mapToInt(SessionInfo::openConnections).sum() == 0);
    }

    @Test
    void aPageWhoseSessionCannotOpenIsClosedWith1011() throws Exception {
        try (RunningApp refused = RunningApp.start("not-the-key", Map.of())) {
            Peer peer = connect(refused, "/audio?rate=16000");
            byte[] frame = new byte[640];
            // frames until the route closes: the first one's session is refused, the ones after it are dropped
            for (int i = 0; i < 50 && !peer.closed.isDone(); i++) {
                peer.socket.sendBinary(ByteBuffer.wrap(frame), true).exceptionally(e -> null).get(WAIT_SECONDS,
                        TimeUnit.SECONDS);
            }
            assertThat(peer.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1011);
            assertThat(refused.bridge().getCounters().closed(CloseReason.MODEL)).isEqualTo(1);
        }
    }

    @Test
    void aSessionThatEndsClosesItsPageWith1000() throws Exception {
        try (RunningApp idle = RunningApp.start(RunningApp.KEY,
                Map.of("browser.sessions", "gemini-live:pages?openOnStart=false&idleTimeout=1s"))) {
            Peer peer = connect(idle, "/audio?rate=16000");
            // one frame opens the session; nothing more comes, so it ends idle
            assertThat(closeOf(peer, new byte[640])).isEqualTo(1000);
            assertThat(peer.texts).containsExactly("{\"type\":\"closed\"}");
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> idle.bridge().getPages() == 0);
        }
    }

    private static void assertServed(RunningApp app, String path, String type, String content) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(app.url(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith(type));
        assertThat(response.body()).contains(content);
    }

    /** The code the route closes {@code peer} with, after it sent {@code frame} (if any). */
    private static int closeOf(Peer peer, byte[] frame) throws Exception {
        if (frame != null) {
            peer.socket.sendBinary(ByteBuffer.wrap(frame), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        return peer.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Peer connect(RunningApp to, String pathAndQuery) {
        Peer peer = new Peer();
        peer.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + to.port + pathAndQuery),
                peer).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return peer;
    }

    /** A page that talks: it keeps the texts it got (whole ones) and tells the close code. */
    private static final class Peer implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            texts.add(data.toString()); // the route's texts are small: one frame each
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
