package io.github.camelgeminilive.component;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.TimeUtils;

import io.github.camelgeminilive.component.SessionTotals.Count;
import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * The {@code gemini-live} dev console: per endpoint, its sessions by key (state, connection age, resumable, the
 * client's counters) and the endpoint's totals. Endpoint URIs are the sanitized ones: no credential shows.
 */
@DevConsole(name = "gemini-live", displayName = "Gemini Live", description = "Gemini Live endpoints and sessions")
public class GeminiLiveDevConsole extends AbstractDevConsole {

    public GeminiLiveDevConsole() {
        super("camel", "gemini-live", "Gemini Live", "Gemini Live endpoints and sessions");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        long now = System.currentTimeMillis();
        for (GeminiLiveEndpoint e : endpoints()) {
            long[] t = e.totals();
            sb.append(String.format("Endpoint: %s%n", e.getEndpointUri()));
            sb.append(String.format("    Sessions: %d open, %d opened, %d refused%n", e.getSessionsOpen(),
                    e.getSessionsOpened(), e.getSessionsRefused()));
            sb.append(String.format("    Totals: %d connections, %d reconnects, %d frames sent (%d bytes),"
                    + " %d frames received (%d bytes)%n", t[Count.CONNECTIONS.ordinal()],
                    t[Count.RECONNECTS.ordinal()], t[Count.FRAMES_SENT.ordinal()], t[Count.BYTES_SENT.ordinal()],
                    t[Count.FRAMES_RECEIVED.ordinal()], t[Count.BYTES_RECEIVED.ordinal()]));
            for (SessionView s : e.sessionViews()) {
                sb.append(String.format("    Session: %s%n", s.key()));
                sb.append(String.format("        State: %s%n", s.state()));
                sb.append(String.format("        Connection age: %s%n", age(s, now)));
                sb.append(String.format("        Resumable: %s%n", s.resumable()));
                ResilienceMetrics m = s.metrics();
                if (m != null) {
                    sb.append(String.format("        Connections: %d, reconnects: %d, failed attempts: %d,"
                            + " go-aways: %d%n", m.connections(), m.reconnects(), m.failedAttempts(), m.goAways()));
                    sb.append(String.format("        Sent: %d frames, %d bytes, %d ms audio; received: %d frames,"
                            + " %d bytes%n", m.framesSent(), m.bytesSent(), m.audioSent().toMillis(),
                            m.framesReceived(), m.bytesReceived()));
                    sb.append(String.format("        Dropped: %d events, %d sends; refused: %d sends%n",
                            m.droppedEvents(), m.droppedSends(), m.refusedSends() + s.refusedSends()));
                }
                if (s.lastError() != null) {
                    sb.append(String.format("        Error: %s%n", s.lastError()));
                }
            }
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> list = new ArrayList<>();
        for (GeminiLiveEndpoint e : endpoints()) {
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("uri", e.getEndpointUri());
            jo.put("sessionsOpen", e.getSessionsOpen());
            jo.put("sessionsOpened", e.getSessionsOpened());
            jo.put("sessionsRefused", e.getSessionsRefused());
            long[] t = e.totals();
            Map<String, Object> totals = new LinkedHashMap<>();
            for (Count c : Count.values()) {
                totals.put(c.name(), t[c.ordinal()]);
            }
            jo.put("totals", totals);
            List<Map<String, Object>> sessions = new ArrayList<>();
            for (SessionView s : e.sessionViews()) {
                Map<String, Object> so = new LinkedHashMap<>();
                so.put("key", s.key());
                so.put("state", s.state().name());
                so.put("connectionAgeMillis", s.connectedAtMillis() == 0 ? null : now - s.connectedAtMillis());
                so.put("resumable", s.resumable());
                so.put("failedAttemptsSinceConnect", s.failedAttempts());
                so.put("refusedSends", s.refusedSends());
                if (s.metrics() != null) {
                    so.put("metrics", metrics(s.metrics()));
                }
                if (s.lastError() != null) {
                    so.put("error", s.lastError());
                }
                sessions.add(so);
            }
            jo.put("sessions", sessions);
            list.add(jo);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("endpoints", list);
        return root;
    }

    /** Every counter of the record, by its name; durations in milliseconds. */
    private static Map<String, Object> metrics(ResilienceMetrics m) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent c : ResilienceMetrics.class.getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(m);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Duration d) {
                map.put(c.getName() + "Millis", d.toMillis());
            } else {
                map.put(c.getName(), value);
            }
        }
        return map;
    }

    private static String age(SessionView s, long now) {
        if (s.connectedAtMillis() == 0 || s.state() == SessionWatch.State.closed) {
            return "-";
        }
        return TimeUtils.printDuration(Math.max(0, now - s.connectedAtMillis()), true);
    }

    private List<GeminiLiveEndpoint> endpoints() {
        List<GeminiLiveEndpoint> found = new ArrayList<>();
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (e instanceof GeminiLiveEndpoint g) {
                found.add(g);
            }
        }
        found.sort((a, b) -> a.getEndpointUri().compareTo(b.getEndpointUri()));
        return found;
    }
}
