package io.github.camelgeminilive.component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.SessionOptions;

/**
 * Real-time voice and text sessions with Google's Gemini Live API: stream text, audio and video in, receive audio,
 * transcriptions, tool calls and turn events.
 * <p>
 * The endpoint owns its sessions: its own (the path's key) and one per {@code CamelGeminiLiveSessionKey} its
 * producers use, each with the endpoint's options. Its consumers receive the events of all of them. The sessions
 * live while a producer or consumer of the endpoint is started: they close when the last one stops.
 */
@ManagedResource(description = "Managed Gemini Live endpoint")
@UriEndpoint(firstVersion = "0.1.0", scheme = "gemini-live", title = "Gemini Live", syntax = "gemini-live:sessionKey",
        category = {Category.AI}, headersClass = GeminiLiveConstants.class)
public class GeminiLiveEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiLiveEndpoint.class);
    /** How long stopping the endpoint waits for its sessions' close handshakes. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    @UriPath(description = "The name of the endpoint's own live session; the endpoint's producers and consumers"
            + " share it.")
    @Metadata(required = true)
    private String sessionKey;
    @UriParam
    private GeminiLiveConfiguration configuration;

    private LiveClientKey clientKey;
    private SessionOptions sessionOptions;
    private ResumptionHandleStore handleStore;
    private SharedSessions sessions;
    private final List<GeminiLiveConsumer> consumers = new CopyOnWriteArrayList<>();
    private ToolRoutes toolRoutes;
    /** Observability: connect outcomes (health), counts of forgotten sessions, meters while a registry is found. */
    private final ConnectOutcomes connectOutcomes = new ConnectOutcomes();
    private final SessionTotals totals = new SessionTotals();
    private volatile SessionObserver meters = SessionObserver.NONE;
    private final SessionObserver observer = SessionObserver.both(connectOutcomes, () -> meters);
    /** The started producers' shared check, while one is started and Camel has a producers repository. */
    private GeminiLiveHealthCheck producerHealthCheck;
    private WritableHealthCheckRepository producerHealthChecks;
    private int producersStarted;

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
        // Camel's consumers repository asks each route's consumer for its check
        GeminiLiveHealthCheck check = new GeminiLiveHealthCheck(this, "gemini-live-consumer:" + getEndpointUri());
        check.setEnabled(getComponent().isHealthCheckConsumerEnabled());
        consumer.setHealthCheck(check);
        return consumer;
    }

    /**
     * A producer started: the first one adds the producers' shared check to Camel's producers repository (when health
     * is on), as its sessions may now be asked for.
     */
    void producerStarted() {
        synchronized (this) {
            if (producersStarted++ == 0) {
                producerHealthChecks = HealthCheckHelper.getHealthCheckRepository(getCamelContext(), "producers",
                        WritableHealthCheckRepository.class);
                if (producerHealthChecks != null) {
                    producerHealthCheck = new GeminiLiveHealthCheck(this, "gemini-live-producer:" + getEndpointUri());
                    producerHealthCheck.setEnabled(getComponent().isHealthCheckProducerEnabled());
                    producerHealthChecks.addHealthCheck(producerHealthCheck);
                }
            }
        }
        userStarted();
    }

    /** A producer stopped: the last one removes the producers' check, so a stopped route reports nothing. */
    void producerStopped() {
        synchronized (this) {
            if (producersStarted > 0 && --producersStarted == 0 && producerHealthCheck != null) {
                producerHealthChecks.removeHealthCheck(producerHealthCheck);
                producerHealthCheck = null;
            }
        }
        userStopped();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        OptionChecks.bounds(configuration);
        clientKey = LiveSettingsMapper.clientKey(configuration);
        toolRoutes = new ToolRoutes(this, ToolDeclarations.resolve(getCamelContext(), configuration));
        sessionOptions = LiveSettingsMapper.sessionOptions(configuration, toolRoutes.tools(),
                getComponent()::executeEvent);
        StateRepository<String, String> repository = configuration.getResumptionHandleRepository();
        handleStore = repository != null
                ? new StateRepositoryHandleStore(repository)
                : getComponent().inMemoryHandles();
        resilienceOptions(sessionKey); // invalid resilience options fail the endpoint, not its first send
        sessions = new SharedSessions(this::newSession, sessionKey, new SharedSessions.Limits(
                configuration.getMaxSessions(), configuration.getIdleTimeout(), getEndpointUri()),
                getComponent()::executeEvent, totals);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a repository bean (e.g. FileStateRepository) loads its entries when started; starting twice is a no-op
        ServiceHelper.startService(configuration.getResumptionHandleRepository());
        ServiceHelper.startService(toolRoutes);
        meters = MeterBinding.bind(this, getComponent().getMeterRegistry());
    }

    @Override
    protected void doStop() throws Exception {
        awaitClosed(sessions.closeAll("the endpoint stopped"));
        ServiceHelper.stopService(toolRoutes);
        MeterBinding.unbind(meters);
        meters = SessionObserver.NONE;
        super.doStop();
    }

    /** Waits a while for close handshakes, so that the component does not cut the connections while they close. */
    private static void awaitClosed(CompletableFuture<Void> closing) {
        try {
            closing.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Not every gemini-live session closed cleanly: {}", e.getMessage());
        }
    }

    /**
     * The one place where the endpoint makes a session, on the first use of a key: it connects on its first send
     * (or when a consumer opens it), with the endpoint's options, and its events go to the endpoint's consumers.
     */
    private SharedLiveSession newSession(String key) {
        ResilienceOptions resilience = resilienceOptions(key);
        LiveClientKey client = clientKey;
        SessionOptions options = sessionOptions;
        SharedLiveSession session = new SharedLiveSession(key, listener -> {
            LiveClient c = getComponent().client(client);
            return resilience == null
                    ? c.connect(options, null, listener)
                    : c.connectResilient(options, resilience, listener).thenApply(LiveSession.class::cast);
        }, () -> {
            if (resilience != null) {
                resilience.handleStore().remove(resilience.handleKey());
            }
        }, new TurnReplies(key, getComponent().replyExecutor(),
                configuration.getReplyFormat() == GeminiLiveReplyFormat.events), observer);
        toolRoutes.attach(session); // its tool calls go to the tool routes
        session.addListener(event -> {
            for (GeminiLiveConsumer consumer : consumers) {
                consumer.onEvent(session, event);
            }
        });
        return session;
    }

    private ResilienceOptions resilienceOptions(String key) {
        return configuration.isResilient()
                ? LiveSettingsMapper.resilienceOptions(configuration, handleStore, handleKey(key))
                : null;
    }

    /**
     * Where the handle of {@code key} is kept: in a {@code resumptionHandleRepository} under the key itself (a
     * restarted application resumes it); in the component's memory under the endpoint and the key, as two endpoints
     * hold two sessions of one key.
     */
    private String handleKey(String key) {
        return configuration.getResumptionHandleRepository() != null ? key : getEndpointUri() + " " + key;
    }

    /**
     * The session of {@code key}, made on its first use.
     *
     * @throws io.github.camelgeminilive.session.LiveSessionException when {@code maxSessions} are open already
     */
    SharedLiveSession session(String key) {
        return sessions.acquire(key);
    }

    /**
     * Ends the conversation of {@code key} ({@code close} operation): a session of another key than the endpoint's
     * own is forgotten, so the key may start a new one; the endpoint's own session stays closed until the endpoint's
     * routes restart.
     */
    CompletableFuture<Void> endSession(String key, String reason) {
        return sessions.end(key, reason);
    }

    /** Closes the session of {@code key} here and keeps its stored handle ({@code release} operation). */
    CompletableFuture<Void> releaseSession(String key, String reason) {
        return sessions.release(key, reason);
    }

    /** A consumer started: it receives the events of every session of the endpoint from now on. */
    void consumerStarted(GeminiLiveConsumer consumer) {
        consumers.add(consumer);
        userStarted();
    }

    void consumerStopped(GeminiLiveConsumer consumer) {
        consumers.remove(consumer);
        userStopped();
    }

    /** A producer or consumer started: the endpoint's sessions live while one is started. */
    private void userStarted() {
        sessions.userStarted();
    }

    /**
     * A producer or consumer stopped; the last one closes every session of the endpoint, waiting for the close
     * handshakes when the whole context stops, as the component closes the connections next.
     */
    private void userStopped() {
        CompletableFuture<Void> closing = sessions.userStopped();
        if (getCamelContext().isStopping()) {
            awaitClosed(closing);
        }
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
        return getResilienceMetrics(sessionKey);
    }

    /**
     * What the endpoint's session of {@code key} went through (reconnects, replayed messages, dropped and refused
     * sends and events, malformed messages, audio lost, last gap), or null when it holds no open session of that key.
     */
    public ResilienceMetrics getResilienceMetrics(String key) {
        SharedLiveSession session = sessions == null ? null : sessions.get(key);
        return session == null ? null : session.metrics();
    }

    /**
     * Sends refused on the endpoint's session of {@code key} by a bound: too many waiting for the connect, the
     * connection's outgoing queue full, or too many held while reconnecting ({@code heldSendOverflow=FAIL}); -1 when
     * the endpoint holds no session of that key.
     */
    public long getRefusedSends(String key) {
        SharedLiveSession session = sessions == null ? null : sessions.get(key);
        if (session == null) {
            return -1;
        }
        ResilienceMetrics m = session.metrics();
        return session.refusedSends() + (m == null ? 0 : m.refusedSends());
    }

    @ManagedAttribute(description = "Sessions the endpoint opened so far: its own and one per session key header")
    public long getSessionsOpened() {
        return sessions == null ? 0 : sessions.opened();
    }

    @ManagedAttribute(description = "Sessions the endpoint holds now")
    public int getSessionsOpen() {
        return sessions == null ? 0 : sessions.size();
    }

    @ManagedAttribute(description = "Sessions refused because maxSessions were open")
    public long getSessionsRefused() {
        return sessions == null ? 0 : sessions.refused();
    }

    @ManagedAttribute(description = "The keys of the sessions the endpoint holds now, sorted")
    public List<String> getOpenSessionKeys() {
        return sessions == null ? List.of() : sessions.keys();
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
        return getRefusedSends(sessionKey);
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

    /** The sessions held now, by key, as the health check and the dev console show them. */
    List<SessionView> sessionViews() {
        if (sessions == null) {
            return List.of();
        }
        List<SessionView> views = new ArrayList<>();
        for (SharedLiveSession s : sessions.held()) {
            views.add(s.view());
        }
        views.sort(Comparator.comparing(SessionView::key));
        return views;
    }

    /** The counters of all the endpoint's sessions ever, indexed by {@link SessionTotals.Count#ordinal()}. */
    long[] totals() {
        return totals.total(sessions == null ? List.of() : sessions.held());
    }

    ConnectOutcomes.Snapshot connectOutcomes() {
        return connectOutcomes.snapshot();
    }

    /** First connects that failed, of every session of the endpoint. */
    long connectFailures() {
        return connectOutcomes.connectFailures();
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
