package io.github.camelgeminilive.websocket;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import io.github.camelgeminilive.ordered.CompletionDrain;

/**
 * The {@code gemini-live-websocket} component: WebSocket and plain HTTP endpoints served by Undertow. It owns what its
 * endpoints share: one server per host and port (started with the first consumer there, stopped with the last) and
 * the Camel-managed pool on which connection events reach the routes, and the one thread on which producers' exchanges
 * continue once written (never an Undertow I/O thread).
 */
@Component("gemini-live-websocket")
public class GeminiLiveWebsocketComponent extends DefaultComponent {

    @Metadata(label = "advanced", defaultValue = "10",
            description = "Threads that deliver connection events and HTTP requests to the routes (the events of one"
                    + " connection stay in order).")
    private int workerThreads = 10;
    @Metadata(label = "advanced", defaultValue = "2", description = "Undertow I/O threads of each server.")
    private int ioThreads = 2;

    private final Map<HostKey, WebsocketHost> hosts = new HashMap<>();
    private volatile ExecutorService workers;
    private volatile ExecutorService writes;
    private volatile CompletionDrain writeCompletions;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EndpointAddress address = EndpointAddress.parse(remaining);
        GeminiLiveWebsocketEndpoint endpoint = new GeminiLiveWebsocketEndpoint(uri, this);
        endpoint.setHost(address.host());
        endpoint.setPort(address.port());
        endpoint.setPath(address.path());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (workerThreads < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("workerThreads and ioThreads must be at least 1");
        }
        workers = InboxPool.create(getCamelContext(), this, "GeminiLiveWebsocket", workerThreads);
        writes = InboxPool.create(getCamelContext(), this, "GeminiLiveWebsocketWrites", 1);
        writeCompletions = new CompletionDrain(writes, 1);
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (hosts) {
            hosts.values().forEach(WebsocketHost::stop);
            hosts.clear();
        }
        if (workers != null) {
            getCamelContext().getExecutorServiceManager().shutdown(workers);
            getCamelContext().getExecutorServiceManager().shutdown(writes);
            workers = null;
        }
        super.doStop();
    }

    /** Adds a consumer to the server of its host and port, starting that server when it is the first. */
    void register(GeminiLiveWebsocketConsumer consumer) {
        HostKey key = consumer.getEndpoint().hostKey();
        synchronized (hosts) {
            WebsocketHost host = hosts.get(key);
            boolean created = host == null;
            if (created) {
                host = new WebsocketHost(key, ioThreads);
            }
            host.add(consumer);
            if (created) {
                try {
                    host.start();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("Cannot listen on " + key + ": " + e.getMessage(), e);
                }
                hosts.put(key, host);
            }
        }
    }

    /** Removes a consumer; the server stops with its last consumer. */
    void unregister(GeminiLiveWebsocketConsumer consumer) {
        HostKey key = consumer.getEndpoint().hostKey();
        synchronized (hosts) {
            WebsocketHost host = hosts.get(key);
            if (host != null && host.remove(consumer)) {
                host.stop();
                hosts.remove(key);
            }
        }
    }

    /** The running server of {@code key}, or null. */
    WebsocketHost host(HostKey key) {
        synchronized (hosts) {
            return hosts.get(key);
        }
    }

    ExecutorService workers() {
        return workers;
    }

    /**
     * Where a producer's exchange continues when its writes complete after the producer returned: one thread, in
     * write order, few wake-ups; the worker pool when the producer was called on that thread itself (a synchronous
     * send there would wait for a completion queued behind itself).
     */
    Executor writeCompletions() {
        return writeCompletions.unlessDraining(workers);
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }
}
