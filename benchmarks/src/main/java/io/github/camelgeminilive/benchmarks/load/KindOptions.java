package io.github.camelgeminilive.benchmarks.load;

import java.time.Duration;

import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.SessionOptions;

/**
 * What a client kind of the load driver runs with, for the report's table of kinds: taken from the options objects
 * the kind's sessions are opened with, so the table states what was measured.
 *
 * @param api        how a session is opened and fed
 * @param session    {@code plain} (one connection) or {@code resilient} (reconnects, resumes, replays)
 * @param resumption whether the setup asks for session resumption, and where handles are kept
 * @param transport  WebSocket implementation and scheme
 * @param delivery   the threads that run the listener (or route)
 * @param eventQueue the bounds of the events waiting for them
 * @param resilience the resilience options (resilient sessions only), keepalive pings included
 * @param exchanges  how Camel makes the exchange of each frame and event (Camel kinds only)
 */
public record KindOptions(String api, String session, String resumption, String transport, String delivery,
        String eventQueue, String resilience, String exchanges) {

    private static final String NONE = "-";

    /** This client's sessions ({@code resilience} null: plain ones) delivering on {@code delivery}. */
    static KindOptions ours(String api, SessionOptions options, ResilienceOptions resilience, boolean tls,
            String delivery) {
        boolean resilient = resilience != null;
        return new KindOptions(api, resilient ? "resilient" : "plain", resumption(options, resilience),
                "Undertow, " + (tls ? "wss" : "ws"), delivery,
                options.maxQueuedEvents() + " events / " + mib(options.maxQueuedEventBytes()),
                resilient ? resilience(resilience) : NONE, NONE);
    }

    /** These options through Camel routes whose exchanges come from {@code exchanges}. */
    KindOptions withExchanges(String exchanges) {
        return new KindOptions(api, session, resumption, transport, delivery, eventQueue, resilience, exchanges);
    }

    /** Google's Java SDK, which calls back on OkHttp's reader thread and has no reconnect or resumption. */
    static KindOptions sdk(boolean noDelay) {
        return new KindOptions("`Client.async.live.connect`, `AsyncSession.sendRealtimeInput`", "plain", "off",
                "OkHttp, wss" + (noDelay ? ", `TCP_NODELAY`" : ""), "OkHttp's reader thread of the socket",
                "none (no hand-off)", NONE, NONE);
    }

    private static String resumption(SessionOptions options, ResilienceOptions r) {
        if (r == null) {
            return options.setup().sessionResumption() == null ? "off" : "asked in the setup, handles unused";
        }
        return "on" + (r.transparent() ? ", transparent" : "") + (r.handleKey() == null ? ", handle kept by the session"
                : ", handles saved in " + r.handleStore().getClass().getSimpleName());
    }

    private static String resilience(ResilienceOptions r) {
        ReconnectPolicy p = r.reconnect();
        return "reconnect " + duration(p.initialDelay()) + " .. " + duration(p.maxDelay()) + " x" + p.multiplier()
                + (p.maxAttempts() > 0 ? ", " + p.maxAttempts() + " attempts" : "")
                + (p.maxElapsed() == null ? "" : ", gives up after " + duration(p.maxElapsed()))
                + "; replay " + mib(r.replayBufferBytes()) + " / " + duration(r.replayBufferDuration())
                + "; held sends " + r.heldSendLimit() + " / " + mib(r.heldSendBytes()) + " (" + r.overflowPolicy()
                + ")" + (r.pingInterval() == null ? "; no pings"
                        : "; ping " + duration(r.pingInterval()) + ", pong timeout " + duration(r.pingTimeout()))
                + (r.maxConnectionAge() == null ? "" : "; new connection at " + duration(r.maxConnectionAge()));
    }

    private static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " B";
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 ? ms / 60_000 + " min" : ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
