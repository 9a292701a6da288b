package io.github.camelgeminilive.telephony.sip;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.ordered.OrderedInbox;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.websocket.InboxPool;

/**
 * The SIP user agent server of a {@code gemini-live-sip} endpoint: each call's events reach the route in order on a
 * shared pool, ready for the {@code gemini-live} producer when {@link GeminiLiveSipConstants#TO_MODEL} is true.
 */
public class GeminiLiveSipConsumer extends DefaultConsumer implements SipUserAgent.Listener {

    private static final int WORKERS = 4;
    /** The exchange property that marks what the caller sends, audio or a key (bounded in the call's inbox). */
    private static final String FROM_CALLER = "CamelGeminiLiveSipInboxFromCaller";

    private SipUserAgent agent;
    private ExecutorService workers;
    private SipOptions options;

    public GeminiLiveSipConsumer(GeminiLiveSipEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public GeminiLiveSipEndpoint getEndpoint() {
        return (GeminiLiveSipEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        options = getEndpoint().options();
        agent = new SipUserAgent(options, getEndpoint().getCamelContext(), this, getEndpoint().getCounters());
        boolean picked = getEndpoint().getPort() == 0;
        if (!picked) { // before binding: a second consumer on the port fails with a clear message
            getEndpoint().getComponent().listening(getEndpoint().address(), agent);
        }
        workers = InboxPool.create(getEndpoint().getCamelContext(), this, "GeminiLiveSip", WORKERS);
        try {
            agent.start();
            if (picked) {
                getEndpoint().getComponent().listeningOnPickedPort(getEndpoint().address(),
                        getEndpoint().getHost() + ":" + agent.port(), agent);
            }
        } catch (Exception e) { // e.g. the SIP port is taken: leave nothing behind
            doStop();
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (agent != null) {
            agent.stop();
            getEndpoint().getComponent().stopped(agent);
            agent = null;
        }
        if (workers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(workers);
            workers = null;
        }
        super.doStop();
    }

    /** The SIP port listened on (the one picked when the URI said 0). */
    public int getLocalPort() {
        return agent == null ? -1 : agent.port();
    }

    /** Calls under way. */
    public int getActiveCalls() {
        return agent == null ? 0 : agent.calls().size();
    }

    /**
     * A call's exchanges to the route, in order on the shared pool (never the UDP loop's thread): audio frames and key
     * presses are bounded ({@code maxBacklog}: the caller decides how many come) and pipelined ({@code maxInFlight}),
     * the call's start and end run alone.
     */
    @Override
    public OrderedInbox<Exchange> inbox() {
        return new OrderedInbox<>(workers, this::process, options.maxInFlight(),
                exchange -> exchange.getProperty(FROM_CALLER, false, Boolean.class), options.maxBacklog(),
                getEndpoint().getCounters().stopDrops);
    }

    private void process(Exchange exchange, Consumer<Exchange> done) {
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Failed to process a SIP call's exchange", exchange,
                            exchange.getException());
                }
            } finally { // a failing exception handler must not wedge the call's inbox
                done.accept(exchange);
            }
        });
    }

    @Override
    public void started(SipCall call) {
        Exchange exchange = exchange(call, "start");
        Message message = exchange.getMessage();
        message.setHeader(GeminiLiveSipConstants.FROM, call.invite.header("From"));
        message.setHeader(GeminiLiveSipConstants.TO, call.invite.header("To"));
        message.setHeader(GeminiLiveSipConstants.CODEC, call.codec.name());
        if (options.greeting() != null) {
            toModel(message, "sendText", options.greeting());
        }
        call.inbox.offer(exchange);
    }

    @Override
    public void audio(SipCall call, byte[] pcm16k) {
        Exchange exchange = exchange(call, "audio");
        toModel(exchange.getMessage(), "sendAudio", pcm16k);
        exchange.getMessage().setHeader(GeminiLiveConstants.MIME_TYPE, MimeTypes.PCM_INPUT);
        offerFromCaller(call, exchange);
    }

    @Override
    public void digit(SipCall call, char digit) {
        Exchange exchange = exchange(call, "dtmf");
        exchange.getMessage().setHeader(GeminiLiveSipConstants.DTMF_DIGIT, String.valueOf(digit));
        offerFromCaller(call, exchange);
    }

    private void offerFromCaller(SipCall call, Exchange exchange) {
        exchange.setProperty(FROM_CALLER, true);
        if (!call.inbox.offer(exchange)) {
            getEndpoint().getCounters().backlogDrops.increment();
        }
    }

    @Override
    public void ended(SipCall call, String reason) {
        Exchange exchange = exchange(call, "hangup");
        exchange.getMessage().setHeader(GeminiLiveSipConstants.HANGUP_REASON, reason);
        toModel(exchange.getMessage(), "close", null);
        call.inbox.offer(exchange);
    }

    private Exchange exchange(SipCall call, String event) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(GeminiLiveSipConstants.EVENT, event);
        message.setHeader(GeminiLiveSipConstants.CALL_ID, call.callId);
        message.setHeader(GeminiLiveSipConstants.TO_MODEL, false);
        return exchange;
    }

    private static void toModel(Message message, String operation, Object body) {
        message.setBody(body);
        message.setHeader(GeminiLiveSipConstants.TO_MODEL, true);
        message.setHeader(GeminiLiveConstants.SESSION_KEY, message.getHeader(GeminiLiveSipConstants.CALL_ID));
        message.setHeader(GeminiLiveConstants.OPERATION, operation);
    }
}
