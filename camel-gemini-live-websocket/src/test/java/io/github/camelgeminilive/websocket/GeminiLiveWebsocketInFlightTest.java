package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.junit.jupiter.api.Test;

/**
 * A connection's next message starts once the route returned the previous one, while that one still completes
 * asynchronously (up to maxInFlight); open and close run alone; maxInFlight=1 waits for each exchange to complete.
 */
class GeminiLiveWebsocketInFlightTest extends WebsocketTestSupport {

    /** What the route saw, in order: "open", "start 1", "done 1", "close"... */
    private final List<String> log = new CopyOnWriteArrayList<>();
    /** The completions the route holds back, as an asynchronous producer does until its write is done. */
    private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(BASE + "/pipelined?maxInFlight=4").process(holdMessages());
                from(BASE + "/strict?maxInFlight=1").process(holdMessages());
            }
        };
    }

    private AsyncProcessor holdMessages() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String event = event(exchange);
                if (!"message".equals(event)) {
                    log.add(event);
                    callback.done(true);
                    return true;
                }
                String body = exchange.getMessage().getBody(String.class);
                log.add("start " + body);
                held.add(() -> {
                    log.add("done " + body);
                    callback.done(false);
                });
                return false; // completes later, on another thread
            }
        };
    }

    @Test
    void theNextMessagesStartWhileThePreviousStillCompleteAndCloseWaitsForThem() {
        TestPeer peer = TestPeer.connect(port(), "/pipelined");
        for (int i = 1; i <= 3; i++) {
            peer.sendText(String.valueOf(i));
        }
        // none has completed, yet all three started, in order (the old inbox started the 2nd after the 1st completed)
        awaitLog(4);
        assertThat(log).containsExactly("open", "start 1", "start 2", "start 3");
        peer.close();
        completeHeld(3);
        awaitLog(8);
        // close runs alone: after the messages before it completed
        assertThat(log).containsExactly("open", "start 1", "start 2", "start 3", "done 1", "done 2", "done 3",
                "close");
    }

    @Test
    void withOneInFlightTheNextMessageStartsOnlyOnceThePreviousCompleted() {
        TestPeer peer = TestPeer.connect(port(), "/strict");
        peer.sendText("1");
        peer.sendText("2");
        awaitLog(2);
        completeHeld(1);
        awaitLog(4);
        completeHeld(1);
        awaitLog(5);
        assertThat(log).containsExactly("open", "start 1", "done 1", "start 2", "done 2");
    }

    private void awaitLog(int size) {
        await().atMost(Duration.ofSeconds(10)).until(() -> log.size() >= size);
    }

    private void completeHeld(int n) {
        for (int i = 0; i < n; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !held.isEmpty());
            held.poll().run();
        }
    }
}
