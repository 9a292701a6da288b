package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** A consumer started while the service is unreachable keeps trying, and runs once the service is there. */
class GeminiLiveConsumerRetryTest extends GeminiLiveTestSupport {

    private final RecordingExceptionHandler recorder = new RecordingExceptionHandler();
    private final List<Throwable> handled = recorder.handled;
    private final int port = freePort();
    private GeminiLiveEmulator late;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopLateEmulator() {
        if (late != null) {
            late.close();
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("recordingHandler", recorder);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("gemini-live:late?baseUrl=ws://127.0.0.1:" + port + "&apiKey={{gemini.apiKey}}"
                        + "&reconnectInitialDelay=50&reconnectMaxDelay=200&exceptionHandler=#recordingHandler")
                        .to("mock:late");
            }
        };
    }

    @Test
    void aConsumerStartedWhileTheServiceIsDownConnectsOnceItIsUp() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() >= 3); // tried, and tried again
        assertThat(handled).allSatisfy(t -> assertThat(t).hasMessageContaining(String.valueOf(port)));

        late = GeminiLiveEmulator.builder().port(port).apiKey(API_KEY).pace(0.0).build().start();

        MockEndpoint mock = getMockEndpoint("mock:late");
        mock.expectedMinimumMessageCount(1);
        mock.message(0).header(GeminiLiveConstants.EVENT_TYPE).isEqualTo("setupComplete");
        mock.assertIsSatisfied(20_000);
    }
}
