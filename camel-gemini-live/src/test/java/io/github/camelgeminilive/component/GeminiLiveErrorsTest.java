package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.session.LiveSessionException;

/** Every bad input fails the exchange with a clear message; the API key shows up nowhere. */
class GeminiLiveErrorsTest extends GeminiLiveTestSupport {

    private static final String WRONG_KEY = "AIzaWRONG-other-secret-1b2e";
    /** Never resolves: .invalid is reserved (RFC 6761). */
    private static final String UNRESOLVABLE = "generativelanguage.googleapis.invalid";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        // I/O and pool threads log while the test reads the list: an ArrayList threw ConcurrentModificationException
        logs.list = new CopyOnWriteArrayList<>();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logs);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.wrongKey", WRONG_KEY);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("errors")).routeId("errors-events").to("mock:errors");
                from("direct:send").routeId("send").to(uri("errors"));
                from("direct:text-modality").to(uri("text-modality", "responseModalities=TEXT"));
                from("direct:wrong-key").to(uri("wrong-key").replace("gemini.apiKey", "gemini.wrongKey"));
                from("direct:unresolvable").to("gemini-live:unresolvable?baseUrl=wss://" + UNRESOLVABLE
                        + "&apiKey={{gemini.apiKey}}");
            }
        };
    }

    private Exception send(String endpoint, Object body, String header, Object value) {
        Exchange result = template.send(endpoint, e -> {
            e.getMessage().setBody(body);
            if (header != null) {
                e.getMessage().setHeader(header, value);
            }
        });
        return result.getException();
    }

    @Test
    void wrongBodyTypeNamesTheAcceptedTypes() {
        Exception e = send("direct:send", 42, null, null);

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer").hasMessageContaining("String (text turn)")
                .hasMessageContaining("byte[]");
    }

    @Test
    void nullBodyIsRefused() {
        assertThat(send("direct:send", null, null, null)).hasMessageContaining("body is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/mp3", "audio/pcm;rate=0", "audio/pcm;channels=1;rate=fast", "image/gif"})
    void unknownMimeTypeIsRefusedNamingTheHeaderAndTheSupportedTypes(String mimeType) {
        Exception e = send("direct:send", new byte[320], GeminiLiveConstants.MIME_TYPE, mimeType);

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unsupported " + GeminiLiveConstants.MIME_TYPE + " '" + mimeType + "': use "
                        + MimeTypes.SUPPORTED_INPUT);
    }

    @Test
    void unknownOperationIsRefused() {
        assertThat(send("direct:send", "x", GeminiLiveConstants.OPERATION, "shout"))
                .hasMessageContaining("'shout'").hasMessageContaining("sendText");
    }

    @Test
    void wrongBodyForAnOperationIsRefused() {
        assertThat(send("direct:send", new byte[2], GeminiLiveConstants.OPERATION, "sendClientContent"))
                .hasMessageContaining("sendClientContent").hasMessageContaining("List<Content>");
    }

    @Test
    void sendingAfterCloseFailsUntilTheEndpointsRoutesRestart() throws Exception {
        assertThat(send("direct:send", null, GeminiLiveConstants.OPERATION, "close")).isNull();

        Exception e = send("direct:send", "still there?", null, null);

        assertThat(e).isInstanceOf(LiveSessionException.SessionClosedException.class)
                .hasMessageContaining("'errors' is closed");
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("errors"), GeminiLiveEndpoint.class);
        long opened = endpoint.getSessionsOpened();
        for (String route : List.of("send", "errors-events")) {
            context.getRouteController().stopRoute(route);
        }
        for (String route : List.of("errors-events", "send")) {
            context.getRouteController().startRoute(route);
        }
        assertThat(send("direct:send", "back again?", null, null)).as("a new session").isNull();
        assertThat(endpoint.getSessionsOpened()).isEqualTo(opened + 1);
    }

    @Test
    void invalidArgumentFromTheServiceFailsTheExchange() {
        Exception e = send("direct:text-modality", "Hello", null, null);

        assertThat(e).isInstanceOf(LiveSessionException.InvalidArgumentException.class)
                .hasMessageContaining("1007");
        assertThat(((LiveSessionException) e).closeCode()).isEqualTo(1007);
        assertThat(((LiveSessionException) e).reason()).containsIgnoringCase("TEXT");
    }

    @Test
    void wrongApiKeyFailsTheExchangeAndLeaksNoKey() {
        Exception e = send("direct:wrong-key", "Hello", null, null);

        assertThat(e).isInstanceOf(LiveSessionException.PolicyViolationException.class)
                .hasMessageContaining("1008");
        assertThat(((LiveSessionException) e).closeCode()).isEqualTo(1008);
        assertNoSecretIn(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(e)));
        assertNoSecretInLogs();
    }

    @Test
    void anUnresolvableHostFailsTheExchangeNamingTheHost() {
        Exception e = send("direct:unresolvable", "Hello", null, null);

        assertThat(e).isInstanceOf(LiveSessionException.class)
                .hasMessageContaining("cannot resolve host '" + UNRESOLVABLE + "'");
        assertNoSecretIn(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(e)));
        assertNoSecretInLogs();
    }

    @Test
    void unknownUriOptionFailsEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint(uri("bad", "voiceNmae=Puck")))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("voiceNmae");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "replyTimeout=0                              | replyTimeout must be positive, not 0",
            "connectTimeout=-1                           | connectTimeout must be positive, not -1",
            "pingInterval=-1                             | pingInterval must be 0 or positive, not -1",
            "pingTimeout=0                               | pingTimeout must be positive, not 0",
            "goAwayMargin=-1                             | goAwayMargin must be 0 or positive, not -1",
            "reconnectInitialDelay=-1                    | reconnectInitialDelay must be 0 or positive, not -1",
            "reconnectInitialDelay=9000&reconnectMaxDelay=1000 | reconnectInitialDelay (9000) must not exceed"
                    + " reconnectMaxDelay (1000)",
            "maxQueuedEvents=0                           | maxQueuedEvents must be positive, not 0",
            "maxQueuedEventBytes=0                       | maxQueuedEventBytes must be positive, not 0",
            "heldSendLimit=-1                            | heldSendLimit must be 0 or positive, not -1",
            "heldSendBytes=-1                            | heldSendBytes must be 0 or positive, not -1",
            "replayBufferBytes=-1                        | replayBufferBytes must be 0 or positive, not -1",
            "replayBufferBytes=1073741825                | replayBufferBytes must be at most 1073741824 (1 GiB), not"
                    + " 1073741825",
            "replayBufferDuration=-1                     | replayBufferDuration must be 0 or positive, not -1",
            "toolTimeout=0                               | toolTimeout must be positive, not 0",
            "toolThreadPoolSize=0                        | toolThreadPoolSize must be positive, not 0",
            "tools=                                      | tools is empty",
            "trustStore=                                 | trustStore is empty"})
    void anOptionOutOfItsRangeFailsTheEndpointNamingIt(String option, String message) {
        assertThatThrownBy(() -> context.getEndpoint(uri("bad", option)))
                .isInstanceOf(ResolveEndpointFailedException.class).rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gemini-live option " + message);
    }

    @Test
    void anOptionOutOfItsRangeFailsTheRoutesStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bad-timeout").to(uri("bad", "replyTimeout=0"));
            }
        })).isInstanceOf(FailedToCreateRouteException.class).rootCause()
                .hasMessage("The gemini-live option replyTimeout must be positive, not 0");
    }

    @Test
    void plainWebSocketToAHostOtherThanLoopbackFailsTheEndpointBeforeAnyConnection() {
        assertThatThrownBy(() -> context.getEndpoint("gemini-live:plain?baseUrl=ws://example.com"
                + "&apiKey={{gemini.apiKey}}"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("ws://example.com is unencrypted")
                .hasMessageContaining("allowPlainText");
        // refused from the URL as written: no client, no DNS lookup, no connection attempt
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("Connecting to ws://example.com"));

        Endpoint allowed = context.getEndpoint("gemini-live:plain?baseUrl=ws://example.com&allowPlainText=true"
                + "&apiKey={{gemini.apiKey}}");
        assertThat(((GeminiLiveEndpoint) allowed).getConfiguration().isAllowPlainText()).isTrue();
    }

    @Test
    void apiKeyAppearsInNoLogLineUriOrException() {
        Exchange reply = template.request("direct:send", e -> e.getMessage().setBody("Keep it secret"));
        assertThat(reply.getException()).isNull();

        // the endpoint direct:send sent to: the context holds others (another baseUrl among them), in no fixed order
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("errors"), GeminiLiveEndpoint.class);
        assertNoSecretIn(endpoint.getEndpointUri());
        assertNoSecretIn(endpoint.toString());
        assertNoSecretIn(endpoint.getEndpointBaseUri());
        assertThat(endpoint.getServiceUrl()).isEqualTo(emulator.baseUrl().toString());
        context.getRoutes().forEach(r -> assertNoSecretIn(r.getEndpoint().getEndpointUri()));
        assertThatThrownBy(() -> context.getEndpoint(uri("bad", "voiceNmae=Puck")))
                .satisfies(t -> assertNoSecretIn(t.getMessage()));
        assertNoSecretInLogs();
    }

    private void assertNoSecretInLogs() {
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                : ThrowableProxyUtil.asString(e.getThrowableProxy()))).collect(Collectors.toList());
        assertThat(lines).isNotEmpty();
        lines.forEach(GeminiLiveErrorsTest::assertNoSecretIn);
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(API_KEY).doesNotContain(WRONG_KEY);
    }
}
