package io.github.camelgeminilive.examples.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.component.GeminiLiveEndpoint;
import io.github.camelgeminilive.telephony.twilio.TwilioBridge;
import io.github.camelgeminilive.telephony.twilio.simulator.TwilioCallSimulator;
import io.github.camelgeminilive.transport.WebSocketTransport;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketEndpoint;

/**
 * The load test of the example, outside CI (it runs only with {@code -Dtwilio.load=STEPS}; {@code load.sh} runs it):
 * steps of concurrent simulated Twilio calls through the example's own routes and properties, against the
 * benchmarks' measuring emulator in its own JVM. The calls of a step arrive evenly over a ramp
 * ({@code -Dtwilio.load.ramp}, seconds, default 20: 10 calls a second at 200) and then all stay on for the step's
 * length. Each call streams its microphone in real time (20 ms mu-law frames, speech every few seconds, silence
 * between) and hears the model's replies, from the greeting on. Per step it reports, for the time with every call
 * on and for the whole step:
 * <ul>
 * <li>caller frames delivered: the audio the emulator's model received, in 20 ms frames (the bridge may send several
 * in one message: {@code callerChunk}), plus the frames the bridge held for a chunk when a call ended, vs the frames
 * the simulators sent;</li>
 * <li>the route delay of the model's audio: the emulator hands its k-th audio message of a session to the WebSocket
 * ({@link System#nanoTime()} in the emulator JVM, CLOCK_MONOTONIC: one clock for the machine) -> the example's
 * {@code model-events} route has completed the k-th audio event of that session (the audio converted to mu-law and
 * the frames due handed to the Media Streams WebSocket producer). Each message is one event, in order.</li>
 * <li>how soon each reply is heard: the emulator hands a reply's first audio message to the WebSocket -> the caller's
 * simulator receives the first {@code media} frame after it: the whole path to the caller.</li>
 * <li>the clear latency: a caller starts talking while the model's audio still plays -> the simulator receives the
 * {@code clear} (counted only when it comes while the caller still speaks: the model's turn may have ended).</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "twilio.load", matches = ".+")
class TwilioLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DRAIN = Duration.ofSeconds(60);

    /** The completion time of every model audio event, per emulator session id. */
    static final class AudioEvents extends EventNotifierSupport {

        final Map<String, LongArray> times = new ConcurrentHashMap<>();
        /** The call (session key: the streamSid) of each emulator session id. */
        final Map<String, String> streams = new ConcurrentHashMap<>();

        AudioEvents() {
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeFailedEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeCompletedEvent completed) {
                long now = System.nanoTime();
                Exchange exchange = completed.getExchange();
                String sessionId = exchange.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);
                if (exchange.getFromEndpoint() instanceof GeminiLiveEndpoint && sessionId != null
                        && "audio".equals(exchange.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE))) {
                    times.computeIfAbsent(sessionId, k -> new LongArray()).add(now);
                    streams.putIfAbsent(sessionId,
                            exchange.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY, String.class));
                }
            }
        }
    }

    /** A growing array of longs, appended to by one route thread at a time per session. */
    static final class LongArray {
        private long[] values = new long[256];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        synchronized long[] sorted() {
            long[] sorted = toArray();
            Arrays.sort(sorted);
            return sorted;
        }
    }

    @Test
    void stepsOfConcurrentCalls() throws Exception {
        int[] steps = Arrays.stream(System.getProperty("twilio.load").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        Duration callLength = Duration.ofSeconds(Long.getLong("twilio.load.seconds", 30));
        Duration ramp = Duration.ofSeconds(Long.getLong("twilio.load.ramp", 20));
        Path report = Path.of(System.getProperty("twilio.load.report", "target/twilio-load.txt"));
        byte[] speech;
        try (InputStream in = TwilioLoadTest.class.getResourceAsStream("/twilio/speech-8k.ulaw")) {
            speech = in.readAllBytes();
        }
        List<String> lines = new ArrayList<>();
        lines.add(
                "calls | ramp s | call s | caller frames sent | received by the emulator (+ held at hang-up)"
                        + " | model audio events paired (+ after hang-up, lost, sessions unpairable)"
                        + " | route delay p50 / p99 / max ms, every call on (whole step: p99 / max)"
                        + " | replies heard, every call on (whole step: heard, unheard, not after silence, at hang-up):"
                        + " first frame p50 / p99 / max ms,"
                        + " every call on (whole step: p99)"
                        + " | talk-overs cleared | clear p50 / p99 ms"
                        + " | CPU cores: route JVM / emulator JVM | load average (start -> end)");
        try (EmulatorJvm emulator = EmulatorJvm.start(System.getProperty("twilio.load.emulator-classpath"))) {
            AudioEvents audio = new AudioEvents();
            Main main = TwilioApp.main("load-test-key", emulator.baseUrl());
            main.bind("loadAudioEvents", audio);
            main.addOverrideProperty("twilio.port", "0");
            main.addOverrideProperty("twilio.max-calls", String.valueOf(Arrays.stream(steps).max().orElseThrow()));
            main.addOverrideProperty("twilio.calls",
                    "gemini-live:calls?openOnStart=false&idleTimeout=2m&maxSessions={{twilio.max-calls}}");
            main.start();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
            WebSocketTransport phones = TwilioCallSimulator.newTransport();
            try {
                CamelContext context = main.getCamelContext();
                TwilioBridge bridge = context.getRegistry().lookupByNameAndType("twilio", TwilioBridge.class);
                URI media = URI.create("ws://127.0.0.1:" + port(context) + "/media");
                int warmup = Integer.getInteger("twilio.load.warmup", 20);
                if (warmup > 0) { // JIT, pools and connections warm: not reported
                    System.out.println("twilio load: warm-up " + step(warmup, Duration.ofSeconds(2),
                            Duration.ofSeconds(20), media, speech, clock, phones, emulator, audio, bridge));
                }
                for (int calls : steps) {
                    String line = step(calls, ramp, callLength, media, speech, clock, phones, emulator, audio, bridge);
                    System.out.println("twilio load: " + line);
                    lines.add(line);
                    Files.createDirectories(report.toAbsolutePath().getParent());
                    Files.write(report, lines);
                }
            } finally {
                clock.shutdownNow();
                phones.close();
                main.stop();
            }
        }
    }

    private static String step(int calls, Duration ramp, Duration callLength, URI media, byte[] speech,
            ScheduledExecutorService clock, WebSocketTransport phones, EmulatorJvm emulator, AudioEvents audio,
            TwilioBridge bridge)
            throws Exception {
        String loadBefore = loadAverage();
        long heldBefore = bridge.getCounters().callerAudioUnsentMs();
        emulator.post("/reset");
        audio.times.clear();
        audio.streams.clear();
        Map<String, TwilioCallSimulator> sims = new LinkedHashMap<>();
        List<ScheduledFuture<?>> talking = new ArrayList<>();
        long rampStart = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            pause(rampStart + ramp.toNanos() * i / calls - System.nanoTime(), clock);
            String streamSid = "MZload" + calls + "x" + i;
            TwilioCallSimulator call = TwilioCallSimulator.connect(phones, media, streamSid, clock);
            sims.put(streamSid, call);
            call.start("CAload" + i, Map.of());
            // speech every 6 s, at a different phase per call: the model answers between
            talking.add(clock.scheduleAtFixedRate(() -> call.say(speech), 1000 + i * 5000L / calls, 6000,
                    TimeUnit.MILLISECONDS));
        }
        long allOnFrom = System.nanoTime();
        CpuUse cpu = new CpuUse(emulator.process());
        pause(callLength.toNanos(), clock);
        String cores = cpu.cores();
        talking.forEach(t -> t.cancel(false));
        Window allOn = new Window(allOnFrom, System.nanoTime());
        long sent = 0;
        Map<String, Long> stopped = new HashMap<>();
        for (Map.Entry<String, TwilioCallSimulator> call : sims.entrySet()) {
            stopped.put(call.getKey(), System.nanoTime());
            call.getValue().stop().get(30, TimeUnit.SECONDS);
            sent += call.getValue().sentFrames();
        }
        // every frame sent reaches the emulator before its session's close: wait for them (bounded)
        long deadline = System.nanoTime() + DRAIN.toNanos();
        JsonNode reading = emulator.read();
        while (received(reading) + held(bridge, heldBefore) < sent && System.nanoTime() - deadline < 0) {
            pause(TimeUnit.MILLISECONDS.toNanos(500), clock);
            reading = emulator.read();
        }
        long received = received(reading);
        long held = held(bridge, heldBefore);
        List<String> errors = new ArrayList<>();
        sims.values().forEach(s -> errors.addAll(s.protocolErrors()));
        int talkOvers = sims.values().stream().mapToInt(TwilioCallSimulator::talkOvers).sum();
        long[] clears = sims.values().stream().flatMapToLong(s -> Arrays.stream(s.talkOverClearNanos())).sorted()
                .toArray();
        Map<String, long[]> heardAt = new HashMap<>();
        sims.forEach((streamSid, call) -> heardAt.put(streamSid, call.mediaArrivalNanos()));
        sims.values().forEach(TwilioCallSimulator::close);
        assertThat(errors).as("protocol errors the simulators saw").isEmpty();
        Delays delays = Delays.of(reading.path("audioSent"), audio, allOn, stopped);
        Replies replies = Replies.of(reading.path("audioSent"), audio.streams, heardAt, allOn, stopped);
        Latencies route = delays.latencies();
        Latencies heard = replies.latencies();
        String line = String.format("%d | %d | %d | %d | %d (+ %d) | %d (+ %d after hang-up, %d lost, %d sessions"
                + " unpairable) | %s / %s / %s (whole step: %s / %s) | %d (whole step: %d, %d unheard, %d not after"
                + " silence, %d at hang-up): %s / %s / %s (whole step: %s) | %d of %d | %s / %s | %s | %s -> %s", calls,
                ramp.toSeconds(), callLength.toSeconds(), sent, received, held, route.all().length,
                delays.afterHangUp(), delays.lost(), delays.unpairable(), ms(route.allOn(), 0.50),
                ms(route.allOn(), 0.99), ms(route.allOn(), 1.0), ms(route.all(), 0.99), ms(route.all(), 1.0),
                heard.allOn().length, heard.all().length, replies.unheard(), replies.notAfterSilence(),
                replies.atHangUp(), ms(heard.allOn(), 0.50), ms(heard.allOn(), 0.99), ms(heard.allOn(), 1.0),
                ms(heard.all(), 0.99), clears.length, talkOvers, ms(clears, 0.50), ms(clears, 0.99), cores,
                loadBefore, loadAverage());
        long waitUntil = System.nanoTime() + DRAIN.toNanos();
        while (bridge.getActiveCalls() > 0 && System.nanoTime() - waitUntil < 0) {
            pause(TimeUnit.MILLISECONDS.toNanos(200), clock);
        }
        return line;
    }

    /** Waits on the load's clock (a pacing of the load, not a synchronisation). */
    private static void pause(long nanos, ScheduledExecutorService clock) {
        if (nanos > 0) {
            CompletableFuture<Void> later = new CompletableFuture<>();
            clock.schedule(() -> later.complete(null), nanos, TimeUnit.NANOSECONDS);
            later.join();
        }
    }

    /** The caller's audio the emulator's model received, in 20 ms frames of 16 kHz PCM. */
    private static long received(JsonNode reading) {
        return reading.path("audioBytes").asLong() / AudioFormat.PCM_16K.bytesFor(20);
    }

    /** The caller's frames the bridge held for a chunk when their call ended since {@code before} (ms). */
    private static long held(TwilioBridge bridge, long before) {
        return (bridge.getCounters().callerAudioUnsentMs() - before) / 20;
    }

    /** From when to when (System.nanoTime) every call of a step was on: from the last call's start to the first stop. */
    private record Window(long from, long to) {

        boolean holds(long t) {
            return t - from >= 0 && t - to < 0;
        }
    }

    /** Delays of a step, sorted: all of them, and those of audio sent while every call was on. */
    private record Latencies(long[] all, long[] allOn) {

        /** Collects delays by when their audio was sent. */
        static final class Collector {
            private final Window window;
            private final LongArray all = new LongArray();
            private final LongArray allOn = new LongArray();

            Collector(Window window) {
                this.window = window;
            }

            void add(long sentAt, long delay) {
                all.add(delay);
                if (window.holds(sentAt)) {
                    allOn.add(delay);
                }
            }

            Latencies sorted() {
                return new Latencies(all.sorted(), allOn.sorted());
            }
        }
    }

    /** Messages sent this close to their call's {@code stop}, or after it, may rightly never reach the route. */
    private static final long HANG_UP_MARGIN = TimeUnit.SECONDS.toNanos(1);

    /** Whether {@code t} is within {@link #HANG_UP_MARGIN} of the stop of call {@code streamSid}, or after it. */
    private static boolean nearHangUp(Map<String, Long> stopped, String streamSid, long t) {
        Long stop = stopped.get(streamSid);
        return stop != null && t - (stop - HANG_UP_MARGIN) >= 0;
    }

    /**
     * The route delays of a step: the k-th audio message the emulator sent on a session paired with the k-th audio
     * event the route completed (one event per message, in order). A session may have fewer events than messages: as
     * many as it sent within {@link #HANG_UP_MARGIN} of its call's {@code stop} or after it may have come after the
     * route closed the session ({@code afterHangUp}); any more were lost ({@code lost}), as is every message of a
     * session the route never saw. A message lost in between would pair later events with earlier messages, which
     * only makes delays look longer, and is counted as after hang-up when its session sent as many messages near its
     * stop: {@code lost} is a lower bound. A session with more events than messages cannot be paired
     * ({@code unpairable}).
     *
     * @param latencies every pair's delay, by when the emulator sent the message
     */
    private record Delays(Latencies latencies, long afterHangUp, long lost, int unpairable) {

        static Delays of(JsonNode audioSent, AudioEvents route, Window window, Map<String, Long> stopped) {
            Latencies.Collector latencies = new Latencies.Collector(window);
            long afterHangUp = 0;
            long lost = 0;
            int unpairable = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = audioSent.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> session = it.next();
                LongArray events = route.times.get(session.getKey());
                long[] done = events == null ? new long[0] : events.toArray();
                JsonNode sentTimes = session.getValue();
                if (done.length > sentTimes.size()) {
                    unpairable++;
                    continue;
                }
                String streamSid = route.streams.get(session.getKey());
                int nearHangUp = 0;
                for (int k = 0; k < sentTimes.size(); k++) {
                    long sentAt = sentTimes.get(k).asLong();
                    nearHangUp += nearHangUp(stopped, streamSid, sentAt) ? 1 : 0;
                    if (k < done.length) {
                        latencies.add(sentAt, done[k] - sentAt);
                    }
                }
                int unpaired = sentTimes.size() - done.length;
                afterHangUp += Math.min(unpaired, nearHangUp);
                lost += Math.max(0, unpaired - nearHangUp);
            }
            return new Delays(latencies.sorted(), afterHangUp, lost, unpairable);
        }
    }

    /**
     * How soon the caller hears each reply of the model: the emulator sends a reply's first audio message (one that
     * comes {@value #REPLY_GAP_MS} ms or more after the session's previous one) -> the caller's simulator receives its
     * first {@code media} frame after that (the whole path: the client, the route, the playout, the Media Streams
     * WebSocket). That frame is the reply's only when the caller had heard nothing for {@value #REPLY_GAP_MS} ms
     * before the reply started (a reply follows the caller's speech, which cleared what played before): otherwise it
     * may be older audio still paced out (a backlog), and the reply is counted as {@code notAfterSilence}, not
     * measured. A reply with no frame before the session's next reply started is {@code unheard} (talked over at
     * once); one that started within {@link #HANG_UP_MARGIN} of its call's stop is {@code atHangUp}.
     *
     * @param latencies every measured reply's delay, by when the reply started
     */
    private record Replies(Latencies latencies, int unheard, int notAfterSilence, int atHangUp) {

        static final long REPLY_GAP_MS = 250;

        static Replies of(JsonNode audioSent, Map<String, String> streams, Map<String, long[]> heardAt, Window window,
                Map<String, Long> stopped) {
            Latencies.Collector latencies = new Latencies.Collector(window);
            int unheard = 0;
            int notAfterSilence = 0;
            int atHangUp = 0;
            long gap = TimeUnit.MILLISECONDS.toNanos(REPLY_GAP_MS);
            for (Iterator<Map.Entry<String, JsonNode>> it = audioSent.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> session = it.next();
                String streamSid = streams.get(session.getKey());
                long[] heard = heardAt.getOrDefault(streamSid, new long[0]);
                JsonNode sent = session.getValue();
                List<Long> starts = new ArrayList<>();
                for (int k = 0; k < sent.size(); k++) {
                    if (k == 0 || sent.get(k).asLong() - sent.get(k - 1).asLong() >= gap) {
                        starts.add(sent.get(k).asLong());
                    }
                }
                for (int r = 0; r < starts.size(); r++) {
                    long start = starts.get(r);
                    int first = firstAtOrAfter(heard, start);
                    if (nearHangUp(stopped, streamSid, start)) {
                        atHangUp++;
                    } else if (first > 0 && start - heard[first - 1] < gap) {
                        notAfterSilence++;
                    } else if (first == heard.length
                            || r + 1 < starts.size() && heard[first] - starts.get(r + 1) >= 0) {
                        unheard++;
                    } else {
                        latencies.add(start, heard[first] - start);
                    }
                }
            }
            return new Replies(latencies.sorted(), unheard, notAfterSilence, atHangUp);
        }

        /** The index of the first time in {@code sorted} at or after {@code t}; its length when there is none. */
        private static int firstAtOrAfter(long[] sorted, long t) {
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sorted[mid] - t < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    private static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.1f", sorted[Math.max(0, index)] / 1e6);
    }

    /**
     * CPU time both JVMs used from construction to {@link #cores()}, as cores: the route JVM (the example's routes and
     * the simulated callers) and the emulator's.
     */
    private static final class CpuUse {

        private final Process emulator;
        private final long start = System.nanoTime();
        private final long routeStart = routeCpuNanos();
        private final long emulatorStart;

        CpuUse(Process emulator) {
            this.emulator = emulator;
            this.emulatorStart = cpuNanos(emulator);
        }

        String cores() {
            double wall = System.nanoTime() - start;
            return String.format("%.2f / %.2f", (routeCpuNanos() - routeStart) / wall,
                    (cpuNanos(emulator) - emulatorStart) / wall);
        }

        private static long routeCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static long cpuNanos(Process process) {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static int port(CamelContext context) {
        return context.getEndpoints().stream().filter(GeminiLiveWebsocketEndpoint.class::isInstance)
                .map(GeminiLiveWebsocketEndpoint.class::cast).mapToInt(GeminiLiveWebsocketEndpoint::getLocalPort)
                .filter(p -> p > 0).findFirst().orElseThrow();
    }

    /** The benchmarks' MeasuringEmulator in its own JVM: the emulator's model behind a stopwatch. */
    private record EmulatorJvm(Process process, String baseUrl, String timings) implements AutoCloseable {

        /** @param classpath the emulator's jar and the benchmarks' jar */
        static EmulatorJvm start(String classpath) throws IOException {
            List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
            // e.g. -XX:StartFlightRecording=settings=profile,filename=emulator.jfr to profile the emulator's JVM
            String options = System.getProperty("twilio.load.emulator-jvm-options", "").trim();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.addAll(List.of("-cp", classpath, "io.github.camelgeminilive.benchmarks.load.MeasuringEmulator"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> timings = new CompletableFuture<>();
            CompletableFuture<String> baseUrl = new CompletableFuture<>();
            // reads its output to the end (a full pipe would stall it), not into surefire's own streams
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("timings on ")) {
                            timings.complete(line.substring("timings on ".length()).trim());
                        } else if (line.startsWith("gemini-live-emulator listening on ")) {
                            baseUrl.complete(line.substring("gemini-live-emulator listening on ".length()).trim());
                        } else if (!baseUrl.isDone()) {
                            System.out.println("emulator: " + line);
                        }
                    }
                } catch (IOException e) {
                    baseUrl.completeExceptionally(e);
                }
                baseUrl.completeExceptionally(new IllegalStateException("The measuring emulator ended"));
            }, "load-emulator-output");
            reader.setDaemon(true);
            reader.start();
            try {
                return new EmulatorJvm(process, baseUrl.get(60, TimeUnit.SECONDS), timings.get(1, TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroy();
                throw new IllegalStateException("The measuring emulator did not start", e);
            }
        }

        void post(String path) throws IOException, InterruptedException {
            HTTP.send(HttpRequest.newBuilder(URI.create(timings + path)).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        }

        JsonNode read() throws IOException, InterruptedException {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(timings + "/read")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
