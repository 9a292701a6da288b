package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The admin API against what a web page in a local browser can make it receive (cross-origin requests, form posts,
 * DNS rebinding), and against hostile parameters: refused with a clear JSON error, never served, never a 500.
 */
class AdminHardeningTest {

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().engine(new RecordingEngine()).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    /** A test that fails by changing the delay must not fail the next ones. */
    @AfterEach
    void resetPongDelay() {
        emu.admin().pongDelay(Duration.ZERO);
    }

    @Test
    void aCrossOriginPostIsRefused() {
        HttpResponse<String> answer = AdminHttp.send(HttpRequest.newBuilder(
                AdminHttp.uri(emu, "/emulator/pong-delay?delay=30s")).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("\"error\"").contains("cross-origin");
        assertPongDelayUntouched();
    }

    /** The one request older browsers send cross-site without an Origin: an HTML form's, which has a body. */
    @Test
    void aFormPostIsRefused() {
        HttpResponse<String> answer = AdminHttp.send(HttpRequest.newBuilder(
                AdminHttp.uri(emu, "/emulator/pong-delay?delay=30s"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("delay=30s")).build());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.body()).contains("no body");
        assertPongDelayUntouched();
    }

    @Test
    void theEmulatorsOwnOriginAndPlainCallersAreServed() {
        String own = "http://" + AdminHttp.uri(emu, "").getAuthority();
        HttpResponse<String> sameOrigin = AdminHttp.send(HttpRequest.newBuilder(AdminHttp.uri(emu, "/emulator/stats"))
                .header("Origin", own).GET().build());
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(AdminHttp.post(emu, "/emulator/pong-delay?delay=0s").statusCode()).as("as curl -X POST sends it")
                .isEqualTo(200);
    }

    /** After DNS rebinding, a page reaches 127.0.0.1 under its own name, and its requests say so. */
    @ParameterizedTest
    @ValueSource(strings = {"evil.example:PORT", "evil.example", "127.0.0.1:1", "localhost.evil.example:PORT", ""})
    void aRequestForAnotherHostIsRefused(String host) throws IOException {
        String response = raw("GET /emulator/sessions HTTP/1.1\r\nHost: " + host.replace("PORT",
                String.valueOf(emu.port())) + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 403").contains("\"error\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:PORT", "127.0.0.1:PORT", "LOCALHOST:PORT"})
    void aRequestForThisHostIsServed(String host) throws IOException {
        String response = raw("GET /emulator/stats HTTP/1.1\r\nHost: " + host.replace("PORT",
                String.valueOf(emu.port())) + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"goaway?timeLeft=99999999999999999999s", "goaway?timeLeft=999999999999s",
            "goaway?timeLeft=3601s", "goaway?timeLeft=-1s", "close?code=abc", "close?code=99999",
            "close?code=99999999999", "close?code=1011&reason=LONG", "PONG?delay=-1s", "PONG?delay=3601s",
            "PONG?delay=999999999999s", "PONG?delay=abc"})
    void oversizedOrMalformedParametersGetA400(String action) throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            String id = c.next().setupComplete().sessionId();
            String path = action.startsWith("PONG") ? "/emulator/pong-delay" + action.substring("PONG".length())
                    : "/emulator/sessions/" + id + "/" + action.replace("LONG", "x".repeat(10_000));
            HttpResponse<String> answer = AdminHttp.post(emu, path);
            assertThat(answer.statusCode()).as(action).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(answer.body()).startsWith("{\"error\":\"").hasSizeLessThan(300);
            assertThat(c.closed).as("a refused action leaves the connection alone").isNotDone();
            assertPongDelayUntouched();
        }
    }

    private static void assertPongDelayUntouched() {
        assertThat(AdminHttp.get(emu, "/emulator/stats").body()).contains("\"pongDelay\":\"0s\"");
    }

    /** One request over a plain socket: the JDK's HTTP client does not let a caller set Host. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
