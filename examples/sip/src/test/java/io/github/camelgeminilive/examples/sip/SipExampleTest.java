package io.github.camelgeminilive.examples.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.telephony.sip.RtpReceiver;
import io.github.camelgeminilive.telephony.sip.Sipp;

/** The example's YAML routes take sipp's calls: the greeting is heard, # hangs up, a caller's BYE ends the call. */
class SipExampleTest {

    private static final String KEY = "sip-example-test";

    private static GeminiLiveEmulator emulator;
    private static Main main;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Sipp.requireInstalled();
        emulator = GeminiLiveEmulator.builder().port(0).apiKey(KEY).pace(0.0).build().start();
        port = Sipp.freeUdpPort();
        main = SipApp.newMain(KEY, emulator.baseUrl().toString(), "127.0.0.1", port);
        main.addInitialProperty("sip.rtpPortMin", "42000");
        main.addInitialProperty("sip.rtpPortMax", "42099");
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theCallerHearsTheGreetingAndHashHangsUp() throws Exception {
        int before = emulator.admin().sessions().size();
        try (RtpReceiver ear = new RtpReceiver()) {
            CompletableFuture<Integer> sipp = Sipp.run("call-route-hangs-up.xml", port, 1,
                    "sink_port", String.valueOf(ear.port()));
            await().atMost(Duration.ofSeconds(20)).until(() -> voiced(ear) >= 25);
            long ssrc = ear.voicedPackets().keySet().iterator().next();
            ear.pressKey('#', ear.source(ssrc), 101);
            assertThat(sipp.get(40, TimeUnit.SECONDS)).as(Sipp.errors("call-route-hangs-up.xml")).isZero();
        }
        SessionInfo session = newSession(before);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> emulator.admin().session(session.sessionId()).orElseThrow().openConnections() == 0);
    }

    @Test
    void theCallerTalksAndHangsUp() throws Exception {
        int before = emulator.admin().sessions().size();
        try (RtpReceiver ear = new RtpReceiver()) {
            assertThat(Sipp.run("call-caller-hangs-up.xml", port, 1, "sink_port", String.valueOf(ear.port()))
                    .get(40, TimeUnit.SECONDS)).as(Sipp.errors("call-caller-hangs-up.xml")).isZero();
            assertThat(voiced(ear)).isGreaterThanOrEqualTo(25);
        }
        SessionInfo session = newSession(before);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> emulator.admin().session(session.sessionId()).orElseThrow().openConnections() == 0);
        // the caller's speech reached the model as 16 kHz PCM
        assertThat(emulator.admin().session(session.sessionId()).orElseThrow().audioSamplesReceived())
                .isGreaterThan(16_000);
    }

    private static int voiced(RtpReceiver ear) {
        return ear.voicedPackets().values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    private static SessionInfo newSession(int before) {
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.admin().sessions().size() == before + 1);
        return emulator.admin().sessions().get(before);
    }
}
