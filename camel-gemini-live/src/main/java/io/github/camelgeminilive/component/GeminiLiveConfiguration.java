package io.github.camelgeminilive.component;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.transport.ConnectionOptions;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

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
                            + " or an OAuth access token (VERTEX_AI). Sent as a header, never logged.")
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
    @UriParam(label = "advanced", defaultValue = "true",
              description = "When the service ends the connection (after goAway, 1000, 1001, 1011 or a lost"
                            + " connection), connect again on the next send, or at once when a consumer listens,"
                            + " resuming the session with the newest resumption handle. Refusals (1007, 1008) and a"
                            + " close by the route are final.")
    private boolean reconnect = true;
    @UriParam(label = "advanced", defaultValue = "false",
              description = "Ask for transparent resumption (lastConsumedClientMessageIndex; Vertex AI only).")
    private boolean transparentResumption;
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
              description = "The tools the model may call: a reference to a bean (a List of"
                            + " io.github.camelgeminilive.protocol.Tool, or one Tool), or a JSON array of"
                            + " functionDeclarations.")
    @Metadata(supportFileReference = false)
    private Object tools;

    /** A deep enough copy: every field is immutable or replaced, never mutated, by the endpoint. */
    public GeminiLiveConfiguration copy() {
        try {
            return (GeminiLiveConfiguration) clone();
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

    public boolean isReconnect() {
        return reconnect;
    }

    public void setReconnect(boolean reconnect) {
        this.reconnect = reconnect;
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
}
