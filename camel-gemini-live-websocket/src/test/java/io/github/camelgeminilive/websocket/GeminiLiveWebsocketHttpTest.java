package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** HTTP mode: a route answers plain requests (a TwiML webhook), beside WebSocket routes on the same server. */
class GeminiLiveWebsocketHttpTest extends WebsocketTestSupport {

    private static final String HELD = BASE + "/held?http=true&maxBacklog=2";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final CountDownLatch heldStarted = new CountDownLatch(2);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(BASE + "/twiml?http=true&maxRequestSize=2048").to("mock:twiml")
                        .setHeader(Exchange.CONTENT_TYPE, constant("text/xml"))
                        .setBody(simple("<Response><Say>${header.CamelGeminiLiveWebsocketParameters[CallSid]}"
                                + "</Say></Response>"));
                from(BASE + "/slow?http=true&requestTimeout=2s").to("mock:slow");
                from(HELD).process(exchange -> {
                    heldStarted.countDown();
                    release.await(30, TimeUnit.SECONDS);
                }).setBody(constant("done"));
                from(BASE + "/fails?http=true").throwException(new IllegalStateException("secret detail"));
                from(BASE + "/teapot?http=true").setHeader(Exchange.HTTP_RESPONSE_CODE, constant(418))
                        .setBody(constant(new byte[] {1, 2}));
                // one path, both kinds: upgrades go to the WebSocket route, plain requests to the HTTP one
                from(BASE + "/both").to("mock:both-ws");
                from(BASE + "/both?http=true").setBody(constant("plain"));
            }
        };
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Test
    void aFormPostAsTwilioSendsItIsAnsweredWithTheRouteReplyAndContentType() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/twiml?src=test"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "session=secret")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA42&From=%2B15550100&Empty=")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(response.body()).isEqualTo("<Response><Say>CA42</Say></Response>");

        MockEndpoint mock = getMockEndpoint("mock:twiml");
        Exchange request = mock.getExchanges().get(0);
        assertThat(request.getIn().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(request.getIn().getHeader(Exchange.HTTP_QUERY)).isEqualTo("src=test");
        assertThat(request.getIn().getBody(String.class)).isEqualTo("CallSid=CA42&From=%2B15550100&Empty=");
        assertThat(request.getIn().getHeader(GeminiLiveWebsocketConstants.PARAMETERS, Map.class))
                .containsEntry("CallSid", "CA42").containsEntry("From", "+15550100").containsEntry("Empty", "")
                .containsEntry("src", "test");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = request.getIn().getHeader(GeminiLiveWebsocketConstants.REQUEST_HEADERS,
                Map.class);
        assertThat(headers.keySet()).noneMatch("cookie"::equalsIgnoreCase);
    }

    @Test
    void aBodyOverMaxRequestSizeIsRefusedWith413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/twiml"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2049))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(getMockEndpoint("mock:twiml").getReceivedCounter()).isZero();
    }

    @Test
    void slowClientsHoldNoThreadAndAreAnswered408AfterRequestTimeout() throws Exception {
        TestPeer peer = TestPeer.connect(port(), "/both");
        // more slow bodies than the component's pool has threads (10): each sends 2 of the 1000 bytes it announced
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("127.0.0.1", port());
                socket.getOutputStream().write(("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 1000\r\n\r\nab").getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            // meanwhile a WebSocket message is delivered and another HTTP request answered
            peer.sendText("through");
            assertThat(awaitEvent(getMockEndpoint("mock:both-ws"), GeminiLiveWebsocketEvent.MESSAGE).getIn()
                    .getBody()).isEqualTo("through");
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/twiml"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA7")));
            assertThat(response.body()).isEqualTo("<Response><Say>CA7</Say></Response>");
            // and each slow client is told 408 once requestTimeout has passed, its connection closed
            for (Socket socket : slow) {
                socket.setSoTimeout(20_000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 408 ");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(getMockEndpoint("mock:slow").getReceivedCounter()).isZero();
    }

    @Test
    void requestsBeyondMaxBacklogAreAnswered503AtOnceAndCounted() throws Exception {
        GeminiLiveWebsocketEndpoint endpoint = context.getEndpoint(HELD, GeminiLiveWebsocketEndpoint.class);
        long overflows = endpoint.getBacklogOverflows();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(http.sendAsync(HttpRequest.newBuilder(uri("/held")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(heldStarted.await(20, TimeUnit.SECONDS)).isTrue();
            // the pool has threads to spare (10) and its queue takes any number: the bound is the endpoint's
            HttpResponse<String> third = send(HttpRequest.newBuilder(uri("/held")).GET());
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(endpoint.getBacklogOverflows() - overflows).isEqualTo(1);
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> response : held) {
            assertThat(response.get(20, TimeUnit.SECONDS).body()).isEqualTo("done");
        }
        // answered requests free their places
        assertThat(send(HttpRequest.newBuilder(uri("/held")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedRouteAnswers500WithoutTheExceptionText() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/fails")).GET());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret detail");
    }

    @Test
    void theResponseCodeHeaderAndABinaryBodyAreTheAnswer() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/teapot")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).isEqualTo(new byte[] {1, 2});
    }

    @Test
    void oneServerServesBothKindsAndAnswersOtherPathsWith404() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/both")).GET()).body()).isEqualTo("plain");
        TestPeer peer = TestPeer.connect(port(), "/both");
        peer.sendText("hi");
        assertThat(awaitEvent(getMockEndpoint("mock:both-ws"), GeminiLiveWebsocketEvent.MESSAGE).getIn().getBody())
                .isEqualTo("hi");
        assertThat(send(HttpRequest.newBuilder(uri("/nowhere")).GET()).statusCode()).isEqualTo(404);
    }
}
