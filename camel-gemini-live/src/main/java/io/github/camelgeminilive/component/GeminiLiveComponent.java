package io.github.camelgeminilive.component;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import io.github.camelgeminilive.ordered.CompletionDrain;
import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The {@code gemini-live} component: talks to Google's Gemini Live API over WebSocket. It owns what its endpoints
 * share: one {@code LiveClient} per distinct connection settings, the resumption handles kept in memory, and the
 * Camel-managed thread pools on which session events and reply continuations run (never on a WebSocket I/O thread).
 * The sessions belong to the endpoints.
 */
@Component("gemini-live")
public class GeminiLiveComponent extends HealthCheckComponent {

    /**
     * One event thread per processor: each drains events while they come together (see {@link CompletionDrain}), so
     * more drains than cores split the batches and wake more often (twice as many cost about 5% more CPU under load,
     * docs/performance.md), without serving routes that block any better.
     */
    static final int DEFAULT_EVENT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Metadata(description = "Component-level defaults of every endpoint option; endpoints get a copy.")
    private GeminiLiveConfiguration configuration = new GeminiLiveConfiguration();
    @Metadata(label = "advanced",
            description = "Threads that deliver session events to consumers (the events of one session stay in order)."
                    + " Default: the available processors, at least 2: enough for routes that do not block. While"
                    + " events come together, a thread waits up to a millisecond for the next ones rather than parking"
                    + " (fewer wake-ups). Routes that block (a remote call per event) need as many threads as sessions"
                    + " they may block at once.")
    private int eventThreadPoolSize = DEFAULT_EVENT_THREADS;
    @Metadata(label = "advanced", defaultValue = "10",
            description = "Threads that continue InOut exchanges once their reply turn completed.")
    private int replyThreadPoolSize = 10;
    @Metadata(label = "advanced", defaultValue = "1",
            description = "Threads that continue exchanges that wait for no reply turn (InOnly sends, close, release)"
                    + " when they are done after the producer call returned, as an audio frame usually is (the"
                    + " connection's I/O thread writes it); one thread (the default) continues them in write order."
                    + " While completions come together, a thread waits up to a millisecond for the next ones"
                    + " instead of being woken for each frame: such an exchange completes up to 1 ms later under"
                    + " load. Work a route does after such a send holds up the other completions: keep it short, or"
                    + " hand it on (threads, seda).")
    private int writeThreadPoolSize = 1;
    @Metadata(label = "advanced", javaType = "java.lang.Object", // no Micrometer type: it is optional
            description = "The Micrometer registry (an io.micrometer.core.instrument.MeterRegistry) of the endpoints'"
                    + " meters (docs/observability.md). Default: the single MeterRegistry bean of the registry (Spring"
                    + " Boot's), if there is one; without, no meters. Micrometer is optional: without it on the"
                    + " classpath the component has no meters.")
    private Object meterRegistry;

    private final LiveClients clients;
    private final ResumptionHandleStore inMemoryHandles = new InMemoryResumptionHandleStore();
    private volatile ExecutorService eventExecutor;
    private volatile CompletionDrain events;
    private volatile ExecutorService replyExecutor;
    private volatile ExecutorService writeExecutor;
    private volatile CompletionDrain writeCompletions;

    public GeminiLiveComponent() {
        this(LiveClient::create);
    }

    /**
     * A component whose clients {@code clientFactory} makes, one per distinct connection settings: the benchmarks'
     * way to run it on an instrumented {@code WebSocketTransport} ({@code LiveClient.create(options, transport)}).
     */
    GeminiLiveComponent(Function<ConnectionOptions, LiveClient> clientFactory) {
        this.clients = new LiveClients(clientFactory);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (ObjectHelper.isEmpty(remaining)) {
            throw new IllegalArgumentException("A session key is required: gemini-live:sessionKey[?options]");
        }
        GeminiLiveEndpoint endpoint = new GeminiLiveEndpoint(uri, this, configuration.copy());
        endpoint.setSessionKey(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        eventExecutor = newPool("GeminiLiveEvents", eventThreadPoolSize);
        events = CompletionDrain.forEvents(eventExecutor, eventThreadPoolSize);
        replyExecutor = newPool("GeminiLiveReplies", replyThreadPoolSize);
        writeExecutor = newPool("GeminiLiveWrites", writeThreadPoolSize);
        writeCompletions = new CompletionDrain(writeExecutor, writeThreadPoolSize);
    }

    @Override
    protected void doStop() throws Exception {
        clients.close();
        if (eventExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(eventExecutor);
            getCamelContext().getExecutorServiceManager().shutdown(replyExecutor);
            getCamelContext().getExecutorServiceManager().shutdown(writeExecutor);
        }
        super.doStop();
    }

    /** A pool that queues what it cannot run at once: never runs a task on the caller (an I/O thread). */
    ExecutorService newPool(String name, int size) {
        // a full pool must queue events, never run them on the caller (a WebSocket I/O thread). Camel makes a pool
        // with maxQueueSize <= 0 queue-less (direct hand-off) and runs what it rejects on the caller, so: a real,
        // unbounded queue, and Abort, which only applies once the pool is shut down (the client handles it)
        ThreadPoolProfile profile = new ThreadPoolProfile(name);
        profile.setPoolSize(size);
        profile.setMaxPoolSize(size);
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return getCamelContext().getExecutorServiceManager().newThreadPool(this, name, profile);
    }

    /** The client of these connection settings, made on first use. */
    LiveClient client(LiveClientKey key) {
        return clients.get(key);
    }

    /**
     * Runs session events; handed to the client, which keeps each session's events serial on it. Under load the
     * events of many sessions come every few dozen microseconds: a busy event thread takes the ones that came
     * meanwhile rather than the I/O thread waking a parked one for each (see {@link CompletionDrain}).
     */
    void executeEvent(Runnable task) {
        events.execute(task);
    }

    ExecutorService replyExecutor() {
        return replyExecutor;
    }

    /**
     * Where an exchange that waits for no reply continues when its send is done after the producer returned: the
     * writes pool, whose few threads are on purpose (a pool of many wakes a different parked thread for nearly every
     * frame, a busy thread takes the completions queued meanwhile); the reply pool when the send was made on a writes
     * thread itself, as a route does that sends again, synchronously, after a one-way send: it would wait for a
     * completion queued behind itself. Called on the producer's calling thread.
     */
    Executor writeCompletions() {
        return writeCompletions.unlessDraining(replyExecutor);
    }

    /** Keeps resumption handles for endpoints without a {@code resumptionHandleRepository}. */
    ResumptionHandleStore inMemoryHandles() {
        return inMemoryHandles;
    }

    public GeminiLiveConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(GeminiLiveConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getEventThreadPoolSize() {
        return eventThreadPoolSize;
    }

    public void setEventThreadPoolSize(int eventThreadPoolSize) {
        this.eventThreadPoolSize = eventThreadPoolSize;
    }

    public Object getMeterRegistry() {
        return meterRegistry;
    }

    public void setMeterRegistry(Object meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    public int getReplyThreadPoolSize() {
        return replyThreadPoolSize;
    }

    public void setReplyThreadPoolSize(int replyThreadPoolSize) {
        this.replyThreadPoolSize = replyThreadPoolSize;
    }

    public int getWriteThreadPoolSize() {
        return writeThreadPoolSize;
    }

    public void setWriteThreadPoolSize(int writeThreadPoolSize) {
        this.writeThreadPoolSize = writeThreadPoolSize;
    }
}
