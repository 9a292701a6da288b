package io.github.camelgeminilive.examples.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveEndpoint;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.telephony.twilio.TwilioBridge;
import io.github.camelgeminilive.telephony.twilio.simulator.TwilioCallSimulator;
import io.github.camelgeminilive.transport.WebSocketTransport;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketEndpoint;

/** The example as run.sh starts it (its YAML routes and properties), with a simulated Twilio call on loopback. */
class TwilioAppTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static GeminiLiveEmulator emulator;
    private static Main main;
    private static CamelContext context;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiLiveEmulator.builder().port(0).apiKey("example-test-key").pace(1.0).build().start();
        main = TwilioApp.main("example-test-key", emulator.baseUrl().toString());
        main.addOverrideProperty("twilio.port", "0"); // an ephemeral port for the webhook and the WebSocket
        main.addOverrideProperty("twilio.public-host", "agent.example.org");
        main.start();
        context = main.getCamelContext();
        port = context.getEndpoints().stream().filter(GeminiLiveWebsocketEndpoint.class::isInstance)
                .map(GeminiLiveWebsocketEndpoint.class::cast).mapToInt(GeminiLiveWebsocketEndpoint::getLocalPort)
                .filter(p -> p > 0).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        main.stop();
        emulator.close();
    }

    @Test
    void theWebhookConnectsTheCallToTheMediaStream() throws Exception {
        HttpResponse<String> twiml = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/twiml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1&From=%2B15550100")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(twiml.statusCode()).isEqualTo(200);
        assertThat(twiml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        assertThat(twiml.body()).startsWith("<?xml").contains(
                "<Response><Connect><Stream url=\"wss://agent.example.org/media\"/></Connect></Response>");
    }

    @Test
    void theBridgeTakesAsManyCallsAsTheSessionsEndpointOpens() {
        TwilioBridge bridge = context.getRegistry().lookupByNameAndType("twilio", TwilioBridge.class);
        int maxSessions = context.getEndpoints().stream().filter(GeminiLiveEndpoint.class::isInstance)
                .map(GeminiLiveEndpoint.class::cast).findFirst().orElseThrow().getConfiguration().getMaxSessions();
        assertThat(bridge.getMaxCalls()).isEqualTo(maxSessions);
    }

    @Test
    void thePublicHostFollowsThePort() throws Exception {
        try (CamelContext properties = new DefaultCamelContext()) {
            properties.getPropertiesComponent().setLocation("classpath:application.properties");
            properties.getPropertiesComponent().addOverrideProperty("twilio.port", "9090");
            assertThat(properties.resolvePropertyPlaceholders("{{twilio.public-host}}")).isEqualTo("localhost:9090");
        }
    }

    @Test
    void aCallHearsTheGreetingAndItsSessionEndsWithTheCall() throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try (WebSocketTransport phones = TwilioCallSimulator.newTransport();
                TwilioCallSimulator call = TwilioCallSimulator.connect(phones,
                        URI.create("ws://127.0.0.1:" + port + "/media"), "MZexample", clock)) {
            call.start("CAexample", Map.of());
            call.firstAudio().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // talking over the greeting stops it; the clear's future is taken first, as the clear may come before
            // the speech's future has woken this thread
            CompletableFuture<Long> clear = call.nextClear();
            call.say(speech()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            clear.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            call.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            TwilioBridge bridge = context.getRegistry().lookupByNameAndType("twilio", TwilioBridge.class);
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == 0 && emulator.admin().sessions().stream()
                    .mapToInt(SessionInfo::openConnections).sum() == 0);
            assertThat(call.protocolErrors()).isEmpty();
            assertThat(call.heardRms()).isGreaterThan(300);
        } finally {
            clock.shutdownNow();
        }
    }

    private static byte[] speech() throws IOException {
        try (InputStream in = TwilioAppTest.class.getResourceAsStream("/twilio/speech-8k.ulaw")) {
            return in.readAllBytes();
        }
    }
}
