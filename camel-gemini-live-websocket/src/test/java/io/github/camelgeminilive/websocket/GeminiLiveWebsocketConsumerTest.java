package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;

/** Connection events reach the route in order, with the request's details; the limits on what peers send hold. */
class GeminiLiveWebsocketConsumerTest extends WebsocketTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(BASE + "/events").to("mock:events");
                // a route slower than the peers must not drop anything here: this one tests the order
                from(BASE + "/load?maxBacklog=100000").to("mock:load");
                from(BASE + "/small?maxMessageSize=1024").to("mock:small");
                // holds every message until the test releases it: the backlog of the connection fills up
                from(BASE + "/slow?maxBacklog=5").to("mock:slow")
                        .filter(header(GeminiLiveWebsocketConstants.EVENT).isEqualTo("message"))
                        .process(e -> release.await(10, TimeUnit.SECONDS));
                from(BASE + "/idle?idleTimeout=300ms").to("mock:idle");
                from(BASE + "/two?maxConnections=1").to("mock:two");
                // completes on another thread, where the exception handler then fails
                from(BASE + "/failing?exceptionHandler=#failingHandler").threads(1).to("mock:failing")
                        .throwException(new IllegalStateException("the route failed"));
            }
        };
    }

    @BindToRegistry("failingHandler")
    private final ExceptionHandler failingHandler = new ExceptionHandler() {
        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            throw new IllegalStateException("the exception handler failed too");
        }
    };

    @Test
    void anExceptionHandlerThatFailsDoesNotHoldUpTheConnection() {
        MockEndpoint mock = getMockEndpoint("mock:failing");
        TestPeer peer = TestPeer.connect(port(), "/failing");
        peer.sendText("hello");
        peer.close();
        awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE); // before, the open event never finished
        assertThat(mock.getExchanges()).extracting(WebsocketTestSupport::event).containsExactly("open", "message",
                "close");
    }

    @Test
    void openMessageAndCloseEventsCarryTheConnectionAndTheRequest() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:events");
        TestPeer peer = TestPeer.connect(port(), "/events?callSid=CA123&lang=en",
                Map.of("Authorization", "Bearer secret-token", "X-Twilio-Signature", "sig"));
        peer.sendText("hello");
        peer.sendBinary(new byte[] {1, 2, 3});
        peer.close();

        Exchange close = awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE);
        List<Exchange> all = mock.getExchanges();
        assertThat(all).extracting(WebsocketTestSupport::event).containsExactly("open", "message", "message", "close");
        assertThat(all).extracting(WebsocketTestSupport::key).containsOnly(key(all.get(0))).doesNotContainNull();

        Exchange open = all.get(0);
        assertThat(open.getMessage().getHeader(GeminiLiveWebsocketConstants.PATH)).isEqualTo("/events");
        assertThat(open.getMessage().getHeader(GeminiLiveWebsocketConstants.PARAMETERS, Map.class))
                .containsEntry("callSid", "CA123").containsEntry("lang", "en");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = open.getMessage().getHeader(GeminiLiveWebsocketConstants.REQUEST_HEADERS,
                Map.class);
        assertThat(headers).containsEntry("X-Twilio-Signature", "sig");
        assertThat(headers.keySet()).noneMatch("authorization"::equalsIgnoreCase);
        assertThat(open.getMessage().getHeader(GeminiLiveWebsocketConstants.REMOTE_ADDRESS, String.class))
                .startsWith("127.0.0.1:");

        assertThat(all.get(1).getMessage().getBody()).isEqualTo("hello");
        assertThat(all.get(2).getMessage().getBody()).isEqualTo(new byte[] {1, 2, 3});
        assertThat(close.getMessage().getHeader(GeminiLiveWebsocketConstants.CLOSE_CODE)).isEqualTo(1000);
        assertThat(close.getMessage().getHeader(GeminiLiveWebsocketConstants.CLOSE_REASON)).isEqualTo("bye");
    }

    @Test
    void thousandsOfMessagesOfSeveralConnectionsReachTheRouteInOrder() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:load");
        int connections = 4;
        int messages = 2000;
        List<TestPeer> peers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            peers.add(TestPeer.connect(port(), "/load?peer=" + c));
        }
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            TestPeer peer = peers.get(c);
            Thread t = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    peer.sendText(Integer.toString(i));
                }
            });
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ofEvent(mock, GeminiLiveWebsocketEvent.MESSAGE).size() == connections * messages);

        for (Exchange open : ofEvent(mock, GeminiLiveWebsocketEvent.OPEN)) {
            String key = key(open);
            List<String> bodies = ofEvent(mock, GeminiLiveWebsocketEvent.MESSAGE).stream()
                    .filter(e -> key.equals(key(e))).map(e -> e.getMessage().getBody(String.class)).toList();
            assertThat(bodies).hasSize(messages);
            for (int i = 0; i < messages; i++) {
                assertThat(bodies.get(i)).as("message %d of %s", i, key).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void aTextMessageInFragmentsArrivesWholeWithItsCharacters() {
        MockEndpoint mock = getMockEndpoint("mock:events");
        TestPeer peer = TestPeer.connect(port(), "/events");
        String first = "{\"note\":\"caf\u00e9 \u20ac\u00a0";
        String second = "\ud83d\udcde " + "x".repeat(20_000) + "\"}"; // beyond one I/O buffer
        peer.socket().sendText(first, false).join();
        peer.socket().sendText(second, true).join();
        peer.close();
        awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE);
        assertThat(ofEvent(mock, GeminiLiveWebsocketEvent.MESSAGE)).extracting(e -> e.getMessage().getBody())
                .containsExactly(first + second);
    }

    @Test
    void aMessageOverMaxMessageSizeClosesWith1009AndIsCounted() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:small");
        TestPeer text = TestPeer.connect(port(), "/small");
        text.sendText("x".repeat(1024)); // at the limit: delivered
        text.socket().sendText("y".repeat(1025), true);
        assertThat(text.awaitClose().code()).isEqualTo(1009);

        TestPeer binary = TestPeer.connect(port(), "/small");
        binary.socket().sendBinary(java.nio.ByteBuffer.wrap(new byte[4096]), true);
        assertThat(binary.awaitClose().code()).isEqualTo(1009);

        await().atMost(Duration.ofSeconds(10)).until(() -> ofEvent(mock, GeminiLiveWebsocketEvent.CLOSE).size() == 2);
        assertThat(ofEvent(mock, GeminiLiveWebsocketEvent.MESSAGE)).hasSize(1);
        assertThat(ofEvent(mock, GeminiLiveWebsocketEvent.ERROR)).hasSize(2);
        assertThat(ofEvent(mock, GeminiLiveWebsocketEvent.CLOSE))
                .extracting(e -> e.getMessage().getHeader(GeminiLiveWebsocketConstants.CLOSE_CODE))
                .containsOnly(1009);
        assertThat(context.getEndpoint(BASE + "/small?maxMessageSize=1024", GeminiLiveWebsocketEndpoint.class)
                .getOversizeMessages()).isEqualTo(2);
    }

    @Test
    void aConnectionWhoseBacklogOverflowsIsClosedWith1011AndCounted() throws Exception {
        TestPeer peer = TestPeer.connect(port(), "/slow");
        // the first is held by the route (it counts until it completes), four wait: the sixth is dropped and closes
        // the connection, the seventh (sent before the peer reads the close) is dropped too
        for (int i = 0; i < 7; i++) {
            peer.socket().sendText("m" + i, true).join();
        }
        TestPeer.Close close = peer.awaitClose();
        assertThat(close.code()).isEqualTo(1011);
        assertThat(close.reason()).contains("backlog");
        GeminiLiveWebsocketEndpoint endpoint = context.getEndpoint(BASE + "/slow?maxBacklog=5",
                GeminiLiveWebsocketEndpoint.class);
        // the server reads the seventh before the peer's answer to the close, but maybe after the peer saw the close
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getBacklogOverflows() == 2);
        release.countDown();
        MockEndpoint mock = getMockEndpoint("mock:slow");
        awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE);
        // what was admitted is delivered, in order, before the close
        assertThat(mock.getExchanges()).extracting(WebsocketTestSupport::event)
                .containsExactly("open", "message", "message", "message", "message", "message", "close");
    }

    @Test
    void anIdleConnectionIsClosedWith1000() {
        TestPeer peer = TestPeer.connect(port(), "/idle");
        TestPeer.Close close = peer.awaitClose();
        assertThat(close.code()).isEqualTo(1000);
        assertThat(close.reason()).isEqualTo("idle timeout");
        Exchange event = awaitEvent(getMockEndpoint("mock:idle"), GeminiLiveWebsocketEvent.CLOSE);
        assertThat(event.getMessage().getHeader(GeminiLiveWebsocketConstants.CLOSE_CODE)).isEqualTo(1000);
    }

    @Test
    void connectionsOverMaxConnectionsAreRefused() {
        TestPeer first = TestPeer.connect(port(), "/two");
        awaitEvent(getMockEndpoint("mock:two"), GeminiLiveWebsocketEvent.OPEN);
        assertThatThrownBy(() -> TestPeer.connect(port(), "/two")).cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        assertThat(context.getEndpoint(BASE + "/two?maxConnections=1", GeminiLiveWebsocketEndpoint.class)
                .getRefusedConnections()).isEqualTo(1);
        first.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> TestPeer.connect(port(), "/two").close());
    }
}
