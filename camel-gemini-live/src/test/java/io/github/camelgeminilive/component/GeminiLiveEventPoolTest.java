package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When every event thread is busy, the next session's events wait for one: they never run on the WebSocket I/O
 * thread that received them. (Camel's thread pools run rejected work on the caller; the component's must queue.)
 */
class GeminiLiveEventPoolTest extends GeminiLiveTestSupport {

    private final CountDownLatch blocking = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> threadsOfB = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseTheRoute() {
        release.countDown();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        GeminiLiveComponent component = new GeminiLiveComponent();
        component.setEventThreadPoolSize(1);
        context.addComponent("gemini-live", component);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("a", "resilient=false")).process(e -> {
                    blocking.countDown();
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the route");
                    }
                });
                from(uri("b", "resilient=false")).routeId("b").autoStartup(false)
                        .process(e -> threadsOfB.add(Thread.currentThread().getName()))
                        .to("mock:b");
            }
        };
    }

    @Test
    void eventsWaitForABusyPoolInsteadOfRunningOnTheIoThread() throws Exception {
        assertThat(blocking.await(20, TimeUnit.SECONDS)).as("route a holds the only event thread").isTrue();
        context.getRouteController().startRoute("b");
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.admin().sessions().size() == 2);
        // a send on b is written only once b's setupComplete has arrived (and its event been handed to the pool)
        template.sendBody(uri("b", "resilient=false"), TestAudio.silence(20));

        assertThat(threadsOfB).as("no free event thread: b's events wait").isEmpty();

        release.countDown();
        getMockEndpoint("mock:b").expectedMinimumMessageCount(1);
        getMockEndpoint("mock:b").assertIsSatisfied(20_000);
        assertThat(threadsOfB).allMatch(name -> name.contains("GeminiLiveEvents"));
    }
}
