package io.github.camelgeminilive.session.resilience;

import java.util.function.ObjLongConsumer;

import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.connection.PlainLiveSession;

/** Opens one plain connection of a resilient session: the client's way of connecting, reused. */
public interface Connector {

    /**
     * A session not connected yet (so its owner can hold it before any event arrives); it hands its events to
     * {@code engine} inline, on the thread that parsed them.
     */
    PlainLiveSession create(SessionOptions options, LiveSessionListener engine, Runnable onPong,
            ObjLongConsumer<String> onHandle);

    /** Starts connecting; the session's setup future tells how it went. */
    void start(PlainLiveSession session, String resumptionHandle);
}
