package io.github.camelgeminilive.component;

import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;

import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.SessionOptions;

/**
 * Real-time voice and text sessions with Google's Gemini Live API: stream text, audio and video in, receive audio,
 * transcriptions, tool calls and turn events.
 */
@ManagedResource(description = "Managed Gemini Live endpoint")
@UriEndpoint(firstVersion = "0.1.0", scheme = "gemini-live", title = "Gemini Live", syntax = "gemini-live:sessionKey",
        category = {Category.AI}, headersClass = GeminiLiveConstants.class)
public class GeminiLiveEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath(description = "The name of the live session; producers and consumers with the same key share it.")
    @Metadata(required = true)
    private String sessionKey;
    @UriParam
    private GeminiLiveConfiguration configuration;

    private LiveClientKey clientKey;
    private SessionOptions sessionOptions;
    private ResumptionHandleStore handleStore;
    private ToolRoutes toolRoutes;

    public GeminiLiveEndpoint(String uri, GeminiLiveComponent component, GeminiLiveConfiguration configuration) {
        // the URI Camel shows (logs, JMX, route dumps) must not carry the API key
        super(URISupport.sanitizeUri(uri), component);
        this.configuration = configuration;
    }

    @Override
    public GeminiLiveComponent getComponent() {
        return (GeminiLiveComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new GeminiLiveProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GeminiLiveConsumer consumer = new GeminiLiveConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        clientKey = LiveSettingsMapper.clientKey(configuration);
        toolRoutes = new ToolRoutes(this, ToolDeclarations.resolve(getCamelContext(), configuration));
        sessionOptions = LiveSettingsMapper.sessionOptions(configuration, toolRoutes.tools(),
                getComponent()::executeEvent);
        StateRepository<String, String> repository = configuration.getResumptionHandleRepository();
        handleStore = repository != null
                ? new StateRepositoryHandleStore(repository)
                : getComponent().inMemoryHandles();
        resilienceOptions(sessionKey); // invalid resilience options fail the endpoint, not its first send
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a repository bean (e.g. FileStateRepository) loads its entries when started; starting twice is a no-op
        ServiceHelper.startService(configuration.getResumptionHandleRepository());
        ServiceHelper.startService(toolRoutes);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(toolRoutes);
        super.doStop();
    }

    /** The shared session for {@code key}; release it with {@link #releaseSession}. */
    SharedLiveSession acquireSession(String key) {
        SharedLiveSession shared =
                getComponent().acquireSession(key, clientKey, sessionOptions, resilienceOptions(key));
        toolRoutes.attach(shared); // its tool calls go to the tool routes
        return shared;
    }

    private ResilienceOptions resilienceOptions(String key) {
        return configuration.isResilient()
                ? LiveSettingsMapper.resilienceOptions(configuration, handleStore, key)
                : null;
    }

    void releaseSession(SharedLiveSession session) {
        getComponent().releaseSession(session);
    }

    /** The service's base URL, for Camel's service location views (the credential is never part of it). */
    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "websocket";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("model", configuration.getModel(), "flavour", configuration.getFlavour().name());
    }

    /**
     * What the endpoint's own session went through, or null when it is not open. The same numbers are JMX
     * attributes of the endpoint.
     */
    public ResilienceMetrics getResilienceMetrics() {
        return getComponent().getResilienceMetrics(sessionKey);
    }

    @ManagedAttribute(description = "Connections opened by the endpoint's session, the first included")
    public long getSessionConnections() {
        return metric(ResilienceMetrics::connections);
    }

    @ManagedAttribute(description = "Moves of the endpoint's session to a new connection")
    public long getSessionReconnects() {
        return metric(ResilienceMetrics::reconnects);
    }

    @ManagedAttribute(description = "Client messages the endpoint's session sent again after a resume")
    public long getSessionReplayedMessages() {
        return metric(ResilienceMetrics::replayedMessages);
    }

    @ManagedAttribute(description = "Held sends dropped by heldSendOverflow=DROP_OLDEST")
    public long getSessionDroppedSends() {
        return metric(ResilienceMetrics::droppedSends);
    }

    @ManagedAttribute(description = "Server events dropped because the consumer fell too far behind")
    public long getSessionDroppedEvents() {
        return metric(ResilienceMetrics::droppedEvents);
    }

    @ManagedAttribute(description = "Audio (ms) the service may never have received because replay was impossible")
    public long getSessionAudioLostMillis() {
        return metric(m -> m.audioLost().toMillis());
    }

    @ManagedAttribute(description = "The most recent time (ms) the endpoint's session was without a usable connection")
    public long getSessionLastGapMillis() {
        return metric(m -> m.lastGap().toMillis());
    }

    @ManagedAttribute(description = "Sends refused by a bound: too many waiting for the connect, the outgoing queue"
            + " full, or too many held while reconnecting")
    public long getSessionRefusedSends() {
        return getComponent().getRefusedSends(sessionKey);
    }

    @ManagedAttribute(description = "Payload bytes of the server events dropped because the consumer fell behind")
    public long getSessionDroppedEventBytes() {
        return metric(ResilienceMetrics::droppedEventBytes);
    }

    @ManagedAttribute(description = "Server messages that failed to parse and were skipped (malformedMessage events)")
    public long getSessionMalformedMessages() {
        return metric(ResilienceMetrics::malformedMessages);
    }

    @ManagedAttribute(description = "Pending tool calls cancelled because too many were pending")
    public long getSessionCancelledToolCalls() {
        return metric(ResilienceMetrics::cancelledToolCalls);
    }

    @ManagedAttribute(description = "Messages forced out of the replay buffer before a handle covered them (not"
            + " replayable after a resume)")
    public long getSessionUnreplayableMessages() {
        return metric(ResilienceMetrics::unreplayableMessages);
    }

    @ManagedAttribute(description = "Tool calls answered with an error because their route gave no result within"
            + " toolTimeout")
    public long getToolTimeouts() {
        return toolRoutes.timeouts();
    }

    @ManagedAttribute(description = "Tool calls answered with an error because their route failed")
    public long getToolFailures() {
        return toolRoutes.failures();
    }

    @ManagedAttribute(description = "Tool route results dropped because their call had timed out or was cancelled")
    public long getToolLateResults() {
        return toolRoutes.lateResults();
    }

    @ManagedAttribute(description = "Tool calls answered with an error at once because too many were in progress")
    public long getToolCallsRefused() {
        return toolRoutes.refused();
    }

    /** -1 when there are no metrics (session not open). */
    private long metric(ToLongFunction<ResilienceMetrics> value) {
        ResilienceMetrics m = getResilienceMetrics();
        return m == null ? -1 : value.applyAsLong(m);
    }

    public String getSessionKey() {
        return sessionKey;
    }

    public void setSessionKey(String sessionKey) {
        this.sessionKey = sessionKey;
    }

    public GeminiLiveConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(GeminiLiveConfiguration configuration) {
        this.configuration = configuration;
    }
}
