package io.github.camelgeminilive.telephony.twilio.simulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.camelgeminilive.audio.G711;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.HandshakeRequest;
import io.github.camelgeminilive.transport.UndertowTransport;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * A phone call as Twilio Media Streams makes it, for tests and load drivers: connects to the Media Streams
 * WebSocket, sends {@code connected} and {@code start}, then streams the caller's microphone in real time, a 20 ms
 * mu-law {@code media} frame every 20 ms (silence unless {@link #say(byte[])} queued speech). What comes back is
 * checked against the protocol (event names, the stream, 160-byte frames) and played like Twilio does: audio is
 * "heard" in real time after its arrival, a {@code mark} is echoed once the audio before it has been played, and a
 * {@code clear} drops what was not played yet and echoes the pending marks at once.
 * <p>
 * Timing runs on a {@code clock} the caller shares between simulators (one thread serves hundreds of calls); nothing
 * here sleeps or blocks it.
 */
public final class TwilioCallSimulator implements AutoCloseable {

    /** 20 ms of 8 kHz mu-law. */
    public static final int FRAME_BYTES = 160;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final byte SILENCE = (byte) 0xFF;
    /** Most microphone frames are silence: encoded once. */
    private static final String SILENT_PAYLOAD = Base64.getEncoder().encodeToString(silence());

    private final String streamSid;
    private final ScheduledExecutorService clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final byte[] frame = new byte[FRAME_BYTES];
    private final ArrayDeque<Speech> speech = new ArrayDeque<>();
    private final ArrayDeque<PendingMark> pendingMarks = new ArrayDeque<>();
    private final List<String> protocolErrors = new ArrayList<>();
    private final List<String> echoedMarks = new ArrayList<>();
    private final List<Long> talkOverClears = new ArrayList<>();
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final CompletableFuture<Long> firstAudio = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private CompletableFuture<Long> nextClear = new CompletableFuture<>();
    private WebSocketConnection socket;
    private ScheduledFuture<?> microphone;
    private long chunk;
    private long playbackEnd;
    private int mediaFrames;
    /** When each {@code media} frame came ({@link System#nanoTime()}), the first {@link #mediaFrames} entries. */
    private long[] mediaArrivals = new long[256];
    private int clears;
    private boolean clearedWhileSpeaking;
    private int framesAfterClearWhileSpeaking;
    private long firstMediaNanos;
    private long lastMediaNanos;
    private int talkOvers;
    /** When the speech being sent started over the model's audio; -1 when it did not, or its clear came. */
    private long talkOverStart = -1;
    /** After {@code stop}, a hang-up or the server's close: no microphone frame or mark may follow (nor be counted). */
    private boolean stopped;

    private record Speech(byte[] audio, CompletableFuture<Long> started, int[] position) {
    }

    private record PendingMark(String name, long playedAt) {
    }

    private TwilioCallSimulator(String streamSid, ScheduledExecutorService clock) {
        this.streamSid = streamSid;
        this.clock = clock;
        this.playbackEnd = System.nanoTime();
    }

    /**
     * The WebSocket client for simulated calls to loopback, to share between them and close after: the project's
     * Undertow transport, whose I/O threads and pooled buffers cost the machine a fraction of what
     * {@code java.net.http}'s WebSocket did (the simulator stands in for Twilio: its CPU is not the route's).
     */
    public static WebSocketTransport newTransport() {
        return new UndertowTransport(new ConnectionOptions(URI.create("ws://127.0.0.1"),
                ConnectionOptions.Flavour.GEMINI_API, null, () -> "", Duration.ofSeconds(10), null, null, 0),
                Runnable::run);
    }

    /** Opens the Media Streams WebSocket at {@code uri} (ws://127.0.0.1:PORT/path) as the call {@code streamSid}. */
    public static TwilioCallSimulator connect(WebSocketTransport transport, URI uri, String streamSid,
            ScheduledExecutorService clock) {
        TwilioCallSimulator call = new TwilioCallSimulator(streamSid, clock);
        call.socket = transport.connect(new HandshakeRequest(uri, Map.of(), null, List.of()), call.new Handler())
                .orTimeout(20, TimeUnit.SECONDS).join();
        return call;
    }

    /** Sends {@code connected} and {@code start} with these custom parameters, then starts the microphone. */
    public void start(String callSid, Map<String, String> customParameters) {
        send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        ObjectNode start = json.createObjectNode().put("event", "start").put("sequenceNumber", "1")
                .put("streamSid", streamSid);
        ObjectNode body = start.putObject("start").put("streamSid", streamSid).put("callSid", callSid)
                .put("accountSid", "ACsimulator");
        body.putArray("tracks").add("inbound");
        body.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
        ObjectNode params = body.putObject("customParameters");
        customParameters.forEach(params::put);
        send(start.toString());
        microphone = clock.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues speech (mu-law 8 kHz) on the microphone; it is sent in 20 ms frames in real time. The future completes
     * with the {@link System#nanoTime()} at which its first frame was handed to the WebSocket.
     */
    public CompletableFuture<Long> say(byte[] mulaw) {
        Speech s = new Speech(mulaw.clone(), new CompletableFuture<>(), new int[1]);
        synchronized (lock) {
            speech.add(s);
        }
        return s.started();
    }

    /** Microphone frames (20 ms {@code media} messages) sent so far. */
    public long sentFrames() {
        synchronized (lock) {
            return chunk;
        }
    }

    /** The caller presses a key. */
    public void dtmf(String digit) {
        send("{\"event\":\"dtmf\",\"streamSid\":\"" + streamSid + "\",\"sequenceNumber\":\"9\","
                + "\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"" + digit + "\"}}");
    }

    /**
     * The call ends as Twilio ends it: {@code stop}, then the WebSocket closes (1000). Completes with the close code
     * once the server answered the close.
     */
    public CompletableFuture<Integer> stop() {
        stopMicrophone();
        send("{\"event\":\"stop\",\"streamSid\":\"" + streamSid + "\",\"sequenceNumber\":\"99\","
                + "\"stop\":{\"accountSid\":\"ACsimulator\",\"callSid\":\"CAsimulator\"}}");
        return hangUp();
    }

    /** The WebSocket closes without a {@code stop} (the network or Twilio went away); as {@link #stop()}. */
    public CompletableFuture<Integer> hangUp() {
        stopMicrophone();
        socket.close(1000, "call ended");
        return closed;
    }

    /** Completes with the arrival time ({@link System#nanoTime()}) of the next {@code clear}. */
    public CompletableFuture<Long> nextClear() {
        synchronized (lock) {
            return nextClear;
        }
    }

    /** Completes with the arrival time of the first {@code media} frame that is not silence. */
    public CompletableFuture<Long> firstAudio() {
        return firstAudio;
    }

    /** Completes with the close code when the server closes the WebSocket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** What broke the Media Streams protocol in the messages received; empty when all were valid. */
    public List<String> protocolErrors() {
        synchronized (lock) {
            return List.copyOf(protocolErrors);
        }
    }

    /** The names of the marks echoed back, in order. */
    public List<String> echoedMarks() {
        synchronized (lock) {
            return List.copyOf(echoedMarks);
        }
    }

    /** {@code media} frames received. */
    public int mediaFrames() {
        synchronized (lock) {
            return mediaFrames;
        }
    }

    /** When each {@code media} frame received came ({@link System#nanoTime()}), in order. */
    public long[] mediaArrivalNanos() {
        synchronized (lock) {
            return Arrays.copyOf(mediaArrivals, mediaFrames);
        }
    }

    /** {@code clear}s received. */
    public int clears() {
        synchronized (lock) {
            return clears;
        }
    }

    /** Whether the caller's speech was still being sent when the last {@code clear} came. */
    public boolean clearedWhileSpeaking() {
        synchronized (lock) {
            return clearedWhileSpeaking;
        }
    }

    /**
     * {@code media} frames that came after a {@code clear} while the caller still spoke: the model cannot answer
     * before the caller stops, so these are the interrupted reply's, which the clear should have dropped.
     */
    public int framesAfterClearWhileSpeaking() {
        synchronized (lock) {
            return framesAfterClearWhileSpeaking;
        }
    }

    private static byte[] silence() {
        byte[] frame = new byte[FRAME_BYTES];
        Arrays.fill(frame, SILENCE);
        return frame;
    }

    /** Speeches that started while the model's audio was still playing. */
    public int talkOvers() {
        synchronized (lock) {
            return talkOvers;
        }
    }

    /**
     * For each talk-over answered by a {@code clear} while the caller still spoke: nanoseconds from its first frame
     * sent to the {@code clear} received.
     */
    public long[] talkOverClearNanos() {
        synchronized (lock) {
            return talkOverClears.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Time between the first and the last {@code media} frame received. */
    public Duration mediaSpan() {
        synchronized (lock) {
            return Duration.ofNanos(lastMediaNanos - firstMediaNanos);
        }
    }

    /** The RMS level (16-bit scale) of all audio received; silence is 0. */
    public double heardRms() {
        byte[] audio;
        synchronized (lock) {
            audio = heard.toByteArray();
        }
        double sum = 0;
        for (byte b : audio) {
            double s = G711.MU_LAW.decode(b);
            sum += s * s;
        }
        return audio.length == 0 ? 0 : Math.sqrt(sum / audio.length);
    }

    @Override
    public void close() {
        stopMicrophone();
        socket.abort();
    }

    /**
     * Nothing is sent from the microphone or as a mark echo after this returns: a tick or echo running meanwhile
     * holds the lock, so its frame leaves before this takes it (and before a {@code stop} sent next).
     */
    private void stopMicrophone() {
        synchronized (lock) {
            stopped = true;
        }
        if (microphone != null) {
            microphone.cancel(false);
        }
    }

    /** Every 20 ms: one microphone frame out, and the marks whose audio has been played echoed. */
    private void tick() {
        long now = System.nanoTime();
        CompletableFuture<Long> started = null;
        List<String> marks = new ArrayList<>(0);
        synchronized (lock) {
            if (stopped) {
                return;
            }
            String payload = SILENT_PAYLOAD;
            Speech s = speech.peek();
            if (s != null) {
                int at = s.position()[0];
                int n = Math.min(FRAME_BYTES, s.audio().length - at);
                System.arraycopy(s.audio(), at, frame, 0, n);
                Arrays.fill(frame, n, FRAME_BYTES, SILENCE);
                payload = Base64.getEncoder().encodeToString(frame);
                s.position()[0] = at + n;
                if (at == 0) {
                    started = s.started();
                    talkOverStart = playbackEnd - now > 0 ? now : -1;
                    talkOvers += talkOverStart < 0 ? 0 : 1;
                }
                if (s.position()[0] == s.audio().length) {
                    speech.poll();
                    talkOverStart = -1;
                }
            }
            chunk++;
            // sent under the lock: a frame counted in chunk leaves before anything sent after stopMicrophone()
            send("{\"event\":\"media\",\"sequenceNumber\":\"" + (chunk + 1) + "\",\"streamSid\":\"" + streamSid
                    + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk + "\",\"timestamp\":\""
                    + (chunk - 1) * 20 + "\",\"payload\":\"" + payload + "\"}}");
            for (Iterator<PendingMark> it = pendingMarks.iterator(); it.hasNext();) {
                PendingMark mark = it.next();
                if (mark.playedAt() - now > 0) {
                    break;
                }
                it.remove();
                marks.add(mark.name());
            }
        }
        if (started != null) {
            started.complete(now);
        }
        marks.forEach(this::echoMark);
    }

    private void echoMark(String name) {
        synchronized (lock) { // as the microphone's frames: nothing after the stop
            if (stopped) {
                return;
            }
            echoedMarks.add(name);
            send("{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"sequenceNumber\":\"7\",\"mark\":{\"name\":"
                    + json.valueToTree(name) + "}}");
        }
    }

    /** The transport sends in the order of the calls; a send after the close fails, which is no error here. */
    private void send(String text) {
        socket.sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    private void received(String text, long now) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            error("not JSON: " + text);
            return;
        }
        String event = message.path("event").asText("");
        if (!streamSid.equals(message.path("streamSid").asText(null))) {
            error(event + " for another stream: " + message.path("streamSid"));
        }
        switch (event) {
            case "media" -> media(message, now);
            case "mark" -> mark(message.path("mark").path("name").asText(""), now);
            case "clear" -> clear(now);
            default -> error("unknown event '" + event + "'");
        }
    }

    private void media(JsonNode message, long now) {
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(message.path("media").path("payload").asText(""));
        } catch (IllegalArgumentException e) {
            error("media payload is not base64");
            return;
        }
        if (audio.length != FRAME_BYTES) {
            error("media payload of " + audio.length + " bytes, expected " + FRAME_BYTES);
        }
        boolean sound = false;
        for (byte b : audio) {
            sound |= Math.abs(G711.MU_LAW.decode(b)) > 64;
        }
        synchronized (lock) {
            if (mediaFrames == mediaArrivals.length) {
                mediaArrivals = Arrays.copyOf(mediaArrivals, 2 * mediaFrames);
            }
            mediaArrivals[mediaFrames] = now;
            if (mediaFrames++ == 0) {
                firstMediaNanos = now;
            }
            if (clears > 0 && !speech.isEmpty()) {
                framesAfterClearWhileSpeaking++;
            }
            lastMediaNanos = now;
            heard.write(audio, 0, audio.length);
            playbackEnd = (playbackEnd - now > 0 ? playbackEnd : now) + FRAME_NANOS;
        }
        if (sound) {
            firstAudio.complete(now);
        }
    }

    private void mark(String name, long now) {
        if (name.isEmpty()) {
            error("mark without a name");
            return;
        }
        synchronized (lock) {
            pendingMarks.add(new PendingMark(name, playbackEnd - now > 0 ? playbackEnd : now));
        }
    }

    private void clear(long now) {
        List<String> flushed = new ArrayList<>();
        CompletableFuture<Long> cleared;
        synchronized (lock) {
            clears++;
            clearedWhileSpeaking = !speech.isEmpty();
            if (talkOverStart >= 0) {
                talkOverClears.add(now - talkOverStart);
                talkOverStart = -1;
            }
            playbackEnd = now;
            pendingMarks.forEach(m -> flushed.add(m.name()));
            pendingMarks.clear();
            cleared = nextClear;
            nextClear = new CompletableFuture<>();
        }
        cleared.complete(now);
        flushed.forEach(this::echoMark);
    }

    private void error(String what) {
        synchronized (lock) {
            protocolErrors.add(what);
        }
    }

    /** On the transport's I/O threads. */
    private final class Handler implements WebSocketHandler {

        @Override
        public void onText(String text) {
            received(text, System.nanoTime());
        }

        @Override
        public void onBinary(byte[] data) {
            error("a binary frame (Media Streams is text only)");
        }

        @Override
        public void onClose(int code, String reason, Throwable error) {
            stopMicrophone();
            if (error != null) {
                closed.completeExceptionally(error);
            } else {
                closed.complete(code);
            }
        }
    }
}
