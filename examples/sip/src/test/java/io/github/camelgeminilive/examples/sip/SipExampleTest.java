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

/** The example's YAML routes take a sipp call: its speech reaches the model, the greeting is heard, # hangs up. */
class SipExampleTest {

    private static final String KEY = "sip-example-test";

    private static GeminiLiveEmulator emulator;
    private static Main main;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Sipp.requireInstalled();
        emulator = GeminiLiveEmulator.builder().port(0).apiKey(KEY).pace(0.0).build().start();
        main = SipApp.newMain(KEY, emulator.baseUrl().toString(), "127.0.0.1", 0);
        main.addInitialProperty("sip.rtpPortMin", "42000");
        main.addInitialProperty("sip.rtpPortMax", "42099");
        main.start();
        port = Sipp.localPort(main.getCamelContext(), "sip-calls");
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
    void theCallerTalksHearsTheGreetingAndHashHangsUp() throws Exception {
        int before = emulator.admin().sessions().size();
        try (RtpReceiver ear = new RtpReceiver()) {
            CompletableFuture<Integer> sipp = Sipp.run("call-route-hangs-up.xml", port, 1,
                    "sink_port", String.valueOf(ear.port()));
            await().atMost(Duration.ofSeconds(20)).until(() -> voiced(ear) >= 25);
            // the caller's speech reaches the model as 16 kHz PCM: a second of it before the caller presses #
            SessionInfo session = newSession(before);
            await().atMost(Duration.ofSeconds(20)).until(() -> samples(session) >= 16_000);
            long ssrc = ear.voicedPackets().keySet().iterator().next();
            ear.pressKey('#', ear.source(ssrc), 101);
            // sipp's scenario passes only if the route's BYE came (and sipp answered it)
            assertThat(sipp.get(40, TimeUnit.SECONDS)).as(Sipp.errors("call-route-hangs-up.xml")).isZero();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> emulator.admin().session(session.sessionId()).orElseThrow().openConnections() == 0);
        }
    }

    private static long samples(SessionInfo session) {
        return emulator.admin().session(session.sessionId()).orElseThrow().audioSamplesReceived();
    }

    private static int voiced(RtpReceiver ear) {
        return ear.voicedPackets().values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    private static SessionInfo newSession(int before) {
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.admin().sessions().size() == before + 1);
        return emulator.admin().sessions().get(before);
    }
}
