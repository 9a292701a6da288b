package io.github.camelgeminilive.examples.browser;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketConstants;

/**
 * Checks what pages send and turns the model's events into what pages get; the routes do the rest (converting the
 * audio, the sessions, the WebSockets). A route names it on each side:
 * <ul>
 * <li>{@link #fromPage(Exchange)} on the audio WebSocket route: a page declares its microphone's rate when it
 * connects ({@code ?rate=48000}) and then sends binary frames of 16-bit PCM at that rate. A good frame leaves with the
 * page's session key and MIME type set, for the route to convert and send; a page's close ends its session. Bad input
 * closes the connection with the code of its {@link CloseReason}, counted.</li>
 * <li>{@link #toPage(Exchange)} on the {@code gemini-live} consumer route: the model's 24 kHz PCM goes to the page as
 * binary frames; {@code interrupted}, transcripts, {@code turnComplete} and {@code closed} as small JSON texts
 * ({@link PageMessage}); other events are not for the page (null body).</li>
 * </ul>
 * The outcome is the {@link #ACTION} header, which the routes choose by.
 */
public class BrowserBridge {

    /** The header that says what the route does with a page's event: the name of an {@link Action}. */
    public static final String ACTION = "BrowserAction";

    /** What the audio route does with a page's event. */
    public enum Action {
        /** A microphone frame: convert it to 16 kHz and send it to the page's session. */
        frame,
        /** The page closed: close its session (the operation header is set). */
        hangUp,
        /** Close the page's WebSocket (the close headers are set). */
        close,
        /** Nothing (an accepted open, an error event, a frame dropped after a close). */
        none
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrowserBridge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_RATE = 8_000;
    private static final int MAX_RATE = 48_000;
    /** The shortest frame: with the burst it bounds the message rate (100 frames a second in the long run). */
    private static final long MIN_FRAME_NANOS = 10_000_000;

    private final BrowserCounters counters = new BrowserCounters();
    private final Map<String, PageConnection> pages = new ConcurrentHashMap<>();
    private Duration burst = Duration.ofSeconds(2);

    /** An event of a page's audio WebSocket: checks it and sets {@link #ACTION} and the headers that go with it. */
    public void fromPage(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, String.class);
        String event = in.getHeader(GeminiLiveWebsocketConstants.EVENT, String.class);
        in.setHeader(ACTION, Action.none.name());
        if (key == null || event == null) {
            throw new IllegalArgumentException("BrowserBridge.fromPage takes the events of a gemini-live-websocket "
                    + "consumer; this exchange has no " + GeminiLiveWebsocketConstants.CONNECTION_KEY);
        }
        switch (event) {
            case "open" -> open(in, key);
            case "message" -> frame(in, key);
            case "close" -> {
                if (pages.remove(key) != null) {
                    in.setHeader(ACTION, Action.hangUp.name());
                    in.setHeader(GeminiLiveConstants.SESSION_KEY, key);
                    in.setHeader(GeminiLiveConstants.OPERATION, "close");
                    in.setBody(null);
                }
            }
            default -> {
                // an error event: the close event follows
            }
        }
    }

