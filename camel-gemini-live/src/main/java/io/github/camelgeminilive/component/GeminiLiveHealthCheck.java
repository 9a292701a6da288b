package io.github.camelgeminilive.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code gemini-live} endpoint: DOWN while its sessions cannot connect (a session fights an outage
 * with failed reconnect attempts, or a connect of a session, or its end, failed within {@link ConnectOutcomes#WINDOW}
 * and no session connected since; a refusal of one call's request never counts), UP otherwise, including when no
 * session is open because nothing asked for one. The details name the sessions in trouble (key, state, failed
 * attempts) and the latest failure (time and message); never a credential. A consumer carries one (Camel's consumers
 * repository calls it); the started producers of the endpoint share one in the producers repository. As an
 * {@link AbstractHealthCheck}, a disabled one ({@code healthCheckConsumerEnabled}, {@code healthCheckProducerEnabled})
 * reports UNKNOWN without looking.
 */
final class GeminiLiveHealthCheck extends AbstractHealthCheck {

    private final GeminiLiveEndpoint endpoint;

    GeminiLiveHealthCheck(GeminiLiveEndpoint endpoint, String id) {
        super("camel", id);
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false; // a service that cannot be reached is no reason to restart the application
    }

    @Override
    protected void doCall(HealthCheckResultBuilder result, Map<String, Object> options) {
        result.detail(ENDPOINT_URI, endpoint.getEndpointUri());
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
            result.message("Sessions cannot reconnect: " + String.join(", ", troubled)).down();
        } else if (outcomes.failing()) {
            result.message(outcomes.failuresSinceSuccess() + " session(s) could not connect, none since: "
                    + outcomes.lastError()).down();
        } else {
            result.up();
        }
    }
}
