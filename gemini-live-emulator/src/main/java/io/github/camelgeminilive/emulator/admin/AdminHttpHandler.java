package io.github.camelgeminilive.emulator.admin;

import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.github.camelgeminilive.emulator.EmulatorAdmin;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ProtoDuration;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * {@link EmulatorAdmin} over HTTP, JSON out, for programs on this machine only (see {@link LocalCallersOnly}):
 * <ul>
 * <li>{@code GET /emulator/sessions}: all sessions with counters</li>
 * <li>{@code GET /emulator/sessions/{id}}: one session</li>
 * <li>{@code POST /emulator/sessions/{id}/goaway?timeLeft=5s}</li>
 * <li>{@code POST /emulator/sessions/{id}/close?code=1011&reason=text} (code defaults to 1000, reason to
 * empty)</li>
 * <li>{@code POST /emulator/sessions/{id}/drop}</li>
 * <li>{@code POST /emulator/sessions/{id}/freeze}</li>
 * <li>{@code POST /emulator/pong-delay?delay=20s} ({@code 0s} restores immediate pongs)</li>
 * <li>{@code GET /emulator/stats}: {@code {"connectionAttempts": n, "pongDelay": "20s"}}</li>
 * </ul>
 * Errors: 400 bad parameter, 403 not loopback, another Host or a cross-origin request, 404 unknown session or path,
 * 405 wrong method, 409 no open connection, 415 a request body; the body is {@code {"error": "..."}}. A successful
 * action answers with the session's state.
 */
public final class AdminHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);

    private static final String SESSIONS = "/emulator/sessions";
    private static final String PONG_DELAY = "/emulator/pong-delay";
    private static final String STATS = "/emulator/stats";

    private final EmulatorAdmin admin;
    private final LocalCallersOnly callers;

    /** Serves {@code admin} for an emulator bound to {@code boundHost}. */
    public AdminHttpHandler(EmulatorAdmin admin, String boundHost) {
        this.admin = admin;
        this.callers = new LocalCallersOnly(boundHost);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        Optional<LocalCallersOnly.Refusal> refusal = callers.check(exchange);
        if (refusal.isPresent()) {
            error(exchange, refusal.get().status(), refusal.get().reason());
            return;
        }
        try {
            route(exchange);
        } catch (MethodNotAllowed e) {
            error(exchange, StatusCodes.METHOD_NOT_ALLOWED, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(exchange, StatusCodes.BAD_REQUEST, e.getMessage());
        } catch (NoSuchElementException e) {
            error(exchange, StatusCodes.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            error(exchange, StatusCodes.CONFLICT, e.getMessage());
        } catch (RuntimeException e) {
            // a bug, not a bad request: still a JSON answer, never Undertow's bare 500 page
            LOG.warn("Admin request {} failed", exchange.getRequestPath(), e);
            error(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Internal error: " + e);
        }
    }

    private void route(HttpServerExchange exchange) throws JsonProcessingException {
        String path = exchange.getRequestPath();
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals(SESSIONS)) {
            requireMethod(exchange, Methods.GET);
            json(exchange, StatusCodes.OK, admin.sessions());
            return;
        }
        if (path.equals(STATS)) {
            requireMethod(exchange, Methods.GET);
            json(exchange, StatusCodes.OK, stats());
            return;
        }
        if (path.equals(PONG_DELAY)) {
            requireMethod(exchange, Methods.POST);
            admin.pongDelay(duration("delay", param(exchange.getQueryParameters(), "delay").orElseThrow(
                    () -> new IllegalArgumentException("pong-delay needs delay, e.g. ?delay=20s"))));
            json(exchange, StatusCodes.OK, stats());
            return;
        }
        if (!path.startsWith(SESSIONS + "/")) {
            throw new NoSuchElementException("No admin resource at " + path);
        }
        String[] segments = path.substring(SESSIONS.length() + 1).split("/");
        String id = segments[0];
        if (segments.length == 1) {
            requireMethod(exchange, Methods.GET);
            SessionInfo info = admin.session(id).orElseThrow(() -> new NoSuchElementException("No session " + id));
            json(exchange, StatusCodes.OK, info);
            return;
        }
        if (segments.length != 2) {
            throw new NoSuchElementException("No admin resource at " + path);
        }
        requireMethod(exchange, Methods.POST);
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        switch (segments[1]) {
            case "goaway" -> admin.goAway(id, duration("timeLeft", param(query, "timeLeft").orElseThrow(
                    () -> new IllegalArgumentException("goaway needs timeLeft, e.g. ?timeLeft=5s"))));
            case "close" -> admin.close(id, closeCode(param(query, "code").orElse("1000")),
                    param(query, "reason").orElse(""));
            case "drop" -> admin.drop(id);
            case "freeze" -> admin.freeze(id);
            default -> throw new NoSuchElementException("No admin action " + segments[1]
                    + " (goaway, close, drop, freeze)");
        }
        json(exchange, StatusCodes.OK, admin.session(id).orElseThrow());
    }

    private Map<String, Object> stats() {
        return Map.of("connectionAttempts", admin.connectionAttempts(), "pongDelay",
                ProtoDuration.format(admin.pongDelay()));
    }

    private static Duration duration(String name, String text) {
        try {
            return ProtoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 5s or 0.500s, got " + text);
        }
    }

    private static int closeCode(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("code must be a close code such as 1011, got " + text);
        }
    }

    private static Optional<String> param(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static void requireMethod(HttpServerExchange exchange, HttpString method) {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new MethodNotAllowed(method);
        }
    }

    private static void json(HttpServerExchange exchange, int status, Object body) throws JsonProcessingException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(LiveJson.get().mapper().writeValueAsString(body));
    }

    private static void error(HttpServerExchange exchange, int status, String message) {
        try {
            json(exchange, status, Map.of("error", message == null ? "" : message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with the wrong HTTP method for its resource. */
    private static final class MethodNotAllowed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MethodNotAllowed(HttpString allowed) {
            super("Use " + allowed);
        }
    }
}
