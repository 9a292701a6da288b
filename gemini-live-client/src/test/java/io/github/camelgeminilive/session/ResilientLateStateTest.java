package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.testing.AudioProducer;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.testing.ScriptedServer;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * Without a consumed index (the Gemini API), a handle is taken to cover what was written {@code coverageLag} before
 * it was read. A service whose state lags what it has read by more than that (measured against the emulator on a
 * loaded machine: 460 ms) resumes without some of that audio. The client cannot know how much, but must not report
 * it as nothing lost: a resume reports what only the estimate covered as possibly lost.
 */
class ResilientLateStateTest {

    private static final String KEY = "late-state-key-5c1e";
    /** Frames the first connection's handle really covers: the service's state lags its reads. */
    private static final int IN_STATE = 5;
    /** Frames the service has read before it starts the handle's delay. */
    private static final int READ = 20;
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\"([^\"]+)\"");

    private final ScheduledExecutorService service = Executors.newSingleThreadScheduledExecutor();
    private ScriptedServer server;
    private LiveClient client;

    @AfterEach
    void stop() {
        service.shutdownNow();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void audioAHandleWasOnlyEstimatedToCoverIsReportedAsPossiblyLost() throws Exception {
        Map<WebSocketChannel, Integer> connectionOf = new ConcurrentHashMap<>();
        AtomicInteger connections = new AtomicInteger();
        List<Long> first = new CopyOnWriteArrayList<>();
        List<Long> second = new CopyOnWriteArrayList<>();
        List<String> setups = new CopyOnWriteArrayList<>();
        server = new ScriptedServer(null, (ch, text) -> {
            if (text.contains("\"setup\"")) {
                setups.add(text);
                connectionOf.put(ch, connections.incrementAndGet());
                ScriptedServer.sendBinary(ch, ScriptedServer.SETUP_COMPLETE);
                return;
            }
            Matcher data = DATA.matcher(text);
            if (!data.find()) {
                return;
            }
            long frame = ByteBuffer.wrap(Base64.getDecoder().decode(data.group(1))).getLong();
            if (connectionOf.get(ch) != 1) {
                second.add(frame);
            } else if (first.size() < READ) {
                first.add(frame);
                if (first.size() == READ) {
                    // the handle covers frames 0..IN_STATE-1 only, and comes well after the 20 frames were read
                    service.schedule(() -> {
                        ScriptedServer.sendBinary(ch,
                                "{\"sessionResumptionUpdate\":{\"newHandle\":\"h1\",\"resumable\":true}}");
                        WebSockets.sendClose(1011, "backend hiccup", ch, null);
                    }, 1, TimeUnit.SECONDS);
                }
            }
        });
        server.ignorePings(); // pongs as late as the Gemini API's: only the time estimate trims the replay buffer
        client = LiveClient.create(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY));
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), Resilience.options(false), events)
                .get(10, TimeUnit.SECONDS);
        try (AudioProducer producer =
                new AudioProducer(session, Duration.ofMillis(20), ResilientLateStateTest::frame)) {
            events.await(LiveEvent.Reconnected.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> second.size() >= 10);
            producer.stop();
        }
        LiveEvent.Reconnected moved = events.of(LiveEvent.Reconnected.class).get(0);
        assertThat(setups.get(1)).as("resumed with the handle").contains("\"h1\"");
        // what the resumed state holds: the handle's frames, then what the second connection heard
        Set<Long> heard = new TreeSet<>(second);
        for (long f = 0; f < IN_STATE; f++) {
            heard.add(f);
        }
        long missing = 0;
        for (long f = 0; f < second.get(second.size() - 1); f++) {
            missing += heard.contains(f) ? 0 : 1;
        }
        Duration missingAudio = Duration.ofMillis(20 * missing);
        assertThat(missing).as("frames the estimate took as covered: written a second before the handle came")
                .isGreaterThanOrEqualTo(READ - IN_STATE);
        assertThat(moved.audioLost()).isZero();
        assertThat(moved.audioPossiblyLost()).as("reported, not silent").isGreaterThanOrEqualTo(missingAudio);
        assertThat(session.metrics().audioPossiblyLost()).isEqualTo(moved.audioPossiblyLost());
        session.close();
    }

    /** Frame {@code n} of 20 ms, carrying its number. */
    private static byte[] frame(long n) {
        return ByteBuffer.allocate(AudioProducer.FRAME_BYTES).putLong(n).array();
    }
}