    /**
     * An event of the pages' sessions: sets the body to what the page gets (null: nothing) and the connection key to
     * the page's. A {@code closed} session closes its page too: with 1000 when it ended normally (its idle timeout),
     * with 1011 when it failed.
     */
    public void toPage(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(GeminiLiveConstants.SESSION_KEY, String.class);
        String type = in.getHeader(GeminiLiveConstants.EVENT_TYPE, "", String.class);
        PageConnection page = key == null ? null : pages.get(key);
        boolean failed = in.getBody() instanceof Throwable; // a closed event's body: why the session failed
        Object body = switch (type) {
            case "audio" -> modelAudio(in);
            case "interrupted", "turnComplete" -> json(new PageMessage(type, null, null));
            case "inputTranscription" -> json(new PageMessage("input", in.getBody(String.class),
                    in.getHeader(GeminiLiveConstants.INTERIM, Boolean.class)));
            case "outputTranscription" -> json(new PageMessage("output", in.getBody(String.class), null));
            case "closed" -> json(new PageMessage("closed", null, null));
            default -> null;
        };
        if (body != null && (page == null || page.isClosing())) {
            if (!"closed".equals(type)) { // the end of a session the page's close ended is no loss
                counters.eventsUndelivered.increment();
            }
            body = null;
        }
        in.setBody(body);
        if (body != null) {
            in.setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, key);
            if ("closed".equals(type) && failed) {
                LOG.warn("The live session of page {} failed: {}", key, in.getHeader(GeminiLiveConstants.CLOSE_REASON));
                close(in, page, CloseReason.MODEL, (String) body);
            } else if ("closed".equals(type) && page.closing()) {
                in.setHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_CODE, 1000);
                in.setHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_REASON, "the live session ended");
            } else if ("closed".equals(type)) {
                in.setBody(null); // a failure closed the page in between: it is not closed twice
            }
        }
    }

    /**
     * The page's session failed to take a frame (it could not open, or ended): the page is closed with 1011, and
     * its frames still on their way are dropped.
     */
    public void modelFailed(Exchange exchange) {
        Message in = exchange.getMessage();
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String key = in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, String.class);
        PageConnection page = key == null ? null : pages.get(key);
        if (page == null || page.isClosing()) {
            counters.framesDropped.increment();
            in.setHeader(ACTION, Action.none.name());
            return;
        }
        LOG.warn("The live session of page {} failed: {}", key, error == null ? "?" : error.getMessage());
        close(in, page, CloseReason.MODEL, null);
    }

    /** A write to a page failed (it closed meanwhile, or reads too slowly): counted. */
    public void undelivered(Exchange exchange) {
        counters.eventsUndelivered.increment();
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.debug("Could not write to page {}: {}",
                exchange.getMessage().getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY),
                error == null ? "?" : error.getMessage());
    }

    private void open(Message in, String key) {
        Map<?, ?> parameters = in.getHeader(GeminiLiveWebsocketConstants.PARAMETERS, Map.class);
        Object rate = parameters == null ? null : parameters.get("rate");
        int sampleRate = rate instanceof String text && text.matches("\\d{4,5}") ? Integer.parseInt(text) : 0;
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            close(in, null, CloseReason.RATE, null); // not kept: its frames still on the way are dropped as unknown
            return;
        }
        pages.put(key, new PageConnection(sampleRate, System.nanoTime(), burst.toNanos()));
        counters.pagesOpened.increment();
    }

    private void frame(Message in, String key) {
        PageConnection page = pages.get(key);
        if (page == null || page.isClosing()) {
            counters.framesDropped.increment();
            return;
        }
        Object body = in.getBody();
        if (!(body instanceof byte[] frame)) {
            close(in, page, CloseReason.TEXT, null);
        } else if (frame.length % 2 != 0 || frame.length < page.bytesFor(MIN_FRAME_NANOS)) {
            close(in, page, CloseReason.FRAME, null);
        } else if (!page.admit(frame.length, System.nanoTime())) {
            close(in, page, CloseReason.FLOOD, null);
        } else {
            counters.framesIn.increment();
            in.setHeader(ACTION, Action.frame.name());
            in.setHeader(GeminiLiveConstants.SESSION_KEY, key);
            in.setHeader(GeminiLiveConstants.MIME_TYPE, page.mimeType());
        }
    }

    /** Closes the page's WebSocket ({@code page} null: one never accepted) after writing {@code last}, if any. */
    private void close(Message in, PageConnection page, CloseReason reason, String last) {
        if (page != null && !page.closing()) { // another frame or event closed it first
            counters.framesDropped.increment();
            in.setHeader(ACTION, Action.none.name());
            in.setBody(null);
            return;
        }
        counters.closedCounter(reason).increment();
        if (reason != CloseReason.MODEL) {
            LOG.warn("Closing page {} with {}: {}",
                    in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY), reason.code(), reason.reason());
        }
        in.setHeader(ACTION, Action.close.name());
        in.setHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_CODE, reason.code());
        in.setHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_REASON, reason.reason());
        in.setBody(last);
    }

    /** The model's audio as the page plays it: 24 kHz PCM, as the Live API sends it. */
    private static byte[] modelAudio(Message in) {
        int rate = MimeTypes.pcmRate(in.getHeader(GeminiLiveConstants.MIME_TYPE, String.class),
                MimeTypes.PCM_OUTPUT_RATE);
        if (rate != MimeTypes.PCM_OUTPUT_RATE) {
            throw new IllegalArgumentException("The page plays the model's 24 kHz PCM, got audio at " + rate + " Hz");
        }
        return in.getBody(byte[].class);
    }

    private static String json(PageMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + message, e);
        }
    }

    /** What the bridge did and dropped. */
    public BrowserCounters getCounters() {
        return counters;
    }

    /** Pages connected (accepted or being closed). */
    public int getPages() {
        return pages.size();
    }

    public Duration getBurst() {
        return burst;
    }

    /**
     * How far a page's audio may run ahead of real time (default 2 s): network and tab hiccups deliver frames in
     * bursts; beyond it the page is closed with 1008.
     */
    public void setBurst(Duration burst) {
        if (burst.toMillis() < 100 || burst.toSeconds() > 60) {
            throw new IllegalArgumentException("burst must be 100 ms to 60 s, got " + burst);
        }
        this.burst = burst;
    }
}
