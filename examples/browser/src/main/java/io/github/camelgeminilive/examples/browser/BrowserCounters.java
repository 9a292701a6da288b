package io.github.camelgeminilive.examples.browser;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What a {@link BrowserBridge} did and dropped, since it was made. Thread-safe. */
public final class BrowserCounters {

    final LongAdder pagesOpened = new LongAdder();
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder eventsUndelivered = new LongAdder();
    private final Map<CloseReason, LongAdder> closed = new EnumMap<>(CloseReason.class);

    BrowserCounters() {
        for (CloseReason reason : CloseReason.values()) {
            closed.put(reason, new LongAdder());
        }
    }

    /** Audio WebSockets accepted (a valid rate declared). */
    public long pagesOpened() {
        return pagesOpened.sum();
    }

    /** Microphone frames sent on to the page's session. */
    public long framesIn() {
        return framesIn.sum();
    }

    /** Frames of a connection the route was closing already (after bad input or a failed session), dropped. */
    public long framesDropped() {
        return framesDropped.sum();
    }

    /** Model events (audio, transcripts) whose page had gone, or read too slowly, dropped. */
    public long eventsUndelivered() {
        return eventsUndelivered.sum();
    }

    /** Connections the route closed for this reason. */
    public long closed(CloseReason reason) {
        return closed.get(reason).sum();
    }

    LongAdder closedCounter(CloseReason reason) {
        return closed.get(reason);
    }
}
