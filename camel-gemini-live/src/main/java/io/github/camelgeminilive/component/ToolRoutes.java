package io.github.camelgeminilive.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;

/**
 * Answers the model's function calls with routes. A call of a function bound to an endpoint
 * ({@link ToolDeclarations}) becomes an InOut exchange sent there on the endpoint's tool threads, never on the
 * session's event thread, and its result the {@code toolResponse} ({@link ToolResponses}). A route failure, or no
 * result within {@code toolTimeout}, becomes an error response the model sees; a timed-out route runs on, and its
 * result is dropped and counted. A {@code toolCallCancellation} (or the session's end) stops waiting without a
 * response, stops the exchange's route before its next step and interrupts its thread; a result it still gives is
 * dropped and counted. At most {@value #MAX_PENDING} calls of the endpoint are pending: beyond, a call is answered
 * with an error at once and counted. Calls of functions without an endpoint are left to the consumer routes, which
 * see every {@code toolCall} event.
 */
final class ToolRoutes extends ServiceSupport {

    /** Most calls of one endpoint awaiting their result; far beyond what models ask at once. */
    static final int MAX_PENDING = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ToolRoutes.class);

    private final GeminiLiveEndpoint endpoint;
    private final ToolDeclarations declarations;
    private final long timeoutMillis;
    private final Map<String, Endpoint> targets = new HashMap<>();
    private final Map<SharedLiveSession, SessionCalls> attached = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lateResults = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile ExecutorService pool;
    private volatile ProducerTemplate template;

    /** Resolves the tool endpoints now, so that a wrong URI fails the endpoint, not the first call. */
    ToolRoutes(GeminiLiveEndpoint endpoint, ToolDeclarations declarations) {
        this.endpoint = endpoint;
        this.declarations = declarations;
        GeminiLiveConfiguration c = endpoint.getConfiguration();
        this.timeoutMillis = c.getToolTimeout(); // positive (OptionChecks.bounds)
        for (String uri : declarations.endpointUris()) {
            targets.put(uri, CamelContextHelper.getMandatoryEndpoint(endpoint.getCamelContext(), uri));
        }
    }

    /** The tools of the session's setup. */
    List<Tool> tools() {
        return declarations.tools();
    }

    /** Answers the calls of {@code shared} from now on; once per session, however often the endpoint uses it. */
    void attach(SharedLiveSession shared) {
        if (targets.isEmpty()) {
            return;
        }
        attached.keySet().removeIf(SharedLiveSession::isEnded);
        attached.computeIfAbsent(shared, s -> {
            SessionCalls calls = new SessionCalls(s);
            s.addListener(calls);
            return calls;
        });
    }

    @Override
    protected void doStart() throws Exception {
        if (targets.isEmpty()) {
            return;
        }
        CamelContext context = endpoint.getCamelContext();
        template = context.createProducerTemplate();
        ServiceHelper.startService(template);
        pool = endpoint.getComponent().newPool("GeminiLiveTools", endpoint.getConfiguration().getToolThreadPoolSize());
    }

    @Override
    protected void doStop() throws Exception {
        attached.forEach((shared, calls) -> {
            shared.removeListener(calls);
            calls.cancelAll();
        });
        attached.clear();
        if (pool != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(pool);
            pool = null;
        }
        ServiceHelper.stopService(template);
        template = null;
    }

    /** Calls answered with an error because their route gave no result within {@code toolTimeout}. */
    long timeouts() {
        return timeouts.get();
    }

    /** Calls answered with an error because their route failed (or its result could not be a response). */
    long failures() {
        return failures.get();
    }

    /** Route results dropped because their call had timed out or was cancelled. */
    long lateResults() {
        return lateResults.get();
    }

    /** Calls answered with an error at once because {@value #MAX_PENDING} were pending. */
    long refused() {
        return refused.get();
    }

    /** One call on its way through a route. */
    private static final class Call {
        final FunctionCall call;
        final String uri;
        final Exchange exchange;
        /** Completes with the exchange when the route is done; timed out or cancelled before that. */
        final CompletableFuture<Exchange> result = new CompletableFuture<>();
        volatile Future<?> task;

        Call(FunctionCall call, String uri, Exchange exchange) {
            this.call = call;
            this.uri = uri;
            this.exchange = exchange;
        }
    }

    /** The calls of one session; its events arrive one at a time, results on tool threads. */
    private final class SessionCalls implements LiveSessionListener {
        private final SharedLiveSession shared;
        private final Map<String, Call> calls = new ConcurrentHashMap<>();
        private long withoutId;

        SessionCalls(SharedLiveSession shared) {
            this.shared = shared;
        }

        @Override
        public void onEvent(LiveEvent event) {
            try {
                if (event instanceof LiveEvent.ToolCallRequested requested) {
                    requested.functionCalls().forEach(this::dispatch);
                } else if (event instanceof LiveEvent.ToolCallCancelled cancelled) {
                    cancelled.ids().forEach(id -> cancel(id == null ? null : calls.get(id)));
                } else if (event instanceof LiveEvent.Closed) {
                    attached.remove(shared, this);
                    cancelAll();
                }
            } catch (RuntimeException e) { // the session's other listeners (consumers) must still get the event
                LOG.warn("Cannot handle the {} event of gemini-live session '{}' for its tool routes", event.type(),
                        shared.key(), e);
            }
        }

        private void dispatch(FunctionCall call) {
            String uri = call == null ? null : declarations.endpointFor(call.name());
            if (uri == null) {
                return; // answered by hand, by a consumer route
            }
            // a call without id cannot be cancelled by id; it gets a key of its own (the response echoes no id)
            String key = call.id() != null ? call.id() : "\u0000" + withoutId++;
            if (calls.containsKey(key)) {
                LOG.warn("gemini-live session '{}' asked again for function call '{}' while its route runs; the"
                        + " route's result answers it once", shared.key(), key);
                return;
            }
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                refused.incrementAndGet();
                respond(ToolResponses.error(call, "Too many function calls in progress (" + MAX_PENDING
                        + "); not run", declarations));
                return;
            }
            Call c = new Call(call, uri, newExchange(targets.get(uri), call));
            calls.put(key, c);
            // finish runs where the result completes: a tool thread, the timeout's timer or (cancelled) the event
            // thread; it only hands a response to the session, which never blocks
            c.result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((exchange, e) -> finish(key, c, e));
            shared.busyUntil(c.result); // idleTimeout waits for the call
            ExecutorService threads = pool;
            try {
                if (threads == null) {
                    throw new RejectedExecutionException("the endpoint is not started");
                }
                c.task = threads.submit(() -> run(c));
            } catch (RejectedExecutionException e) {
                c.result.completeExceptionally(e);
            }
        }

        private Exchange newExchange(Endpoint target, FunctionCall call) {
            Exchange exchange = target.createExchange(ExchangePattern.InOut);
            Message m = exchange.getMessage();
            Map<String, Object> args = call.args() == null ? Map.of() : call.args();
            m.setBody(args);
            m.setHeader(GeminiLiveConstants.FUNCTION_NAME, call.name());
            m.setHeader(GeminiLiveConstants.FUNCTION_ARGS, args);
            m.setHeader(GeminiLiveConstants.TOOL_CALL_ID, call.id());
            m.setHeader(GeminiLiveConstants.SESSION_KEY, shared.key());
            m.setHeader(GeminiLiveConstants.SESSION_ID, shared.sessionId());
            return exchange;
        }

        /** On a tool thread: runs the route, unless the call was answered or cancelled while it waited. */
        private void run(Call c) {
            if (c.result.isDone()) {
                return;
            }
            try {
                template.send(targets.get(c.uri), c.exchange);
            } catch (RuntimeException e) {
                c.exchange.setException(e);
            }
            if (!c.result.complete(c.exchange)) {
                lateResults.incrementAndGet();
                LOG.debug("Dropped the late result of function call '{}' ({}) of gemini-live session '{}'",
                        c.call.id(), c.call.name(), shared.key());
            }
        }

        private void finish(String key, Call c, Throwable error) {
            calls.remove(key, c);
            pending.decrementAndGet();
            if (error instanceof CancellationException) {
                return; // the model no longer waits: no response
            }
            FunctionResponse response;
            if (error instanceof TimeoutException) {
                timeouts.incrementAndGet();
                response = ToolResponses.error(c.call, "No result from the tool within " + timeoutMillis + " ms",
                        declarations);
            } else if (error != null || c.exchange.getException() != null) {
                failures.incrementAndGet();
                response = ToolResponses.error(c.call,
                        ToolResponses.describe(error != null ? error : c.exchange.getException()), declarations);
            } else {
                try {
                    response = ToolResponses.result(c.call, c.exchange.getMessage(), declarations);
                } catch (IllegalArgumentException e) {
                    failures.incrementAndGet();
                    LOG.warn("The tool route {} gave no usable result for function '{}': {}", c.uri, c.call.name(),
                            e.getMessage());
                    response = ToolResponses.error(c.call, e.getMessage(), declarations);
                }
            }
            respond(response);
        }

        private void respond(FunctionResponse response) {
            shared.send(Outgoing.Source.of(new Outgoing(s -> s.sendToolResponse(List.of(response)),
                    () -> SendRequestResolver.jsonBytes(response))), false).written().whenComplete((v, e) -> {
                        if (e != null) {
                            LOG.warn("Cannot send the response to function call '{}' ({}) of gemini-live session"
                                    + " '{}': {}", response.id(), response.name(), shared.key(),
                                    SharedLiveSession.unwrap(e).getMessage());
                        }
                    });
        }

        /** Stops waiting for the call's route, stops the route before its next step and interrupts its thread. */
        private void cancel(Call c) {
            if (c == null || !c.result.cancel(false)) {
                return;
            }
            c.exchange.setRouteStop(true);
            Future<?> task = c.task;
            if (task != null) {
                task.cancel(true);
            }
        }

        void cancelAll() {
            calls.values().forEach(this::cancel);
        }
    }
}
