package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;

/** The admin API over HTTP (and its Java twin): counters, goAway, close with a code, drop. */
class AdminApiTest {

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().engine(new RecordingEngine()).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void listsSessionsWithCountersPerConnectionAndInTotal() throws Exception {
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            String id = c.next().setupComplete().sessionId();
            c.send(Frames.audio(new byte[3200]));
            c.send(Frames.audio(new byte[640]));
            c.send(Frames.video(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}));
            Awaitility.await().until(() -> emu.admin().session(id).orElseThrow().clientMessages() == 3);

            HttpResponse<String> list = get("/emulator/sessions");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("Content-Type")).hasValue("application/json");
            List<SessionInfo> sessions = LiveJson.get().mapper().readValue(list.body(), new TypeReference<>() {
            });
            SessionInfo info = sessions.stream().filter(s -> s.sessionId().equals(id)).findFirst().orElseThrow();
            assertThat(info.model()).isEqualTo(Frames.NATIVE_AUDIO);
            assertThat(info.openConnections()).isEqualTo(1);
            assertThat(info.clientMessages()).isEqualTo(3);
            assertThat(info.audioSamplesReceived()).isEqualTo(1920);
            assertThat(info.audioSamplesInState()).isEqualTo(1920);
            assertThat(info.connectionsOpened()).isEqualTo(1);
            assertThat(list.body()).contains("\"audioSamplesReceived\":1920", "\"audioSamplesInState\":1920")
                    .doesNotContain("\"audioSamples\":");
            assertThat(info.videoFrames()).isEqualTo(1);
            assertThat(info.connections()).singleElement().satisfies(conn -> {
                assertThat(conn.open()).isTrue();
                assertThat(conn.audioSamplesReceived()).isEqualTo(1920);
                assertThat(conn.frozen()).isFalse();
                assertThat(conn.videoFrames()).isEqualTo(1);
            });

            HttpResponse<String> one = get("/emulator/sessions/" + id);
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(LiveJson.get().mapper().readValue(one.body(), SessionInfo.class)).isEqualTo(info);
        }
    }

    @Test
    void goAwayIsSentNowAndTheConnectionEndsWhenTimeRunsOut() throws Exception {
        try (WsTestClient c = connect()) {
            String id = setUp(c);
            assertThat(post("/emulator/sessions/" + id + "/goaway?timeLeft=0.300s").statusCode()).isEqualTo(200);
            ServerMessage goAway = c.next();
            assertThat(goAway.goAway().timeLeft()).isEqualTo(Duration.ofMillis(300));
            assertThat(c.awaitClose().code()).isEqualTo(1000);
        }
    }

    @Test
    void closeSendsTheGivenCodeAndReason() throws Exception {
        try (WsTestClient c = connect()) {
            String id = setUp(c);
            assertThat(post("/emulator/sessions/" + id + "/close?code=1011&reason=scripted%20failure").statusCode())
                    .isEqualTo(200);
            WsTestClient.Close close = c.awaitClose();
            assertThat(close.code()).isEqualTo(1011);
            assertThat(close.reason()).isEqualTo("scripted failure");
            Awaitility.await().until(() -> emu.admin().session(id).orElseThrow().openConnections() == 0);
            HttpResponse<String> again = post("/emulator/sessions/" + id + "/close?code=1011");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("no open connection");
        }
    }

    @Test
    void dropEndsTheConnectionWithoutACloseFrame() throws Exception {
        try (WsTestClient c = connect()) {
            String id = setUp(c);
            assertThat(post("/emulator/sessions/" + id + "/drop").statusCode()).isEqualTo(200);
            Awaitility.await().until(c.closed::isDone);
            assertThat(c.closed).satisfiesAnyOf(
                    f -> assertThat(f).isCompletedExceptionally(),
                    f -> assertThat(f.join().code()).as("abnormal closure, no close frame").isEqualTo(1006));
            assertThat(emu.admin().session(id).orElseThrow().openConnections()).isZero();
        }
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        try (WsTestClient c = connect()) {
            String id = setUp(c);
            assertThat(post("/emulator/sessions/nope/drop").statusCode()).isEqualTo(404);
            assertThat(get("/emulator/sessions/nope").statusCode()).isEqualTo(404);
            assertThat(get("/emulator/other").statusCode()).isEqualTo(404);
            HttpResponse<String> badCode = post("/emulator/sessions/" + id + "/close?code=1006");
            assertThat(badCode.statusCode()).isEqualTo(400);
            assertThat(badCode.body()).contains("1006");
            assertThat(post("/emulator/sessions/" + id + "/goaway?timeLeft=soon").statusCode()).isEqualTo(400);
            assertThat(post("/emulator/sessions/" + id + "/goaway").body()).contains("timeLeft");
            assertThat(get("/emulator/sessions/" + id + "/drop").statusCode()).isEqualTo(405);
            assertThat(c.closed).as("bad admin requests leave the connection alone").isNotDone();
        }
    }

    /** A few dozen bytes of exponent used to cost a minute of big-number arithmetic on the admin thread. */
    @Test
    void hostileDurationsGetA400AtOnce() throws Exception {
        try (WsTestClient c = connect()) {
            String id = setUp(c);
            for (String path : List.of("/emulator/sessions/" + id + "/goaway?timeLeft=1e99999999s",
                    "/emulator/sessions/" + id + "/goaway?timeLeft=1e999999999s",
                    "/emulator/pong-delay?delay=1e-99999999s",
                    "/emulator/pong-delay?delay=" + "9".repeat(5000) + "s")) {
                HttpResponse<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> post(path));
                assertThat(answer.statusCode()).as(path).isEqualTo(400);
                assertThat(answer.body()).contains("must be a duration such as 5s");
            }
            assertThat(c.closed).isNotDone();
            assertThat(get("/emulator/stats").body()).contains("\"pongDelay\":\"0s\"");
        }
    }

    @Test
    void javaApiInjectsFaultsToo() throws Exception {
        try (WsTestClient c = connect()) {
            String id = setUp(c);
            emu.admin().goAway(id, Duration.ofSeconds(30));
            assertThat(c.next().goAway().timeLeft()).isEqualTo(Duration.ofSeconds(30));
            emu.admin().close(id, 1008, "policy");
            assertThat(c.awaitClose()).isEqualTo(new WsTestClient.Close(1008, "policy"));
            assertThatThrownBy(() -> emu.admin().drop(id)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> emu.admin().drop("nope")).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void refusesCallersFromOtherMachines() throws Exception {
        InetAddress lanAddress = nonLoopbackAddress();
        Assumptions.assumeTrue(lanAddress != null, "this machine has no non-loopback IPv4 address");
        try (GeminiLiveEmulator wide = GeminiLiveEmulator.builder().host("0.0.0.0").engine(new RecordingEngine())
                .build().start()) {
            // a connection to the LAN address arrives from that address, not from loopback
            URI viaLan = URI.create("http://" + lanAddress.getHostAddress() + ":" + wide.port() + "/emulator/sessions");
            HttpResponse<String> refused = send(HttpRequest.newBuilder(viaLan).GET().build());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("loopback");
            URI viaLoopback = URI.create("http://127.0.0.1:" + wide.port() + "/emulator/sessions");
            assertThat(send(HttpRequest.newBuilder(viaLoopback).GET().build()).statusCode()).isEqualTo(200);
        }
    }

    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    private static String setUp(WsTestClient c) throws InterruptedException {
        c.send(Frames.setup(Frames.NATIVE_AUDIO));
        return c.next().setupComplete().sessionId();
    }

    private static WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"));
    }

    private static HttpResponse<String> get(String path) {
        return AdminHttp.get(emu, path);
    }

    private static HttpResponse<String> post(String path) {
        return AdminHttp.post(emu, path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return AdminHttp.send(request);
    }
}
