package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadRuntimeException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.audio.Wav;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.ContextUpdate;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;

/**
 * Mid-session control and the whole setup, against the emulator: what each option, operation and body puts on the
 * wire (recorded by the emulator's model), and what the model then does with it.
 */
class GeminiLiveSetupTest extends GeminiLiveTestSupport {

    private static final SetupRecordingModel MODEL = new SetupRecordingModel();
    private static final String NATIVE_AUDIO = "gemini-2.5-flash-native-audio-latest";
    private static GeminiLiveEmulator recorded;

    private final AtomicInteger credentialRequests = new AtomicInteger();

    @BeforeAll
    static void startRecordingEmulator() {
        recorded = emulatorOn127().engine(MODEL).build().start();
    }

    @AfterAll
    static void stopRecordingEmulator() {
        recorded.close();
    }

    @BeforeEach
    void forgetEarlierTests() {
        MODEL.clear();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", recorded.baseUrl().toString());
        Supplier<String> tokens = () -> {
            credentialRequests.incrementAndGet();
            return API_KEY;
        };
        context.getRegistry().bind("tokens", tokens);
        context.getRegistry().bind("baseSetup", Setup.builder(null)
                .safetySettings(List.of(new Setup.SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH")))
                .labels(Map.of("team", "voice"))
                .generationConfig(new GenerationConfig(null, null, 0.1, null, null, null, null, null, null, null, null))
                .build());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:full").to(uri(recorded, "full", "setup=#baseSetup", "temperature=0.7", "topP=0.9",
                        "topK=40", "maxOutputTokens=512", "candidateCount=1", "presencePenalty=0.5",
                        "frequencyPenalty=-0.5", "mediaResolution=MEDIA_RESOLUTION_LOW", "thinkingBudget=1024",
                        "thinkingLevel=LOW", "includeThoughts=true", "voiceName=Kore", "languageCode=de-DE",
                        "affectiveDialog=true", "proactiveAudio=true", "automaticActivityDetection=false",
                        "startOfSpeechSensitivity=START_SENSITIVITY_LOW", "endOfSpeechSensitivity=END_SENSITIVITY_HIGH",
                        "prefixPaddingMs=40", "silenceDurationMs=700", "activityHandling=NO_INTERRUPTION",
                        "turnCoverage=TURN_INCLUDES_ALL_INPUT", "googleSearch=true", "codeExecution=true",
                        "initialHistoryInClientContent=true", "contextWindowCompressionTriggerTokens=20000",
                        "contextWindowCompressionTargetTokens=10000", "explicitVadSignal=true",
                        "systemInstruction=Brief."));
                from("direct:context").to(uri(recorded, "context", "systemInstruction=Short."));
                from("direct:seeded").to(uri(recorded, "seeded", "initialHistoryInClientContent=true"));
                from("direct:unseeded").to(uri(recorded, "unseeded"));
                from("direct:wav").noStreamCaching().to(uri(recorded, "wav"));
                from("direct:rules").to(uri(recorded, "rules", "modelRules.native-audio=3.1-flash-live"));
                from("direct:supplied").to("gemini-live:supplied?baseUrl=" + recorded.baseUrl()
                        + "&credentialsSupplier=#tokens");
                from("direct:vertex").to(uri(recorded, "vertex", "flavour=VERTEX_AI", "vertexProject=demo-project",
                        "vertexLocation=us-central1"));
                String thinker = uri(recorded, "thinker", "includeThoughts=true");
                from(thinker).to("mock:thinker");
                from("direct:thinker").to(thinker);
            }
        };
    }

    @Test
    void everySetupOptionReachesTheService() {
        template.sendBody("direct:full", "Hello");

        // the connection of this endpoint (the consumer route's session connects too): the one with its instruction
        Setup setup = awaitSetup(s -> Content.text("Brief.").equals(s.systemInstruction()));
        assertThat(setup.model()).isEqualTo("models/" + NATIVE_AUDIO);
        GenerationConfig g = setup.generationConfig();
        assertThat(g.responseModalities()).containsExactly("AUDIO");
        assertThat(List.of(g.temperature(), g.topP(), g.presencePenalty(), g.frequencyPenalty()))
                .containsExactly(0.7, 0.9, 0.5, -0.5);
        assertThat(List.of(g.topK(), g.maxOutputTokens(), g.candidateCount())).containsExactly(40, 512, 1);
        assertThat(g.mediaResolution()).isEqualTo("MEDIA_RESOLUTION_LOW");
        assertThat(g.thinkingConfig()).isEqualTo(new GenerationConfig.ThinkingConfig(1024, true, "low"));
        assertThat(g.speechConfig().voiceConfig().prebuiltVoiceConfig().voiceName()).isEqualTo("Kore");
        assertThat(g.speechConfig().languageCode()).isEqualTo("de-DE");
        assertThat(g.enableAffectiveDialog()).isTrue();
        assertThat(setup.proactivity().proactiveAudio()).isTrue();
        assertThat(setup.realtimeInputConfig()).isEqualTo(new RealtimeInputConfig(
                new RealtimeInputConfig.AutomaticActivityDetection(true, "START_SENSITIVITY_LOW",
                        "END_SENSITIVITY_HIGH", 40, 700),
                "NO_INTERRUPTION", "TURN_INCLUDES_ALL_INPUT"));
        assertThat(setup.tools()).containsExactly(Tool.ofGoogleSearch(), Tool.ofCodeExecution());
        assertThat(setup.historyConfig().initialHistoryInClientContent()).isTrue();
        assertThat(setup.contextWindowCompression()).isEqualTo(
                new Setup.ContextWindowCompressionConfig(20000L, new Setup.SlidingWindow(10000L)));
        assertThat(setup.explicitVadSignal()).isTrue();
        assertThat(setup.systemInstruction()).isEqualTo(Content.text("Brief."));
        assertThat(setup.inputAudioTranscription()).isNotNull();
        assertThat(setup.outputAudioTranscription()).isNotNull();
        assertThat(setup.sessionResumption()).isNotNull();
        // from the setup bean, which the options refined (its temperature 0.1 gave way to 0.7)
        assertThat(setup.safetySettings())
                .containsExactly(new Setup.SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH"));
        assertThat(setup.labels()).containsEntry("team", "voice");
    }

    @Test
    void theYamlExamplesOfTheDocsSetUpAndUpdateTheSession() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/setup.yaml"));

        template.requestBody("direct:ask", "Hello from YAML");
        template.requestBody("direct:escalate", (Object) null);

        Setup setup = awaitSetup(s -> s.model().contains("gemini-3.1"));
        assertThat(setup.generationConfig().thinkingConfig())
                .isEqualTo(new GenerationConfig.ThinkingConfig(null, true, "low"));
        assertThat(setup.generationConfig().speechConfig().languageCode()).isEqualTo("de-DE");
        assertThat(setup.realtimeInputConfig().turnCoverage()).isEqualTo("TURN_INCLUDES_ALL_INPUT");
        assertThat(setup.tools()).containsExactly(Tool.ofCodeExecution());
        assertThat(setup.labels()).containsEntry("team", "voice");
        await().atMost(Duration.ofSeconds(20)).until(() -> MODEL.messages().stream()
                .anyMatch(m -> m.contextUpdate() != null && Content.text(
                        "You are now a senior support agent. Offer a refund.").equals(
                                m.contextUpdate()
                                        .systemInstruction())));
    }

    @Test
    void anEmptyModelFailsTheRoutesStartBeforeAnyConnection() {
        // on the emulator no other route of this class uses (the consumer route's session connects at any time)
        long attempts = emulator.admin().connectionAttempts();
        int routes = context.getRoutes().size();

        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:no-model").to(uri("no-model", "model="));
            }
        })).hasCauseInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessage("The gemini-live option model is required, e.g. "
                        + GeminiLiveConfiguration.DEFAULT_MODEL);
        assertThat(context.getRoutes()).hasSize(routes);
        assertThat(emulator.admin().connectionAttempts()).isEqualTo(attempts);
    }

    @Test
    void contextUpdateChangesTheSystemInstructionMidSession() {
        String pirate = "Answer as a pirate would. ".repeat(16); // 416 characters: about 104 tokens

        Exchange first = template.request("direct:context", e -> e.getMessage().setBody("Hello"));
        Exchange update = template.request("direct:context", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, GeminiLiveOperation.contextUpdate.name());
            e.getMessage().setBody(pirate);
        });
        Exchange second = template.request("direct:context", e -> e.getMessage().setBody("Hello"));

        assertThat(update.getException()).isNull();
        assertThat(MODEL.messages()).extracting(ClientMessage::contextUpdate).filteredOn(Objects::nonNull)
                .containsExactly(new ContextUpdate(Content.text(pirate), null));
        // the emulator counts the system instruction it holds in every prompt: the second prompt grew by the new
        // instruction's size (minus the old one), beyond the few tokens of the first turn and its reply
        int grown = promptTokens(second) - promptTokens(first);
        assertThat(grown).isGreaterThanOrEqualTo(pirate.length() / 4 - "Short.".length());
    }

    @Test
    void contextUpdateReplacesTheToolsOrRemovesThemAll() {
        for (Object tools : List.of(weatherTools(), List.of())) {
            Exchange update = template.request("direct:context", e -> {
                e.getMessage().setHeader(GeminiLiveConstants.OPERATION, GeminiLiveOperation.contextUpdate.name());
                e.getMessage().setBody(tools);
            });
            assertThat(update.getException()).isNull();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> MODEL.messages().size() >= 2);
        // an empty list is "no tools" ({"tools": []}), not "no change" (absent)
        assertThat(MODEL.messages()).extracting(ClientMessage::contextUpdate).containsExactly(
                new ContextUpdate(null, new ContextUpdate.ToolsUpdate(weatherTools())),
                new ContextUpdate(null, new ContextUpdate.ToolsUpdate(List.of())));
    }

    @Test
    void seededHistoryIsPartOfTheConversation() {
        Exchange seeded = template.request("direct:seeded", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, GeminiLiveOperation.seedHistory.name());
            e.getMessage().setBody(List.of(Content.userText("My name is Ada."), Content.modelText("Hello Ada.")));
        });
        Exchange answer = template.request("direct:seeded", e -> e.getMessage().setBody("What is my name?"));
        Exchange unseeded = template.request("direct:unseeded", e -> e.getMessage().setBody("What is my name?"));

        assertThat(seeded.getException()).isNull();
        assertThat(MODEL.connections()).filteredOn(c -> c.setup().historyConfig() != null).hasSize(1);
        assertThat(answer.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("Your name is Ada.");
        assertThat(unseeded.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("I don't know your name yet.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"File", "Path", "InputStream"})
    void aWavBodyIsSentAsPcmAtItsOwnRate(String kind, @TempDir Path dir) throws Exception {
        byte[] pcm = TestAudio.concat(TestAudio.silence(300), TestAudio.stamped(200, 7)); // 16 000 bytes
        Path file = dir.resolve("prompt.wav");
        Wav.write(file, pcm, 24_000);
        Object body = switch (kind) {
            case "File" -> file.toFile();
            case "Path" -> file;
            default -> new ByteArrayInputStream(Files.readAllBytes(file));
        };

        Exchange sent = template.send("direct:wav", e -> e.getMessage().setBody(body));

        assertThat(sent.getException()).isNull();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> audio().stream().mapToInt(b -> b.data().length).sum() >= pcm.length);
        assertThat(audio()).allSatisfy(b -> assertThat(b.mimeType()).isEqualTo("audio/pcm;rate=24000"));
        assertThat(audio().stream().mapToInt(b -> b.data().length).sum()).isEqualTo(pcm.length);
    }

    @Test
    void aWavBodyDisagreeingWithTheMimeTypeHeaderOrAnUnconvertibleBodyFails(@TempDir Path dir) throws Exception {
        File file = dir.resolve("fast.wav").toFile();
        Wav.write(file.toPath(), new byte[3200], 8_000);

        Exchange mismatch = template.send("direct:wav", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.MIME_TYPE, "audio/pcm;rate=16000");
            e.getMessage().setBody(file);
        });
        Exchange number = template.send("direct:wav", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, GeminiLiveOperation.sendAudio.name());
            e.getMessage().setBody(42);
        });

        assertThat(mismatch.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audio/pcm;rate=8000").hasMessageContaining("audio/pcm;rate=16000");
        assertThat(number.getException()).isInstanceOf(InvalidPayloadRuntimeException.class)
                .hasMessageContaining("No body available of type: io.github.camelgeminilive.audio.PcmStream")
                .hasMessageContaining("java.lang.Integer");
        assertThat(audio()).isEmpty();
    }

    @Test
    void thoughtsAndInterimTranscriptsKeepTheirFlagsAsHeaders() {
        MockEndpoint events = getMockEndpoint("mock:thinker");

        template.request("direct:thinker", e -> e.getMessage().setBody("Please " + SetupRecordingModel.THINK));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> eventsOf(events, GeminiLiveEventType.INPUT_TRANSCRIPTION).size() >= 2
                        && !eventsOf(events, GeminiLiveEventType.TEXT).isEmpty());
        List<Exchange> transcripts = eventsOf(events, GeminiLiveEventType.INPUT_TRANSCRIPTION);
        assertThat(transcripts.get(0).getMessage().getBody(String.class)).isEqualTo(SetupRecordingModel.INTERIM);
        assertThat(transcripts.get(0).getMessage().getHeader(GeminiLiveConstants.INTERIM)).isEqualTo(true);
        assertThat(transcripts.get(1).getMessage().getHeader(GeminiLiveConstants.INTERIM)).isEqualTo(false);
        Exchange thought = eventsOf(events, GeminiLiveEventType.TEXT).get(0);
        assertThat(thought.getMessage().getBody(String.class)).isEqualTo(SetupRecordingModel.THOUGHT);
        assertThat(thought.getMessage().getHeader(GeminiLiveConstants.THOUGHT)).isEqualTo(true);
    }

    @Test
    void modelRulesFromTheOptionsDecideHowTextIsSent() {
        Exchange reply = template.request("direct:rules", e -> e.getMessage().setBody("Hello"));

        assertThat(reply.getException()).isNull();
        // 2.5 native audio sends text as clientContent; the override gave it the 3.1 rules: realtimeInput.text
        assertThat(MODEL.messages()).extracting(ClientMessage::realtimeInput).filteredOn(Objects::nonNull)
                .extracting(r -> r.text()).containsExactly("Hello");
        assertThat(MODEL.messages()).noneMatch(m -> m.clientContent() != null);
    }

    @Test
    void aCredentialsSupplierIsAskedForEveryConnection() {
        Exchange first = template.request("direct:supplied", e -> e.getMessage().setBody("Hello"));
        Exchange other = template.request("direct:supplied", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "supplied-other");
            e.getMessage().setBody("Hello");
        });
        assertThat(first.getException()).isNull();
        assertThat(other.getException()).isNull();
        assertThat(credentialRequests).hasValue(2);

        // the connection drops: the resilient session reconnects, with a credential asked for again
        recorded.admin().drop(first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class));

        await().atMost(Duration.ofSeconds(20)).until(() -> credentialRequests.get() >= 3);
    }

    @Test
    void vertexProjectAndLocationNameTheModel() {
        Exchange reply = template.request("direct:vertex", e -> e.getMessage().setBody("Hello"));

        assertThat(reply.getException()).isNull();
        assertThat(MODEL.connections()).extracting(c -> c.setup().model()).filteredOn(m -> m.startsWith("projects/"))
                .containsExactly(
                        "projects/demo-project/locations/us-central1/publishers/google/models/" + NATIVE_AUDIO);
    }

    /** The setup of the first connection whose setup matches. */
    private static Setup awaitSetup(Predicate<Setup> which) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> MODEL.connections().stream().anyMatch(c -> which.test(c.setup())));
        return MODEL.connections().stream().map(c -> c.setup()).filter(which).findFirst().orElseThrow();
    }

    private static int promptTokens(Exchange reply) {
        assertThat(reply.getException()).isNull();
        return reply.getMessage().getHeader(GeminiLiveConstants.PROMPT_TOKEN_COUNT, Integer.class);
    }

    private static List<Blob> audio() {
        return MODEL.messages().stream().map(ClientMessage::realtimeInput).filter(Objects::nonNull)
                .map(r -> r.audio()).filter(Objects::nonNull).toList();
    }
}
