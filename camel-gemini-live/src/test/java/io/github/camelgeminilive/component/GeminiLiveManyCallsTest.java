package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.session.LiveSessionException;

/**
 * One route serves many calls: an endpoint's sessions by key, their events through one consumer route, answers from
 * the same route to the session an event came from, and the sessions' lifetimes (close, idle, route stop) and bound.
 */
class GeminiLiveManyCallsTest extends GeminiLiveTestSupport {

    private static final int CALLS = 50;

    /** What the consumer routes saw, by session key, in arrival order. */
    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();

    /** One consumer exchange: its event type, its body when text, its session id and close reason. */
    private record Seen(String type, String text, String sessionId, String closeReason) {

        static Seen of(Message m) {
            return new Seen(m.getHeader(GeminiLiveConstants.EVENT_TYPE, String.class),
                    m.getBody() instanceof String s ? s : null,
                    m.getHeader(GeminiLiveConstants.SESSION_ID, String.class),
                    m.getHeader(GeminiLiveConstants.CLOSE_REASON, String.class));
        }
    }

    private static String callsUri() {
        return uri("calls", "openOnStart=false");
    }

    private static String idleUri() {
        return uri("idle", "openOnStart=false", "idleTimeout=300");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", emulator.baseUrl().toString());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // every call's events, one route; after a call's first turn, the route answers that same call
                from(callsUri()).routeId("calls")
                        .process(e -> record(e))
                        .filter(e -> "turnComplete".equals(type(e)) && count(key(e), "turnComplete") == 1)
                        .setBody(simple("second from ${header.CamelGeminiLiveSessionKey}"))
                        .to(callsUri());
                from("direct:call").routeId("feed").to(callsUri());

                from(idleUri()).process(e -> record(e));
                from("direct:idle").to(idleUri());

                from("direct:bounded").to(uri("bounded", "maxSessions=2"));
            }
        };
    }

    private void record(Exchange e) {
        seen.computeIfAbsent(key(e), k -> new CopyOnWriteArrayList<>()).add(Seen.of(e.getMessage()));
    }

    private static String key(Exchange e) {
        return e.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY, String.class);
    }

    private static String type(Exchange e) {
        return e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class);
    }

    private List<Seen> seen(String key) {
        return seen.getOrDefault(key, List.of());
    }

    private long count(String key, String type) {
        return seen(key).stream().filter(s -> type.equals(s.type())).count();
    }

    private String transcript(String key) {
        return seen(key).stream().filter(s -> "outputTranscription".equals(s.type())).map(Seen::text)
                .collect(Collectors.joining());
    }

    private Exception send(String uri, Object body, String key) {
        return send(uri, body, Map.of(GeminiLiveConstants.SESSION_KEY, key));
    }

    private Exception send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            headers.forEach(e.getMessage()::setHeader);
        }).getException();
    }

    @Test
    void fiftyConcurrentCallsThroughOneConsumerRouteEachSeeOnlyTheirOwnEvents() throws Exception {
        GeminiLiveEndpoint calls = context.getEndpoint(callsUri(), GeminiLiveEndpoint.class);
        assertThat(calls.getSessionsOpen()).as("openOnStart=false: the route opened no session of its own").isZero();
        ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        try {
            // call i says (i + 1) * 20 ms of audio, then its own text
            List<CompletableFuture<Void>> said = IntStream.range(0, CALLS)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> {
                        String key = "call-" + i;
                        assertThat(send("direct:call", TestAudio.stamped(20 * (i + 1), i), key)).isNull();
                        assertThat(send("direct:call", "first from " + key, key)).isNull();
                    }, callers)).toList();
            CompletableFuture.allOf(said.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> IntStream.range(0, CALLS).allMatch(i -> count("call-" + i, "turnComplete") == 2));
        Set<String> sessionIds = new HashSet<>();
        for (int i = 0; i < CALLS; i++) {
            String key = "call-" + i;
            assertThat(transcript(key)).as(key).isEqualTo("You said: first from " + key + "You said: second from "
                    + key);
            assertThat(count(key, "audio")).as(key).isPositive();
            Set<String> ids = seen(key).stream().map(Seen::sessionId).collect(Collectors.toSet());
            assertThat(ids).as("the session ids of %s's events", key).hasSize(1).doesNotContainNull();
            String id = ids.iterator().next();
            sessionIds.add(id);
            SessionInfo info = emulator.admin().session(id).orElseThrow();
            assertThat(info.audioSamples()).as("audio of %s", key).isEqualTo(320L * (i + 1));
            assertThat(info.clientMessages()).as("messages of %s", key).isEqualTo(3);
        }
        assertThat(sessionIds).hasSize(CALLS);
        assertThat(seen.keySet()).hasSize(CALLS);
        assertThat(calls.getSessionsOpen()).isEqualTo(CALLS);
        assertThat(calls.getSessionsOpened()).isEqualTo(CALLS);
        assertThat(calls.getOpenSessionKeys()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, CALLS).mapToObj(i -> "call-" + i).toList());
    }

    @Test
    void stoppingTheRoutesClosesEveryKeyedSession() throws Exception {
        GeminiLiveEndpoint calls = context.getEndpoint(callsUri(), GeminiLiveEndpoint.class);
        send("direct:call", "Hello from a", "a");
        send("direct:call", "Hello from b", "b");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("a", "setupComplete") == 1 && count("b", "setupComplete") == 1);
        List<String> ids = List.of(seen("a").get(0).sessionId(), seen("b").get(0).sessionId());
        assertThat(calls.getSessionsOpen()).isEqualTo(2);

        context.getRouteController().stopRoute("feed");
        assertThat(calls.getSessionsOpen()).as("the calls route still uses them").isEqualTo(2);
        context.getRouteController().stopRoute("calls");

        assertThat(calls.getSessionsOpen()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                .allMatch(id -> emulator.admin().session(id).orElseThrow().openConnections() == 0));
    }

    @Test
    void aSessionWithoutSendsAndEventsForIdleTimeoutClosesWithAnIdleReasonAndItsKeyStartsAfresh() {
        GeminiLiveEndpoint idle = context.getEndpoint(idleUri(), GeminiLiveEndpoint.class);
        long asked = System.currentTimeMillis();
        Exchange first = template.request("direct:idle", e -> {
            e.getMessage().setBody("Anyone there?");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "quiet");
        });
        assertThat(first.getException()).isNull();
        String firstId = first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);

        await().atMost(Duration.ofSeconds(20)).until(() -> count("quiet", "closed") == 1);
        long closedAt = System.currentTimeMillis();
        Seen closed = seen("quiet").get(seen("quiet").size() - 1);
        assertThat(closed.type()).isEqualTo("closed");
        assertThat(closed.closeReason())
                .isEqualTo("idle: nothing sent, received or under way for 300 ms (idleTimeout)");
        assertThat(closedAt - asked).as("closed no earlier than idleTimeout after its last activity")
                .isGreaterThanOrEqualTo(300);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> emulator.admin().session(firstId).orElseThrow().openConnections() == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> idle.getSessionsOpen() == 0);

        Exchange again = template.request("direct:idle", e -> {
            e.getMessage().setBody("Back again");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "quiet");
        });
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Back again");
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.SESSION_ID)).isNotEqualTo(firstId);
        assertThat(idle.getSessionsOpened()).isEqualTo(2);
    }

    @Test
    void maxSessionsRefusesTheNextSessionWithAClearErrorUntilOneCloses() {
        GeminiLiveEndpoint bounded = context.getEndpoint(uri("bounded", "maxSessions=2"), GeminiLiveEndpoint.class);
        assertThat(send("direct:bounded", "one", "a")).isNull();
        assertThat(send("direct:bounded", "two", "b")).isNull();

        Exception refused = send("direct:bounded", "three", "c");

        assertThat(refused).isInstanceOf(LiveSessionException.class)
                .hasMessageContaining("Cannot open gemini-live session 'c'")
                .hasMessageContaining("already holds 2 sessions (maxSessions=2)");
        assertThat(bounded.getSessionsRefused()).isEqualTo(1);
        assertThat(bounded.getOpenSessionKeys()).containsExactly("a", "b");
        assertThat(send("direct:bounded", "again", "a")).as("the open sessions still take sends").isNull();

        assertThat(send("direct:bounded", null,
                Map.of(GeminiLiveConstants.SESSION_KEY, "a", GeminiLiveConstants.OPERATION, "close"))).isNull();
        assertThat(send("direct:bounded", "three", "c")).isNull();
        assertThat(bounded.getOpenSessionKeys()).containsExactly("b", "c");
        assertThat(bounded.getSessionsOpened()).isEqualTo(3);
    }

    @Test
    void negativeSessionBoundsFailTheEndpoint() {
        assertThatThrownBy(() -> context.getEndpoint(uri("bad", "maxSessions=-1")))
                .isInstanceOf(ResolveEndpointFailedException.class).rootCause()
                .hasMessage("The gemini-live option maxSessions must be 0 or positive, not -1");
        assertThatThrownBy(() -> context.getEndpoint(uri("bad", "idleTimeout=-5")))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("idleTimeout");
    }

    @Test
    void twoEndpointsWithOneKeyHoldTwoSessionsEachWithItsEndpointsOptions() {
        String textUri = uri("shared", "model=models/gemini-live-2.5-flash-preview", "responseModalities=TEXT");
        Exchange text = template.request(textUri, e -> {
            e.getMessage().setBody("Which one?");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "caller-7");
        });
        Exchange audio = template.request(uri("shared"), e -> {
            e.getMessage().setBody("Which one?");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "caller-7");
        });

        assertThat(text.getMessage().getBody()).isEqualTo("You said: Which one?");
        assertThat(audio.getMessage().getBody(byte[].class)).isNotEmpty();
        String textId = text.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);
        String audioId = audio.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);
        assertThat(textId).isNotEqualTo(audioId);
        assertThat(emulator.admin().session(textId).orElseThrow().model())
                .isEqualTo("models/gemini-live-2.5-flash-preview");
        assertThat(emulator.admin().session(audioId).orElseThrow().model())
                .isEqualTo(GeminiLiveConfiguration.DEFAULT_MODEL);
    }

    @Test
    void theYamlDslExampleServesEachCallOnItsOwnSession() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/calls.yaml"));
        MockEndpoint said = getMockEndpoint("mock:said");

        template.sendBodyAndHeader("direct:caller", "Hello from Ann", "callId", "ann");
        template.sendBodyAndHeader("direct:caller", "Hello from Bob", "callId", "bob");

        await().atMost(Duration.ofSeconds(20)).until(() -> saidTo(said, "ann").equals("You said: Hello from Ann")
                && saidTo(said, "bob").equals("You said: Hello from Bob"));
    }

    private static String saidTo(MockEndpoint said, String key) {
        return said.getReceivedExchanges().stream().filter(e -> key.equals(key(e)))
                .map(e -> e.getMessage().getBody(String.class)).collect(Collectors.joining());
    }
}
