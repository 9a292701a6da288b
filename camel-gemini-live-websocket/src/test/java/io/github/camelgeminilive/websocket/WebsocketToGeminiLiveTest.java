package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.model.ModelConnection;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.protocol.ClientMessage;

/**
 * The plain route {@code gemini-live-websocket -> gemini-live}: a peer streaming 16 kHz PCM in real time (a 20 ms
 * frame every 20 ms) reaches the emulator whole and in order, each connection its own session.
 */
class WebsocketToGeminiLiveTest extends WebsocketTestSupport {

    private static final String API_KEY = "ws-route-test-key-71c0";
    private static final int FRAMES = 150; // 3 s
    private static final int SAMPLES_PER_FRAME = 320; // 20 ms at 16 kHz

    /** Per emulated session, the frames heard: each frame's first sample, which is its number. */
    private final Map<String, List<Integer>> heard = new ConcurrentHashMap<>();
    private final ModelEngine recording = context -> new ModelConnection() {
        @Override
        public void onClientMessage(ClientMessage message, long index) {
            if (message.realtimeInput() != null && message.realtimeInput().audio() != null) {
                byte[] pcm = message.realtimeInput().audio().data();
                int first = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).getShort();
                heard.computeIfAbsent(context.session().sessionId(), id -> new CopyOnWriteArrayList<>()).add(first);
            }
        }

        @Override
        public void onDisconnect() {
        }
    };
    private final GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().port(0).apiKey(API_KEY)
            .engine(recording).build().start();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopEmulator() {
        clock.shutdownNow();
        emulator.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the default maxInFlight: no frame waits for the previous one's write
                from(BASE + "/audio")
                        .setHeader(GeminiLiveConstants.SESSION_KEY, header(GeminiLiveWebsocketConstants.CONNECTION_KEY))
                        .choice()
                        .when(header(GeminiLiveWebsocketConstants.EVENT).isEqualTo("message"))
                        .setHeader(GeminiLiveConstants.OPERATION, constant("sendAudio"))
                        .setHeader(GeminiLiveConstants.MIME_TYPE, constant("audio/pcm;rate=16000"))
                        .to(sessions())
                        .when(header(GeminiLiveWebsocketConstants.EVENT).isEqualTo("close"))
                        .setHeader(GeminiLiveConstants.OPERATION, constant("close"))
                        .to(sessions());
            }
        };
    }

    private String sessions() {
        return "gemini-live:calls?openOnStart=false&idleTimeout=2m&baseUrl=" + emulator.baseUrl() + "&apiKey="
                + API_KEY;
    }

    @Test
    void everyFrameOfTwoRealTimeStreamsReachesItsSessionInOrder() throws Exception {
        TestPeer first = TestPeer.connect(port(), "/audio");
        TestPeer second = TestPeer.connect(port(), "/audio");
        CompletableFuture<Void> a = stream(first);
        CompletableFuture<Void> b = stream(second);
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() == 2
                && heard.values().stream().allMatch(frames -> frames.size() >= FRAMES));
        for (List<Integer> frames : heard.values()) {
            assertThat(frames).hasSize(FRAMES);
            for (int k = 0; k < FRAMES; k++) {
                assertThat(frames.get(k)).as("frame %d", k).isEqualTo(k);
            }
        }
        first.close();
        second.close();
    }

    /** Sends frames 0..FRAMES-1, one every 20 ms; frame k's samples are all k. Completes after the last. */
    private CompletableFuture<Void> stream(TestPeer peer) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        ScheduledFuture<?> ticks = clock.scheduleAtFixedRate(() -> {
            int k = next.getAndIncrement();
            if (k >= FRAMES) {
                sent.complete(null);
                return;
            }
            ByteBuffer frame = ByteBuffer.allocate(SAMPLES_PER_FRAME * 2).order(ByteOrder.LITTLE_ENDIAN);
            while (frame.hasRemaining()) {
                frame.putShort((short) k);
            }
            try {
                peer.sendBinary(frame.array());
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        sent.whenComplete((v, e) -> ticks.cancel(false));
        return sent;
    }
}
