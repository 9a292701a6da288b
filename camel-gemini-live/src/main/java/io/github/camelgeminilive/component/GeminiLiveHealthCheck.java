package io.github.camelgeminilive.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of a {@code gemini-live} endpoint: DOWN while its sessions cannot connect (a session fights an outage
 * with failed reconnect attempts, or the latest connect of a session, or its end, failed and no session connected
 * since), UP otherwise, including when no session is open because nothing asked for one. The details name the
 * sessions in trouble (key, state, failed attempts) and the latest failure (time and message); never a credential.
 * A consumer carries one (Camel's consumers repository calls it); the producers of the endpoint share one in the
 * producers repository.
 */
final class GeminiLiveHealthCheck implements HealthCheck {

    private final GeminiLiveEndpoint endpoint;
    private final String id;
    private volatile boolean enabled = true;

    GeminiLiveHealthCheck(GeminiLiveEndpoint endpoint, String id) {
        this.endpoint = endpoint;
        this.id = id;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false; // a service that cannot be reached is no reason to restart the application
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this).detail(ENDPOINT_URI,
                endpoint.getEndpointUri());
        List<String> troubled = new ArrayList<>();
        for (SessionView s : endpoint.sessionViews()) {
            if (s.failedAttempts() > 0) {
                troubled.add(s.key() + " (" + s.state() + ", " + s.failedAttempts() + " failed attempts)");
            }
        }
        ConnectOutcomes.Snapshot outcomes = endpoint.connectOutcomes();
        result.detail("gemini-live.sessions", endpoint.getSessionsOpen());
        if (outcomes.lastFailureMillis() > 0) {
            result.detail("gemini-live.last.failure", Instant.ofEpochMilli(outcomes.lastFailureMillis()).toString());
            result.detail("gemini-live.last.error", String.valueOf(outcomes.lastError()));
        }
        if (!troubled.isEmpty()) {
            result.detail("gemini-live.sessions.reconnecting", String.join(", ", troubled));
            return result.message("Sessions cannot reconnect: " + String.join(", ", troubled)).down().build();
        }
        if (outcomes.failing()) {
            return result.message(outcomes.failuresSinceSuccess() + " session(s) could not connect, none since: "
                    + outcomes.lastError()).down().build();
        }
        return result.up().build();
    }
}
