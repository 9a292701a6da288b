package io.github.camelgeminilive.benchmarks.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * This project's client ({@code gemini-live-client}): one {@link LiveClient} for all sessions, which are plain
 * sessions ({@code ours}, {@code ours-plain}) or resilient ones with {@link ResilienceOptions#defaults()}
 * ({@code ours-resilient}), on the same session options.
 */
final class OurLoadClient implements LoadClient {

    static final String MODEL = "models/gemini-2.5-flash-native-audio-latest";
    static final String MIME = "audio/pcm;rate=16000";

    private final RouteDelays routeDelays = new RouteDelays();
    private final LiveClient client;
    /** Null: plain sessions. */
    private final ResilienceOptions resilience;
    private final boolean tls;
    private final String name;

    /** Plain sessions, over {@code wss} ({@code ours}) or, to an emulator without TLS, {@code ws}. */
    OurLoadClient(EmulatorProcess emulator) {
        this(emulator, false);
    }

    OurLoadClient(EmulatorProcess emulator, boolean resilient) {
        this.resilience = resilient ? ResilienceOptions.defaults() : null;
        this.tls = emulator.trustStore() != null;
        this.name = resilient ? "ours-resilient" : tls ? "ours" : "ours-plain";
        this.client = routeDelays.client(connectionOptions(emulator));
    }

    /** To {@code emulator}, trusting its certificate when it has one. */
    static ConnectionOptions connectionOptions(EmulatorProcess emulator) {
        ConnectionOptions plain = ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "benchmark-key");
        return emulator.trustStore() == null ? plain
                : plain.withTrustStore(emulator.trustStore(), EmulatorProcess.PASSWORD);
    }

    static SessionOptions sessionOptions() {
        return SessionOptions.of(Setup.builder(MODEL)
                .generationConfig(GenerationConfig.of(List.of("AUDIO"), null))
                .realtimeInputConfig(new RealtimeInputConfig(
                        new RealtimeInputConfig.AutomaticActivityDetection(null, null, null, null,
                                SessionCycle.SILENCE_MS),
                        null, null))
                .inputAudioTranscription(true)
                .outputAudioTranscription(true)
                .build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KindOptions options() {
        return KindOptions.ours((resilience != null ? "`LiveClient.connectResilient`" : "`LiveClient.connect`")
                + ", `sendAudio` per frame", sessionOptions(), resilience, tls, "the client's event pool");
    }

    @Override
    public CompletableFuture<LoadSession> open(LoadListener listener) {
        LiveSessionListener route = events(listener);
        AtomicReference<String> sessionId = new AtomicReference<>();
        // a session's events are delivered one at a time: its setupComplete comes first, before any audio
        LiveSessionListener timed = event -> {
            if (event instanceof LiveEvent.SetupCompleted setup) {
                sessionId.set(setup.sessionId());
            } else if (event instanceof LiveEvent.Audio) {
                routeDelays.audioDelivered(sessionId.get(), listener);
            }
            route.onEvent(event);
        };
        CompletableFuture<? extends LiveSession> opened = resilience != null
                ? client.connectResilient(sessionOptions(), resilience, timed)
                : client.connect(sessionOptions(), null, timed);
        return opened.thenApply(s -> session(s, listener));
    }

    /** A resilient session (goAway handled by the client), for the reconnect measurement. */
    CompletableFuture<ResilientSession> openResilient(LoadListener listener, ResilienceOptions options,
            LiveSessionListener also) {
        LiveSessionListener route = events(listener);
        return client.connectResilient(sessionOptions(), options, e -> {
            also.onEvent(e);
            route.onEvent(e);
        });
    }

    static LoadSession session(LiveSession s, LoadListener listener) {
        return new LoadSession() {
            @Override
            public void sendAudio(byte[] pcm) {
                long start = System.nanoTime();
                s.sendAudio(pcm, MIME).whenComplete((v, e) -> {
                    if (e != null) {
                        listener.sendFailed(e);
                    } else {
                        listener.sendCompleted(System.nanoTime() - start);
                    }
                });
            }

            @Override
            public String sessionId() {
                return s.sessionId();
            }

            @Override
            public CompletableFuture<Void> closeAsync() {
                return s.closeAsync();
            }
        };
    }

    private static LiveSessionListener events(LoadListener listener) {
        return event -> {
            if (event instanceof LiveEvent.Audio a) {
                listener.audio(a.data());
            } else if (event instanceof LiveEvent.InputTranscription) {
                listener.inputTranscription();
            } else if (event instanceof LiveEvent.OutputTranscription t) {
                listener.outputTranscription(t.transcription().text());
            } else if (event instanceof LiveEvent.Interrupted) {
                listener.interrupted();
            } else if (event instanceof LiveEvent.TurnComplete) {
                listener.turnComplete();
            } else if (event instanceof LiveEvent.Closed c) {
                listener.closed(c.code() + " " + c.reason());
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }

}
