package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Without a consumed index a handle covers what was written {@code coverageLag} before it was read, so a backlog
 * written in a burst just before a move is heard twice. After a move the held sends go at most at the catch-up
 * pace, in order, a text sent amid the audio included.
 */
class ResilientCatchUpTest {

    private static final String KEY = "catch-up-key-7d2a";
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\"([^\"]+)\"");
    private static final String AMID = "amid-the-audio";
    /** Frames held before the text and after it: 3 s of audio. */
    private static final int BEFORE = 100;
    private static final int AFTER = 50;
    private static final long FRAME_MS = 20;

    private ScriptedServer server;
    private LiveClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One message the second connection read, when (System.nanoTime), and what: a frame number, or -1: the text. */
    private record Read(long nanos, long frame) {
    }

    @Test
    void aBacklogAfterAMoveGoesAtThePaceInOrder() throws Exception {
        List<Read> reads = moveWithABacklog(4.0 / 3);
        List<Long> order = reads.stream().map(Read::frame).toList();
        List<Long> expected = new ArrayList<>();
        for (long f = 0; f < BEFORE + AFTER; f++) {
            expected.add(f);
            if (f == BEFORE - 1) {
                expected.add(-1L);
            }
        }
        assertThat(order).as("every held frame once, the text where it was sent").isEqualTo(expected);
        long most = mostAudioInOneSecond(reads);
        System.out.println("catch-up at 4/3: at most " + most + " ms of audio read in 1 s");
        // 4/3 s + one frame, and as much again for the reading side's delays on a busy machine (a wire-speed burst
        // puts all 3 s in one second)
        assertThat(most).isLessThanOrEqualTo(1333 + FRAME_MS + 400);
    }

    @Test
    void paceZeroWritesTheBacklogAtWireSpeed() throws Exception {
        List<Read> reads = moveWithABacklog(0);
        long most = mostAudioInOneSecond(reads);
        System.out.println("catch-up at wire speed: at most " + most + " ms of audio read in 1 s");
        assertThat(most).isGreaterThan(2000);
    }

    /**
     * The first connection issues a handle and fails; while the session reconnects (the second setup unanswered),
     * 2 s of audio, a text and 1 s of audio are sent; then the second connection comes up.
     */
    private List<Read> moveWithABacklog(double pace) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        CompletableFuture<WebSocketChannel> second = new CompletableFuture<>();
        List<Read> reads = new CopyOnWriteArrayList<>();
        server = new ScriptedServer(null, (ch, text) -> {
            long now = System.nanoTime();
            if (text.contains("\"setup\"")) {
                if (connections.incrementAndGet() == 1) {
                    ScriptedServer.sendBinary(ch, ScriptedServer.SETUP_COMPLETE);
                    ScriptedServer.sendBinary(ch,
                            "{\"sessionResumptionUpdate\":{\"newHandle\":\"h1\",\"resumable\":true}}");
                    WebSockets.sendClose(1011, "backend hiccup", ch, null);
                } else {
                    second.complete(ch);
                }
                return;
            }
            Matcher data = DATA.matcher(text);
            if (data.find()) {
                reads.add(new Read(now, ByteBuffer.wrap(Base64.getDecoder().decode(data.group(1))).getLong()));
            } else if (text.contains(AMID)) {
                reads.add(new Read(now, -1));
            }
        });
        client = LiveClient.create(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY));
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                Resilience.options(false).withCatchUpPace(pace), events).get(10, TimeUnit.SECONDS);
        WebSocketChannel resumed = second.get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (long f = 0; f < BEFORE + AFTER; f++) {
            sends.add(session.sendAudio(frame(f), null));
            if (f == BEFORE - 1) {
                sends.add(session.sendText(AMID));
            }
        }
        ScriptedServer.sendBinary(resumed, ScriptedServer.SETUP_COMPLETE);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reads.size() == BEFORE + AFTER + 1);
        assertThat(events.await(LiveEvent.Reconnected.class).resumed()).isTrue();
        session.close();
        return reads;
    }

    /** The most audio (ms) among the frames read within any one second. */
    private static long mostAudioInOneSecond(List<Read> reads) {
        List<Long> times = reads.stream().filter(r -> r.frame() >= 0).map(Read::nanos).toList();
        long most = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (j < times.size() && times.get(j) - times.get(i) < TimeUnit.SECONDS.toNanos(1)) {
                j++;
            }
            most = Math.max(most, (j - i) * FRAME_MS);
        }
        return most;
    }

    /** Frame {@code n} of 20 ms, carrying its number. */
    private static byte[] frame(long n) {
        return ByteBuffer.allocate(AudioProducer.FRAME_BYTES).putLong(n).array();
    }
}
