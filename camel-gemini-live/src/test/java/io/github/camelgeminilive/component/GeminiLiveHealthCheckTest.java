package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The endpoints' readiness checks, through Camel's health check registry: a consumer's (its session fights an
 * outage) and the producers' (a new keyed session cannot connect) are DOWN while the service is away, UP once a
 * session connects again. Its own emulator, since stopping it drops every session.
 */
class GeminiLiveHealthCheckTest extends GeminiLiveTestSupport {

    private static final String OPTIONS = "reconnectInitialDelay=20&reconnectMaxDelay=200";
    private static final String ASKED = "gemini-live-producer:gemini-live://asked";

    private static GeminiLiveEmulator restartable;

    @BeforeAll
    static void startRestartableEmulator() {
        restartable = emulatorOn127().build().start();
    }

    @AfterAll
    static void closeRestartableEmulator() {
        restartable.close();
    }

    /**
     * As Camel Main and Spring Boot do with {@code camel.health.enabled} and {@code camel.health.producersEnabled}
     * (Camel's producer checks are off by default): the consumers' and producers' repositories.
     */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(registry.resolveById("consumers"));
        HealthCheckRepository producers = (HealthCheckRepository) registry.resolveById("producers");
        producers.setEnabled(true);
        registry.register(producers);
        registry.setExposureLevel("full"); // every result, the UP ones too
        GeminiLiveComponent unchecked = new GeminiLiveComponent();
        unchecked.setHealthCheckConsumerEnabled(false);
        unchecked.setHealthCheckProducerEnabled(false);
        context.addComponent("gemini-live-unchecked", unchecked);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(restartable, "watched", OPTIONS)).routeId("watched").to("mock:watched");
                from("direct:ask").routeId("asking").to(uri(restartable, "asked", OPTIONS));
                from("direct:unchecked").to(uncheckedUri());
            }
        };
    }

    @Test
    void aConsumersReadinessIsDownWhileItsSessionCannotReconnectAndUpOnceItDoes() {
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri(restartable, "watched", OPTIONS),
                GeminiLiveEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getResilienceMetrics() != null);
        assertThat(readiness("consumer:watched").getState()).isEqualTo(HealthCheck.State.UP);

        restartable.stop();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> readiness("consumer:watched").getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = readiness("consumer:watched");
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith(
                "Sessions cannot reconnect: watched (reconnecting, ").contains("failed attempts"));
        assertThat(down.getDetails()).containsKey("gemini-live.sessions.reconnecting");
        assertNoSecret(down);

        restartable.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> readiness("consumer:watched").getState() == HealthCheck.State.UP);
    }

    @Test
    void theProducersReadinessIsUpUntilAskedThenDownWhileANewSessionCannotConnect() {
        assertThat(readiness(ASKED).getState()).isEqualTo(HealthCheck.State.UP);

        restartable.stop();
        try {
            Exchange failed = template.request("direct:ask", e -> {
                e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-1");
                e.getMessage().setBody("Hello");
            });
            assertThat(failed.getException()).isNotNull();
            HealthCheck.Result down = readiness(ASKED);
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(
                    m -> assertThat(m).startsWith("1 session(s) could not connect, none since: "));
            assertThat(down.getDetails()).containsKeys("gemini-live.last.failure", "gemini-live.last.error");
            assertNoSecret(down);
        } finally {
            restartable.start();
        }

        Exchange answered = template.request("direct:ask", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-2");
            e.getMessage().setBody("Hello");
        });
        assertThat(answered.getException()).isNull();
        assertThat(readiness(ASKED).getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void aDisabledCheckReportsUnknownWhileItsSessionsCannotConnect() {
        restartable.stop();
        try {
            Exchange failed = template.request("direct:unchecked", e -> {
                e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-3");
                e.getMessage().setBody("Hello");
            });
            assertThat(failed.getException()).isNotNull();
            assertThat(readiness("gemini-live-producer:gemini-live-unchecked:").getState())
                    .isEqualTo(HealthCheck.State.UNKNOWN);
        } finally {
            restartable.start();
        }
    }

    @Test
    void theProducersCheckLeavesWithTheirRouteAndComesBackWithIt() throws Exception {
        assertThat(readiness(ASKED).getState()).isEqualTo(HealthCheck.State.UP);

        context.getRouteController().stopRoute("asking");
        assertThat(HealthCheckHelper.invokeReadiness(context)).noneMatch(r -> r.getCheck().getId().startsWith(ASKED));

        context.getRouteController().startRoute("asking");
        assertThat(readiness(ASKED).getState()).isEqualTo(HealthCheck.State.UP);
    }

    private static String uncheckedUri() {
        return uri(restartable, "unchecked", OPTIONS).replace("gemini-live:", "gemini-live-unchecked:");
    }

    /** The readiness result of the one check whose id starts with {@code id}, invoked through Camel's registry. */
    private HealthCheck.Result readiness(String id) {
        Optional<HealthCheck.Result> found = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith(id)).findFirst();
        assertThat(found).as("readiness check " + id + " among " + HealthCheckRegistry.get(context).getCheckIDs())
                .isPresent();
        return found.get();
    }

    private static void assertNoSecret(HealthCheck.Result result) {
        assertThat(result.getMessage().orElse("")).doesNotContain(API_KEY);
        assertThat(result.getDetails().values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(
                API_KEY));
    }
}
