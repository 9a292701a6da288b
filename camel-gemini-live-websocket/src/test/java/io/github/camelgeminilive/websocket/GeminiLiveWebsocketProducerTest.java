package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The producer writes to one connection by key or to all of a path, in order, and fails clearly. */
class GeminiLiveWebsocketProducerTest extends WebsocketTestSupport {

    private static final String ECHO = BASE + "/echo";
    private static final String FAN = BASE + "/fan";

    private final List<String> continuedOn = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // answers each message on the connection it came from (the key header is still set)
                from(ECHO + "?maxOutgoing=10000").to("mock:echo")
                        .filter(header(GeminiLiveWebsocketConstants.EVENT).isEqualTo("message"))
                        .to(ECHO);
                from(FAN + "?maxOutgoing=20").to("mock:fan");
                from("direct:echo").to(ECHO);
                from("direct:then").to(ECHO).process(e -> continuedOn.add(Thread.currentThread().getName()));
                // a peer has a minute to answer a close: ending sooner means the answer ended the connection
                from(BASE + "/patient?closeTimeout=60s").to("mock:patient");
                from("direct:patient").to(BASE + "/patient");
                from("direct:all").to(FAN + "?sendToAll=true");
                from("direct:elsewhere").to("gemini-live-websocket:127.0.0.1:1/nothing");
            }
        };
    }

    @Test
    void aTextOrBinaryBodyGoesBackToTheConnectionItNames() throws Exception {
        TestPeer peer = TestPeer.connect(port(), "/echo");
        TestPeer other = TestPeer.connect(port(), "/echo");
        peer.sendText("hello");
        assertThat(peer.next()).isEqualTo("hello");
        peer.sendBinary(new byte[] {7, 8, 9});
        assertThat(peer.next()).isEqualTo(new byte[] {7, 8, 9});
        other.sendText("other");
        assertThat(other.next()).isEqualTo("other");
    }

    @Test
    void thousandsOfWritesInFlightAtOnceArriveInOrder() throws Exception {
        TestPeer peer = TestPeer.connect(port(), "/echo");
        String key = key(awaitEvent(getMockEndpoint("mock:echo"), GeminiLiveWebsocketEvent.OPEN));
        AsyncProducer producer = context.getEndpoint(ECHO).createAsyncProducer();
        producer.start();
        int frames = 5000;
        List<CompletableFuture<Exchange>> writes = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(Integer.toString(i));
            exchange.getIn().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, key);
            writes.add(producer.processAsync(exchange));
        }
        for (int i = 0; i < frames; i++) {
            assertThat(peer.next()).as("frame %d", i).isEqualTo(Integer.toString(i));
        }
        for (CompletableFuture<Exchange> w : writes) {
            assertThat(w.get(10, TimeUnit.SECONDS).getException()).isNull();
        }
        producer.stop();
    }

    @Test
    void theRouteContinuesAfterAWriteOnTheWritesThreadNeverOnTheIoThreadThatWrote() throws Exception {
        TestPeer peer = TestPeer.connect(port(), "/echo");
        String key = key(awaitEvent(getMockEndpoint("mock:echo"), GeminiLiveWebsocketEvent.OPEN));
        int frames = 200;
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            String body = Integer.toString(i);
            sent.add(template.asyncSend("direct:then", e -> {
                e.getIn().setBody(body);
                e.getIn().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, key);
            }));
        }
        for (CompletableFuture<Exchange> s : sent) {
            assertThat(s.get(10, TimeUnit.SECONDS).getException()).isNull();
        }
        List<Object> received = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            received.add(peer.next()); // the template's threads send in no particular order
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, frames).mapToObj(Integer::toString).toList());
        assertThat(continuedOn).hasSize(frames).noneMatch(name -> name.contains("I/O"))
                .anyMatch(name -> name.contains("GeminiLiveWebsocketWrites"));
    }

    @Test
    void sendToAllWritesToEveryConnectionOfThePath() throws Exception {
        List<TestPeer> peers = List.of(TestPeer.connect(port(), "/fan"), TestPeer.connect(port(), "/fan"),
                TestPeer.connect(port(), "/fan"));
        TestPeer elsewhere = TestPeer.connect(port(), "/echo");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ofEvent(getMockEndpoint("mock:fan"), GeminiLiveWebsocketEvent.OPEN).size() == 3);
        template.sendBody("direct:all", "news");
        for (TestPeer peer : peers) {
            assertThat(peer.next()).isEqualTo("news");
        }
        elsewhere.sendText("ping");
        assertThat(elsewhere.next()).as("the other path got nothing").isEqualTo("ping");
    }

    @Test
    void anUnknownOrClosedConnectionFailsTheExchange() throws Exception {
        Exchange unknown = template.send("direct:echo", e -> {
            e.getIn().setBody("lost");
            e.getIn().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, "no-such-connection");
        });
        assertThat(unknown.getException()).isInstanceOf(GeminiLiveWebsocketException.class)
                .hasMessageContaining("No open connection no-such-connection");

        TestPeer peer = TestPeer.connect(port(), "/echo");
        MockEndpoint mock = getMockEndpoint("mock:echo");
        String key = key(awaitEvent(mock, GeminiLiveWebsocketEvent.OPEN));
        peer.close();
        awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE);
        Exchange closed = template.send("direct:echo", e -> {
            e.getIn().setBody("late");
            e.getIn().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, key);
        });
        assertThat(closed.getException()).isInstanceOf(GeminiLiveWebsocketException.class)
                .hasMessageContaining(key);

        Exchange noKey = template.send("direct:echo", e -> e.getIn().setBody("where?"));
        assertThat(noKey.getException()).hasMessageContaining(GeminiLiveWebsocketConstants.CONNECTION_KEY);

        Exchange noServer = template.send("direct:elsewhere", e -> e.getIn().setBody("x"));
        assertThat(noServer.getException()).isInstanceOf(GeminiLiveWebsocketException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aCloseCodeHeaderClosesTheConnectionAfterTheBody() throws Exception {
        TestPeer peer = TestPeer.connect(port(), "/echo");
        MockEndpoint mock = getMockEndpoint("mock:echo");
        String key = key(awaitEvent(mock, GeminiLiveWebsocketEvent.OPEN));
        Exchange reserved = template.send("direct:echo", e -> {
            e.getIn().setHeaders(Map.of(GeminiLiveWebsocketConstants.CONNECTION_KEY, key,
                    GeminiLiveWebsocketConstants.CLOSE_WITH_CODE, 1006));
        });
        assertThat(reserved.getException()).hasMessageContaining("Cannot close with 1006");
        template.send("direct:echo", e -> {
            e.getIn().setBody("goodbye");
            e.getIn().setHeaders(Map.of(GeminiLiveWebsocketConstants.CONNECTION_KEY, key,
                    GeminiLiveWebsocketConstants.CLOSE_WITH_CODE, 4000,
                    GeminiLiveWebsocketConstants.CLOSE_WITH_REASON, "call ended"));
        });
        assertThat(peer.next()).isEqualTo("goodbye");
        assertThat(peer.awaitClose()).isEqualTo(new TestPeer.Close(4000, "call ended"));
        Exchange close = awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE);
        assertThat(close.getMessage().getHeader(GeminiLiveWebsocketConstants.CLOSE_CODE)).isEqualTo(4000);
    }

    @Test
    void aForwardedCloseEventClosesNoConnection() throws Exception {
        TestPeer one = TestPeer.connect(port(), "/fan");
        TestPeer two = TestPeer.connect(port(), "/fan");
        await().atMost(TestPeer.WAIT)
                .until(() -> ofEvent(getMockEndpoint("mock:fan"), GeminiLiveWebsocketEvent.OPEN).size() == 2);
        // what a consumer's close event carries, sent on to every connection
        template.send("direct:all", e -> {
            e.getIn().setBody("someone left");
            e.getIn().setHeaders(Map.of(GeminiLiveWebsocketConstants.CLOSE_CODE, 1000,
                    GeminiLiveWebsocketConstants.CLOSE_REASON, "bye"));
        });
        template.sendBody("direct:all", "still here");
        for (TestPeer peer : List.of(one, two)) {
            assertThat(peer.next()).isEqualTo("someone left");
            assertThat(peer.next()).isEqualTo("still here");
        }
    }

    @Test
    void writesBeyondMaxOutgoingFailWhileThePeerDoesNotRead() throws Exception {
        TestPeer peer = TestPeer.connectNotReading(port(), "/fan");
        String key = key(awaitEvent(getMockEndpoint("mock:fan"), GeminiLiveWebsocketEvent.OPEN));
        AsyncProducer producer = context.getEndpoint(FAN).createAsyncProducer();
        producer.start();
        // 25 MB: more than the socket buffers of both ends hold, so writes queue up behind the unread ones
        byte[] frame = new byte[64 * 1024];
        List<CompletableFuture<Exchange>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(frame);
            exchange.getIn().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, key);
            writes.add(producer.processAsync(exchange));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.stream().filter(CompletableFuture::isDone)
                .anyMatch(w -> w.join().getException() != null));
        Exception refused = writes.stream().filter(CompletableFuture::isDone).map(w -> w.join().getException())
                .filter(e -> e != null).findFirst().orElseThrow();
        assertThat(refused).isInstanceOf(GeminiLiveWebsocketException.class).hasMessageContaining("maxOutgoing=20");
        peer.read();
        producer.stop();
    }

    @Test
    void aPeerThatAnswersTheCloseIsDisconnectedThenNotAtTheCloseTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // a peer that never closes TCP itself (the JDK client would)
            out.write(("GET /patient HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = new String(readUntilBlankLine(in), StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 101");
            MockEndpoint mock = getMockEndpoint("mock:patient");
            String key = key(awaitEvent(mock, GeminiLiveWebsocketEvent.OPEN));

            template.send("direct:patient", e -> e.getIn().setHeaders(Map.of(
                    GeminiLiveWebsocketConstants.CONNECTION_KEY, key, GeminiLiveWebsocketConstants.CLOSE_WITH_CODE,
                    4000)));
            byte[] close = in.readNBytes(4);
            assertThat(close).containsExactly(0x88, 2, 0x0f, 0xa0); // close frame, code 4000
            out.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x0f, (byte) 0xa0}); // the answer, masked
            out.flush();

            // the server ends the TCP connection itself, long before the minute would be up
            Exchange closed = awaitEvent(mock, GeminiLiveWebsocketEvent.CLOSE);
            assertThat(closed.getMessage().getHeader(GeminiLiveWebsocketConstants.CLOSE_CODE)).isEqualTo(4000);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private static byte[] readUntilBlankLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int lineEnds = 0;
        while (lineEnds < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The server closed during the handshake");
            }
            head.write(b);
            lineEnds = b == '\r' || b == '\n' ? lineEnds + 1 : 0;
        }
        return head.toByteArray();
    }
}
