package io.github.camelgeminilive.component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.OverflowPolicy;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The options of a {@code gemini-live} endpoint. The component holds one instance as defaults; each endpoint gets a
 * {@link #copy()} that its URI options then change. {@link LiveSettingsMapper} turns it into the client's settings.
 */
@UriParams
public class GeminiLiveConfiguration implements Cloneable {

    /** The Gemini API's WebSocket base URL. */
    public static final String DEFAULT_BASE_URL = "wss://generativelanguage.googleapis.com";
    public static final String DEFAULT_MODEL = "models/gemini-2.5-flash-native-audio-latest";

    @UriParam(label = "security", secret = true,
            description = "The credential: a Gemini API key (GEMINI_API flavour), an ephemeral token (EPHEMERAL_TOKEN)"
                    + " or an OAuth access token (VERTEX_AI). Sent as a header (the ephemeral token as the access_token query"
                    + " parameter the service requires); never logged.")
    private String apiKey;
    @UriParam(label = "common", defaultValue = DEFAULT_MODEL,
            description = "The Live model, e.g. models/gemini-2.5-flash-native-audio-latest or"
                    + " models/gemini-3.1-flash-live-preview.")
    private String model = DEFAULT_MODEL;
    @UriParam(label = "common", defaultValue = "AUDIO", enums = "AUDIO,TEXT",
            description = "The response modality. Native-audio models accept AUDIO only (the service closes with 1007"
                    + " otherwise).")
    private String responseModalities = "AUDIO";
    @UriParam(label = "common",
            description = "A prebuilt voice such as Puck, Charon, Kore, Fenrir, Aoede, Leda, Orus or Zephyr.")
    private String voiceName;
    @UriParam(label = "common", description = "The system instruction (plain text) of the session.")
    private String systemInstruction;
    @UriParam(label = "common", defaultValue = "true",
            description = "Ask the service to transcribe the user's audio (inputTranscription events).")
    private boolean inputTranscription = true;
    @UriParam(label = "common", defaultValue = "true",
            description = "Ask the service to transcribe the model's audio (outputTranscription events and the InOut"
                    + " transcript header).")
    private boolean outputTranscription = true;
    @UriParam(label = "advanced", defaultValue = "true",
            description = "Enable session resumption: the service sends resumption handles (resumptionUpdate events).")
    private boolean sessionResumption = true;
    @UriParam(label = "resilience", defaultValue = "true",
            description = "Keep the session alive across connections: move to a new connection on goAway, reconnect"
                    + " with backoff after a drop, 1011 or an abnormal close, resume with the newest handle,"
                    + " replay what the service lacks and hold sends meanwhile. False: a plain session that"
                    + " ends for good on any close.")
    private boolean resilient = true;
    @UriParam(label = "resilience", defaultValue = "200ms", javaType = "java.time.Duration",
            description = "Delay (ms, or a duration) before the second reconnect attempt (the first is immediate);"
                    + " doubled per attempt, with 20% jitter.")
    private long reconnectInitialDelay = 200;
    @UriParam(label = "resilience", defaultValue = "30s", javaType = "java.time.Duration",
            description = "Cap of the delay between reconnect attempts.")
    private long reconnectMaxDelay = 30_000;
    @UriParam(label = "resilience", defaultValue = "0",
            description = "Consecutive failed reconnect attempts before the session gives up (closed event);"
                    + " 0 = no limit.")
    private int reconnectMaxAttempts;
    @UriParam(label = "resilience", defaultValue = "5m", javaType = "java.time.Duration",
            description = "Longest outage before the session gives up; 0 = no limit.")
    private long reconnectMaxElapsed = 300_000;
    @UriParam(label = "resilience", defaultValue = "8388608",
            description = "Most bytes of client messages kept, after the newest resumption handle, for replay after a"
                    + " resume; at most 1 GiB.")
    private long replayBufferBytes = 8L * 1024 * 1024;
    @UriParam(label = "resilience", defaultValue = "120s", javaType = "java.time.Duration",
            description = "Most audio (by duration) kept for replay; older audio cannot be replayed and is reported"
                    + " as lost.")
    private long replayBufferDuration = 120_000;
    @UriParam(label = "resilience", defaultValue = "2000",
            description = "Most sends held while the session reconnects; beyond it heldSendOverflow applies.")
    private int heldSendLimit = 2000;
    @UriParam(label = "resilience", defaultValue = "16777216",
            description = "Most bytes (encoded frames) of sends held while the session reconnects; beyond it"
                    + " heldSendOverflow applies.")
    private long heldSendBytes = 16L * 1024 * 1024;
    @UriParam(label = "resilience", defaultValue = "FAIL", enums = "FAIL,DROP_OLDEST",
            description = "When heldSendLimit is reached: FAIL fails the new send's exchange; DROP_OLDEST fails the"
                    + " oldest held send's exchange, counts it (droppedSends) and holds the new one.")
    private OverflowPolicy heldSendOverflow = OverflowPolicy.FAIL;
    @UriParam(label = "resilience", defaultValue = "15s", javaType = "java.time.Duration",
            description = "Interval of WebSocket pings that detect a half-open connection; 0 = no pings.")
    private long pingInterval = 15_000;
    @UriParam(label = "resilience", defaultValue = "60s", javaType = "java.time.Duration",
            description = "No pong for this long means the connection is dead and the session reconnects. Must"
                    + " exceed pingInterval and the service's slow pongs (8-30 s).")
    private long pingTimeout = 60_000;
    @UriParam(label = "resilience", defaultValue = "2s", javaType = "java.time.Duration",
            description = "After a goAway the session waits for a safe point to move, at the latest this long before"
                    + " the announced time runs out.")
    private long goAwayMargin = 2_000;
    @UriParam(label = "resilience", defaultValue = "0", javaType = "java.time.Duration",
            description = "Move to a new connection proactively at this connection age (e.g. 9m, before the"
                    + " service's ~10 minute limit); 0 = only when the service says goAway.")
    private long maxConnectionAge;
    @UriParam(label = "resilience", defaultValue = "false",
            description = "When the service refuses the resumption handle during a reconnect (expired or unknown),"
                    + " go on with a fresh session seeded with the conversation so far (its transcripts)."
                    + " False: such a refusal ends the session.")
    private boolean seedFreshSession;
    @UriParam(label = "resilience", defaultValue = "10000",
            description = "Most events queued for a consumer route that falls behind; beyond it the oldest audio,"
                    + " then the oldest text, transcription and usage events, then superseded resumption"
                    + " updates are dropped, logged and counted (droppedEvents). Events that carry state (turn"
                    + " ends, tool calls, goAway, reconnected) are never dropped: if only they are left beyond"
                    + " the bound, the session ends (closed, 1011: the route fell behind). Applies to plain"
                    + " and resilient sessions alike.")
    private int maxQueuedEvents = SessionOptions.DEFAULT_MAX_QUEUED_EVENTS;
    @UriParam(label = "resilience", defaultValue = "33554432",
            description = "Most bytes (audio, text) of events queued for a consumer route that falls behind; beyond"
                    + " it events are dropped as with maxQueuedEvents.")
    private long maxQueuedEventBytes = SessionOptions.DEFAULT_MAX_QUEUED_EVENT_BYTES;
    @UriParam(label = "resilience", javaType = "org.apache.camel.spi.StateRepository<String, String>",
            description = "Where resumption handles are kept, by session key: a reference to a StateRepository bean"
                    + " (e.g. org.apache.camel.support.processor.state.FileStateRepository), so a restarted"
                    + " application resumes the conversation of the same key within the handle's validity"
                    + " (about 2 hours). Default: in memory, for the component's lifetime.")
    private StateRepository<String, String> resumptionHandleRepository;
    @UriParam(label = "resilience", defaultValue = "false",
            description = "Ask for transparent resumption: the service reports the last client message it consumed"
                    + " (lastConsumedClientMessageIndex), so a resume replays exactly the rest (Vertex AI"
                    + " only; the Gemini API refuses it).")
    private boolean transparentResumption;
    @UriParam(label = "resilience", defaultValue = "300ms", javaType = "java.time.Duration",
            description = "Without transparent resumption the service does not say which messages a resumption"
                    + " handle covers: it is taken to cover what was written at least this long before the"
                    + " handle arrived, and the rest is sent again after a resume. Longer: more audio heard"
                    + " twice; shorter: audio lost if the service reads later than that. 0 = only what a pong"
                    + " proved read (never lost, but the service's pongs come 8-30 s late, so up to that much"
                    + " is heard twice).")
    private long coverageLag = 300;
    @UriParam(label = "advanced",
            description = "Enable sliding-window context compression, keeping this many tokens when it triggers.")
    private Long contextWindowCompressionTargetTokens;
    @UriParam(label = "advanced",
            description = "The context size (tokens) at which compression triggers; the service's default when unset.")
    private Long contextWindowCompressionTriggerTokens;
    @UriParam(label = "advanced", defaultValue = DEFAULT_BASE_URL,
            description = "The service's base URL (ws, wss, http or https); the flavour's path is appended. Point it"
                    + " at a local emulator for tests.")
    private String baseUrl = DEFAULT_BASE_URL;
    @UriParam(label = "advanced", defaultValue = "v1beta", enums = "v1,v1beta,v1alpha",
            description = "The API version in the path (Gemini API flavours).")
    private String apiVersion = "v1beta";
    @UriParam(label = "advanced", defaultValue = "GEMINI_API",
            description = "Which service endpoint and authentication scheme to use.")
    private ConnectionOptions.Flavour flavour = ConnectionOptions.Flavour.GEMINI_API;
    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration",
            description = "Timeout (ms, or a duration like 10s) of the TCP/TLS connect and WebSocket upgrade.")
    private long connectTimeout = 10_000;
    @UriParam(label = "security",
            description = "A PKCS12 or JKS trust store file replacing the JDK's default trust (e.g. for an emulator"
                    + " with a self-signed certificate). Certificates and host names are always verified.")
    private String trustStore;
    @UriParam(label = "security", secret = true, description = "The trust store's password.")
    private String trustStorePassword;
    @UriParam(label = "security", defaultValue = "false",
            description = "Allow an unencrypted ws or http baseUrl to a host other than loopback (localhost,"
                    + " 127.0.0.0/8, ::1). Off: such a baseUrl fails the endpoint, as the credential would"
                    + " travel in clear text.")
    private boolean allowPlainText;
    @UriParam(label = "advanced", enums = "CLIENT_CONTENT,REALTIME_TEXT",
            description = "Overrides how a text turn is sent (clientContent or realtimeInput.text); by default the"
                    + " model family's rule decides.")
    private ModelRules.TextTurn textTurnMode;
    @UriParam(label = "common", defaultValue = "true",
            description = "Server-side voice activity detection. When false, send activityStart/activityEnd"
                    + " operations around user speech.")
    private boolean automaticActivityDetection = true;
    @UriParam(label = "advanced",
            description = "Silence (ms) after speech that ends the user's turn (server-side VAD).")
    private Integer silenceDurationMs;
    @UriParam(label = "advanced", defaultValue = "false",
            description = "Ask the service for explicit voice activity signals (voiceActivity events when the user"
                    + " starts and stops speaking).")
    private boolean explicitVadSignal;
    @UriParam(label = "producer", defaultValue = "60s", javaType = "java.time.Duration",
            description = "How long (ms, or a duration like 60s) an InOut exchange waits for the model's turn to"
                    + " complete.")
    private long replyTimeout = 60_000;
    @UriParam(label = "common", javaType = "java.lang.Object",
            description = "The tools the model may call: a reference to a bean (GeminiLiveTools, a List of"
                    + " io.github.camelgeminilive.protocol.Tool or FunctionDeclaration, or one Tool), a JSON array of"
                    + " functionDeclarations, or the location of a JSON or YAML file of them (file:, classpath:).")
    @Metadata(supportFileReference = true)
    private Object tools;
    // tools as routes (ToolDeclarations, ToolRoutes)
    @UriParam(label = "tools", prefix = "toolEndpoint.", multiValue = true,
            description = "The endpoint whose route answers the calls of a function, by function name:"
                    + " toolEndpoint.get_weather=direct:weather. The tool exchange (InOut) has the arguments as body"
                    + " and the function name, arguments and call id as headers; its result body becomes the"
                    + " toolResponse, an exception an error response.")
    private Map<String, Object> toolEndpoint;
    @UriParam(label = "tools",
            description = "The endpoint whose route answers the calls of every function without a toolEndpoint (the"
                    + " function name is in CamelGeminiLiveFunctionName).")
    private String defaultToolEndpoint;
    @UriParam(label = "tools", defaultValue = "30s", javaType = "java.time.Duration",
            description = "How long a tool call waits for its route's result; then the model gets an error response,"
                    + " and a result that comes later is dropped and counted (toolLateResults).")
    private long toolTimeout = 30_000;
    @UriParam(label = "tools", prefix = "toolScheduling.", multiValue = true,
            description = "The scheduling (INTERRUPT, WHEN_IDLE or SILENT) of the responses to a NON_BLOCKING"
                    + " function, by function name: toolScheduling.notify_staff=WHEN_IDLE. A tool route may set"
                    + " CamelGeminiLiveToolScheduling instead.")
    private Map<String, Object> toolScheduling;
    @UriParam(label = "tools", defaultValue = "10",
            description = "Threads that run the tool routes of the endpoint; more calls at once wait for a thread,"
                    + " their toolTimeout running.")
    private int toolThreadPoolSize = 10;

    // one route, many calls: the sessions of an endpoint and the InOut reply
    @UriParam(label = "consumer", defaultValue = "true",
            description = "The consumer opens the endpoint's own session (the path's key) when its route starts."
                    + " False: it opens none and receives the events of the sessions the endpoint's producers"
                    + " open, e.g. one per CamelGeminiLiveSessionKey.")
    private boolean openOnStart = true;
    @UriParam(label = "common", defaultValue = "0", javaType = "java.time.Duration",
            description = "Close a session of a CamelGeminiLiveSessionKey (not the endpoint's own) after this long"
                    + " (ms, or a duration like 5m) without activity: no send, no event, no connect, InOut reply or"
                    + " tool route under way. A closed event with an idle reason, its handle forgotten; 0 = never.")
    private long idleTimeout;
    @UriParam(label = "common", defaultValue = "0",
            description = "Most sessions the endpoint holds at a time (its own and one per"
                    + " CamelGeminiLiveSessionKey); the exchange that would open one more fails; 0 = no bound.")
    private int maxSessions;
    @UriParam(label = "producer", defaultValue = "pcm", enums = "pcm,wav,transcript,events",
            description = "The body of an InOut reply: pcm (the audio as bytes), wav (the audio as a WAV file),"
                    + " transcript (the transcript as a String) or events (the reply's events as a list of"
                    + " LiveEvent).")
    private GeminiLiveReplyFormat replyFormat = GeminiLiveReplyFormat.pcm;

    // the whole setup, credentials and model rules (see LiveSettingsMapper)
    @UriParam(label = "advanced", javaType = "io.github.camelgeminilive.protocol.Setup",
            description = "A io.github.camelgeminilive.protocol.Setup bean as the base of the session's setup, for"
                    + " fields no option covers (safetySettings, labels, ...). Every option that is set replaces the"
                    + " bean's field; model, responseModalities and the transcription and resumption flags always"
                    + " come from the options (a bean naming another model than the model option fails the"
                    + " endpoint).")
    private Setup setup;
    @UriParam(label = "generation", description = "Sampling temperature, 0.0 to 2.0.")
    private Double temperature;
    @UriParam(label = "generation", description = "Nucleus sampling: the probability mass kept, 0.0 to 1.0.")
    private Double topP;
    @UriParam(label = "generation", description = "Top-k sampling: the most likely tokens considered, at least 1.")
    private Integer topK;
    @UriParam(label = "generation", description = "Most tokens of a reply, at least 1.")
    private Integer maxOutputTokens;
    @UriParam(label = "generation", description = "Candidates per reply (the Live API takes 1).")
    private Integer candidateCount;
    @UriParam(label = "generation", description = "Presence penalty, -2.0 to 2.0.")
    private Double presencePenalty;
    @UriParam(label = "generation", description = "Frequency penalty, -2.0 to 2.0.")
    private Double frequencyPenalty;
    @UriParam(label = "generation", enums = "MEDIA_RESOLUTION_LOW,MEDIA_RESOLUTION_MEDIUM,MEDIA_RESOLUTION_HIGH",
            description = "The resolution video frames and images are read at.")
    private String mediaResolution;
    @UriParam(label = "generation",
            description = "Thinking tokens of 2.5 models: 0 = off, -1 = dynamic, else a budget (at most 32768).")
    private Integer thinkingBudget;
    @UriParam(label = "generation", enums = "minimal,low,medium,high",
            description = "Thinking level of 3.x models (the service's default: minimal).")
    private String thinkingLevel;
    @UriParam(label = "generation",
            description = "Ask for the model's thoughts: text events with the CamelGeminiLiveThought header true.")
    private Boolean includeThoughts;
    @UriParam(label = "generation",
            description = "The language of the model's speech, a BCP-47 code such as en-US or de-DE.")
    private String languageCode;
    @UriParam(label = "generation", description = "Affective dialog: the model adapts its tone to the user's"
            + " (native-audio models, API version v1alpha).")
    private Boolean affectiveDialog;
    @UriParam(label = "generation", description = "Proactive audio: the model may stay silent when the input is not"
            + " meant for it (native-audio models, API version v1alpha).")
    private Boolean proactiveAudio;
    @UriParam(label = "advanced", enums = "START_SENSITIVITY_HIGH,START_SENSITIVITY_LOW",
            description = "How readily server-side voice activity detection takes sound as the start of speech.")
    private String startOfSpeechSensitivity;
    @UriParam(label = "advanced", enums = "END_SENSITIVITY_HIGH,END_SENSITIVITY_LOW",
            description = "How readily server-side voice activity detection takes a pause as the end of speech.")
    private String endOfSpeechSensitivity;
    @UriParam(label = "advanced",
            description = "Speech (ms) needed before server-side voice activity detection commits to its start.")
    private Integer prefixPaddingMs;
    @UriParam(label = "advanced", enums = "START_OF_ACTIVITY_INTERRUPTS,NO_INTERRUPTION",
            description = "Whether user speech interrupts the model's reply (the service's default) or waits for it.")
    private String activityHandling;
    @UriParam(label = "advanced", enums = "TURN_INCLUDES_ONLY_ACTIVITY,TURN_INCLUDES_ALL_INPUT,"
            + "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
            description = "Which input a user turn includes; the model family's default when unset.")
    private String turnCoverage;
    @UriParam(label = "common", defaultValue = "false",
            description = "Let the model search the web (the googleSearch tool).")
    private boolean googleSearch;
    @UriParam(label = "common", defaultValue = "false",
            description = "Let the model write and run code (the codeExecution tool; codeExecution events).")
    private boolean codeExecution;
    @UriParam(label = "advanced", defaultValue = "false",
            description = "historyConfig.initialHistoryInClientContent: after the setup the service takes the"
                    + " conversation's history (seedHistory operation) until a message that completes the turn;"
                    + " 3.1 models need it to take clientContent history at all.")
    private boolean initialHistoryInClientContent;
    @UriParam(label = "security", javaType = "java.util.function.Supplier<String>",
            description = "A Supplier<String> bean asked for the credential on every new connection, instead of"
                    + " apiKey: ephemeral tokens (single-use, e.g. minted by a route) or refreshed OAuth access"
                    + " tokens for Vertex AI. It runs on the client's connect pool and may block.")
    private Supplier<String> credentialsSupplier;
    @UriParam(label = "advanced",
            description = "The Google Cloud project (flavour VERTEX_AI): the model becomes"
                    + " projects/{vertexProject}/locations/{vertexLocation}/publishers/google/models/{model}.")
    private String vertexProject;
    @UriParam(label = "advanced",
            description = "The Google Cloud region (flavour VERTEX_AI), e.g. us-central1 or global; with the default"
                    + " baseUrl the endpoint is wss://{vertexLocation}-aiplatform.googleapis.com.")
    private String vertexLocation;
    @UriParam(label = "advanced", prefix = "modelRules.", multiValue = true,
            javaType = "java.util.Map<String, Object>",
            description = "Overrides of the per-model rules table, by a part of the model name:"
                    + " modelRules.gemini-4=3.1-flash-live,textTurn=CLIENT_CONTENT takes the rules of a known"
                    + " family (2.5-native-audio, 3.1-flash-live, generic) and changes the named fields; a"
                    + " io.github.camelgeminilive.protocol.ModelRules value (from Java) works too. The longest"
                    + " matching part wins, before the built-in entries.")
    private Map<String, Object> modelRules;

    /**
     * A deep enough copy: every field is immutable or replaced, never mutated, by the endpoint, except the option
     * maps, which Camel fills entry by entry from the URI ({@code toolEndpoint.x=...}, {@code modelRules.x=...}):
     * each copy gets its own.
     */
    public GeminiLiveConfiguration copy() {
        try {
            GeminiLiveConfiguration copy = (GeminiLiveConfiguration) clone();
            copy.toolEndpoint = toolEndpoint == null ? null : new LinkedHashMap<>(toolEndpoint);
            copy.toolScheduling = toolScheduling == null ? null : new LinkedHashMap<>(toolScheduling);
            copy.modelRules = modelRules == null ? null : new LinkedHashMap<>(modelRules);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getResponseModalities() {
        return responseModalities;
    }

    public void setResponseModalities(String responseModalities) {
        this.responseModalities = responseModalities;
    }

    public String getVoiceName() {
        return voiceName;
    }

    public void setVoiceName(String voiceName) {
        this.voiceName = voiceName;
    }

    public String getSystemInstruction() {
        return systemInstruction;
    }

    public void setSystemInstruction(String systemInstruction) {
        this.systemInstruction = systemInstruction;
    }

    public boolean isInputTranscription() {
        return inputTranscription;
    }

    public void setInputTranscription(boolean inputTranscription) {
        this.inputTranscription = inputTranscription;
    }

    public boolean isOutputTranscription() {
        return outputTranscription;
    }

    public void setOutputTranscription(boolean outputTranscription) {
        this.outputTranscription = outputTranscription;
    }

    public boolean isSessionResumption() {
        return sessionResumption;
    }

    public void setSessionResumption(boolean sessionResumption) {
        this.sessionResumption = sessionResumption;
    }

    public boolean isResilient() {
        return resilient;
    }

    public void setResilient(boolean resilient) {
        this.resilient = resilient;
    }

    public long getReconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    public void setReconnectInitialDelay(long reconnectInitialDelay) {
        this.reconnectInitialDelay = reconnectInitialDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public int getReconnectMaxAttempts() {
        return reconnectMaxAttempts;
    }

    public void setReconnectMaxAttempts(int reconnectMaxAttempts) {
        this.reconnectMaxAttempts = reconnectMaxAttempts;
    }

    public long getReconnectMaxElapsed() {
        return reconnectMaxElapsed;
    }

    public void setReconnectMaxElapsed(long reconnectMaxElapsed) {
        this.reconnectMaxElapsed = reconnectMaxElapsed;
    }

    public long getReplayBufferBytes() {
        return replayBufferBytes;
    }

    public void setReplayBufferBytes(long replayBufferBytes) {
        this.replayBufferBytes = replayBufferBytes;
    }

    public long getReplayBufferDuration() {
        return replayBufferDuration;
    }

    public void setReplayBufferDuration(long replayBufferDuration) {
        this.replayBufferDuration = replayBufferDuration;
    }

    public int getHeldSendLimit() {
        return heldSendLimit;
    }

    public void setHeldSendLimit(int heldSendLimit) {
        this.heldSendLimit = heldSendLimit;
    }

    public long getHeldSendBytes() {
        return heldSendBytes;
    }

    public void setHeldSendBytes(long heldSendBytes) {
        this.heldSendBytes = heldSendBytes;
    }

    public long getCoverageLag() {
        return coverageLag;
    }

    public void setCoverageLag(long coverageLag) {
        this.coverageLag = coverageLag;
    }

    public OverflowPolicy getHeldSendOverflow() {
        return heldSendOverflow;
    }

    public void setHeldSendOverflow(OverflowPolicy heldSendOverflow) {
        this.heldSendOverflow = heldSendOverflow;
    }

    public long getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(long pingInterval) {
        this.pingInterval = pingInterval;
    }

    public long getPingTimeout() {
        return pingTimeout;
    }

    public void setPingTimeout(long pingTimeout) {
        this.pingTimeout = pingTimeout;
    }

    public long getGoAwayMargin() {
        return goAwayMargin;
    }

    public void setGoAwayMargin(long goAwayMargin) {
        this.goAwayMargin = goAwayMargin;
    }

    public long getMaxConnectionAge() {
        return maxConnectionAge;
    }

    public void setMaxConnectionAge(long maxConnectionAge) {
        this.maxConnectionAge = maxConnectionAge;
    }

    public boolean isSeedFreshSession() {
        return seedFreshSession;
    }

    public void setSeedFreshSession(boolean seedFreshSession) {
        this.seedFreshSession = seedFreshSession;
    }

    public int getMaxQueuedEvents() {
        return maxQueuedEvents;
    }

    public void setMaxQueuedEvents(int maxQueuedEvents) {
        this.maxQueuedEvents = maxQueuedEvents;
    }

    public long getMaxQueuedEventBytes() {
        return maxQueuedEventBytes;
    }

    public void setMaxQueuedEventBytes(long maxQueuedEventBytes) {
        this.maxQueuedEventBytes = maxQueuedEventBytes;
    }

    public StateRepository<String, String> getResumptionHandleRepository() {
        return resumptionHandleRepository;
    }

    public void setResumptionHandleRepository(StateRepository<String, String> resumptionHandleRepository) {
        this.resumptionHandleRepository = resumptionHandleRepository;
    }

    public boolean isTransparentResumption() {
        return transparentResumption;
    }

    public void setTransparentResumption(boolean transparentResumption) {
        this.transparentResumption = transparentResumption;
    }

    public Long getContextWindowCompressionTargetTokens() {
        return contextWindowCompressionTargetTokens;
    }

    public void setContextWindowCompressionTargetTokens(Long contextWindowCompressionTargetTokens) {
        this.contextWindowCompressionTargetTokens = contextWindowCompressionTargetTokens;
    }

    public Long getContextWindowCompressionTriggerTokens() {
        return contextWindowCompressionTriggerTokens;
    }

    public void setContextWindowCompressionTriggerTokens(Long contextWindowCompressionTriggerTokens) {
        this.contextWindowCompressionTriggerTokens = contextWindowCompressionTriggerTokens;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public ConnectionOptions.Flavour getFlavour() {
        return flavour;
    }

    public void setFlavour(ConnectionOptions.Flavour flavour) {
        this.flavour = flavour;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public boolean isAllowPlainText() {
        return allowPlainText;
    }

    public void setAllowPlainText(boolean allowPlainText) {
        this.allowPlainText = allowPlainText;
    }

    public ModelRules.TextTurn getTextTurnMode() {
        return textTurnMode;
    }

    public void setTextTurnMode(ModelRules.TextTurn textTurnMode) {
        this.textTurnMode = textTurnMode;
    }

    public boolean isAutomaticActivityDetection() {
        return automaticActivityDetection;
    }

    public void setAutomaticActivityDetection(boolean automaticActivityDetection) {
        this.automaticActivityDetection = automaticActivityDetection;
    }

    public Integer getSilenceDurationMs() {
        return silenceDurationMs;
    }

    public void setSilenceDurationMs(Integer silenceDurationMs) {
        this.silenceDurationMs = silenceDurationMs;
    }

    public boolean isExplicitVadSignal() {
        return explicitVadSignal;
    }

    public void setExplicitVadSignal(boolean explicitVadSignal) {
        this.explicitVadSignal = explicitVadSignal;
    }

    public long getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public Object getTools() {
        return tools;
    }

    public void setTools(Object tools) {
        this.tools = tools;
    }

    public boolean isOpenOnStart() {
        return openOnStart;
    }

    public void setOpenOnStart(boolean openOnStart) {
        this.openOnStart = openOnStart;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public int getMaxSessions() {
        return maxSessions;
    }

    public void setMaxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    public GeminiLiveReplyFormat getReplyFormat() {
        return replyFormat;
    }

    public void setReplyFormat(GeminiLiveReplyFormat replyFormat) {
        this.replyFormat = replyFormat;
    }

    public Map<String, Object> getToolEndpoint() {
        return toolEndpoint;
    }

    public void setToolEndpoint(Map<String, Object> toolEndpoint) {
        this.toolEndpoint = toolEndpoint;
    }

    public String getDefaultToolEndpoint() {
        return defaultToolEndpoint;
    }

    public void setDefaultToolEndpoint(String defaultToolEndpoint) {
        this.defaultToolEndpoint = defaultToolEndpoint;
    }

    public long getToolTimeout() {
        return toolTimeout;
    }

    public void setToolTimeout(long toolTimeout) {
        this.toolTimeout = toolTimeout;
    }

    public Map<String, Object> getToolScheduling() {
        return toolScheduling;
    }

    public void setToolScheduling(Map<String, Object> toolScheduling) {
        this.toolScheduling = toolScheduling;
    }

    public int getToolThreadPoolSize() {
        return toolThreadPoolSize;
    }

    public void setToolThreadPoolSize(int toolThreadPoolSize) {
        this.toolThreadPoolSize = toolThreadPoolSize;
    }

    public Setup getSetup() {
        return setup;
    }

    public void setSetup(Setup setup) {
        this.setup = setup;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Double getTopP() {
        return topP;
    }

    public void setTopP(Double topP) {
        this.topP = topP;
    }

    public Integer getTopK() {
        return topK;
    }

    public void setTopK(Integer topK) {
        this.topK = topK;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    public Integer getCandidateCount() {
        return candidateCount;
    }

    public void setCandidateCount(Integer candidateCount) {
        this.candidateCount = candidateCount;
    }

    public Double getPresencePenalty() {
        return presencePenalty;
    }

    public void setPresencePenalty(Double presencePenalty) {
        this.presencePenalty = presencePenalty;
    }

    public Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    public void setFrequencyPenalty(Double frequencyPenalty) {
        this.frequencyPenalty = frequencyPenalty;
    }

    public String getMediaResolution() {
        return mediaResolution;
    }

    public void setMediaResolution(String mediaResolution) {
        this.mediaResolution = mediaResolution;
    }

    public Integer getThinkingBudget() {
        return thinkingBudget;
    }

    public void setThinkingBudget(Integer thinkingBudget) {
        this.thinkingBudget = thinkingBudget;
    }

    public String getThinkingLevel() {
        return thinkingLevel;
    }

    public void setThinkingLevel(String thinkingLevel) {
        this.thinkingLevel = thinkingLevel;
    }

    public Boolean getIncludeThoughts() {
        return includeThoughts;
    }

    public void setIncludeThoughts(Boolean includeThoughts) {
        this.includeThoughts = includeThoughts;
    }

    public String getLanguageCode() {
        return languageCode;
    }

    public void setLanguageCode(String languageCode) {
        this.languageCode = languageCode;
    }

    public Boolean getAffectiveDialog() {
        return affectiveDialog;
    }

    public void setAffectiveDialog(Boolean affectiveDialog) {
        this.affectiveDialog = affectiveDialog;
    }

    public Boolean getProactiveAudio() {
        return proactiveAudio;
    }

    public void setProactiveAudio(Boolean proactiveAudio) {
        this.proactiveAudio = proactiveAudio;
    }

    public String getStartOfSpeechSensitivity() {
        return startOfSpeechSensitivity;
    }

    public void setStartOfSpeechSensitivity(String startOfSpeechSensitivity) {
        this.startOfSpeechSensitivity = startOfSpeechSensitivity;
    }

    public String getEndOfSpeechSensitivity() {
        return endOfSpeechSensitivity;
    }

    public void setEndOfSpeechSensitivity(String endOfSpeechSensitivity) {
        this.endOfSpeechSensitivity = endOfSpeechSensitivity;
    }

    public Integer getPrefixPaddingMs() {
        return prefixPaddingMs;
    }

    public void setPrefixPaddingMs(Integer prefixPaddingMs) {
        this.prefixPaddingMs = prefixPaddingMs;
    }

    public String getActivityHandling() {
        return activityHandling;
    }

    public void setActivityHandling(String activityHandling) {
        this.activityHandling = activityHandling;
    }

    public String getTurnCoverage() {
        return turnCoverage;
    }

    public void setTurnCoverage(String turnCoverage) {
        this.turnCoverage = turnCoverage;
    }

    public boolean isGoogleSearch() {
        return googleSearch;
    }

    public void setGoogleSearch(boolean googleSearch) {
        this.googleSearch = googleSearch;
    }

    public boolean isCodeExecution() {
        return codeExecution;
    }

    public void setCodeExecution(boolean codeExecution) {
        this.codeExecution = codeExecution;
    }

    public boolean isInitialHistoryInClientContent() {
        return initialHistoryInClientContent;
    }

    public void setInitialHistoryInClientContent(boolean initialHistoryInClientContent) {
        this.initialHistoryInClientContent = initialHistoryInClientContent;
    }

    public Supplier<String> getCredentialsSupplier() {
        return credentialsSupplier;
    }

    public void setCredentialsSupplier(Supplier<String> credentialsSupplier) {
        this.credentialsSupplier = credentialsSupplier;
    }

    public String getVertexProject() {
        return vertexProject;
    }

    public void setVertexProject(String vertexProject) {
        this.vertexProject = vertexProject;
    }

    public String getVertexLocation() {
        return vertexLocation;
    }

    public void setVertexLocation(String vertexLocation) {
        this.vertexLocation = vertexLocation;
    }

    public Map<String, Object> getModelRules() {
        return modelRules;
    }

    public void setModelRules(Map<String, Object> modelRules) {
        this.modelRules = modelRules;
    }
}
