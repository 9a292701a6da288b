package io.github.camelgeminilive.benchmarks.load;

import java.util.concurrent.CompletableFuture;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.AutomaticActivityDetection;
import com.google.genai.types.Blob;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveServerContent;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import com.google.genai.types.RealtimeInputConfig;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Google's Java SDK 2.0.0 ({@code client.async.live}): one {@link Client} for all sessions, its OkHttp client
 * trusting the emulator's certificate. OkHttp's dispatcher allows 5 calls per host by default and a WebSocket
 * holds its call for its whole life, so the dispatcher limits are raised (without that the SDK cannot open a
 * sixth session to one host). {@code tuned} also sets {@code TCP_NODELAY} on its sockets (OkHttp does not), which a
 * user of the SDK can do with a custom OkHttp client; the SDK is measured both as shipped and tuned so.
 */
final class SdkLoadClient implements LoadClient {

    static final String MODEL = "gemini-2.5-flash-native-audio-latest";

    private final Client client;
    private final OkHttpClient http;
    private final boolean tuned;

    SdkLoadClient(EmulatorProcess emulator, boolean tuned) {
        this.tuned = tuned;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(100_000);
        dispatcher.setMaxRequestsPerHost(100_000);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .sslSocketFactory(emulator.tls().context().getSocketFactory(), emulator.tls().trustManager())
                .dispatcher(dispatcher);
        if (tuned) {
            builder.socketFactory(new NoDelaySockets());
        }
        this.http = builder.build();
        this.client = Client.builder()
                .apiKey("benchmark-key")
                .httpOptions(HttpOptions.builder().baseUrl("https://localhost:" + emulator.port()).build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
    }

    @Override
    public String name() {
        return tuned ? "sdk-nodelay" : "sdk";
    }

    @Override
    public KindOptions options() {
        return KindOptions.sdk(tuned);
    }

    @Override
    public CompletableFuture<LoadSession> open(LoadListener listener) {
        LiveConnectConfig config = LiveConnectConfig.builder()
                .responseModalities(Modality.Known.AUDIO)
                .inputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .realtimeInputConfig(RealtimeInputConfig.builder()
                        .automaticActivityDetection(AutomaticActivityDetection.builder()
                                .silenceDurationMs(SessionCycle.SILENCE_MS).build())
                        .build())
                .build();
        return client.async.live.connect(MODEL, config).thenApply(s -> {
            s.receive(message -> dispatch(message, listener));
            return session(s, listener);
        });
    }

    private static void dispatch(LiveServerMessage message, LoadListener listener) {
        LiveServerContent content = message.serverContent().orElse(null);
        if (content == null) {
            return;
        }
        if (content.inputTranscription().isPresent()) {
            listener.inputTranscription();
        }
        content.modelTurn().flatMap(turn -> turn.parts()).ifPresent(parts -> {
            for (Part part : parts) {
                part.inlineData().flatMap(Blob::data).ifPresent(listener::audio);
            }
        });
        content.outputTranscription().flatMap(t -> t.text()).ifPresent(listener::outputTranscription);
        if (content.interrupted().orElse(false)) {
            listener.interrupted();
        }
        if (content.turnComplete().orElse(false)) {
            listener.turnComplete();
        }
    }

    private static LoadSession session(AsyncSession s, LoadListener listener) {
        return new LoadSession() {
            @Override
            public void sendAudio(byte[] pcm) {
                s.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
                        .audio(Blob.builder().mimeType(OurLoadClient.MIME).data(pcm).build())
                        .build()).whenComplete((v, e) -> {
                            if (e != null) {
                                listener.sendFailed(e);
                            }
                        });
            }

            @Override
            public String sessionId() {
                return s.sessionId();
            }

            @Override
            public CompletableFuture<Void> closeAsync() {
                return s.close();
            }
        };
    }

    @Override
    public void close() {
        client.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
