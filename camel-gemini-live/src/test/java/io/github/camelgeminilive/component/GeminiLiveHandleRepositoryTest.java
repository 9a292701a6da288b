package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted Camel context resumes a conversation from the handle kept in a file-backed StateRepository. */
class GeminiLiveHandleRepositoryTest extends GeminiLiveTestSupport {

    private static final String KEY = "support-call-17";

    @TempDir
    static Path dir;

    private static File store() {
        return dir.resolve("gemini-live-handles.dat").toFile();
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("fileRepo", FileStateRepository.fileStateRepository(store()));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return askRoute();
    }

    private static RouteBuilder askRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri(KEY, "resumptionHandleRepository=#fileRepo"));
                from("direct:askTransparent").to(uri("transparent",
                        "resumptionHandleRepository=#fileRepo&transparentResumption=true"));
            }
        };
    }

    @Test
    void aRestartedContextResumesTheSessionOfTheSameKey() throws Exception {
        Exchange first = template.request("direct:ask", e -> e.getMessage().setBody("My name is Alice"));
        assertThat(first.getException()).isNull();
        String sessionId = first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);
        FileStateRepository repo = context.getRegistry().lookupByNameAndType("fileRepo", FileStateRepository.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> StateRepositoryHandleStore.decode(repo.getState(KEY))
                .isPresent());
        context.stop();

        try (CamelContext restarted = new DefaultCamelContext()) {
            restarted.getPropertiesComponent().addInitialProperty("gemini.apiKey", API_KEY);
            FileStateRepository reloaded = FileStateRepository.fileStateRepository(store());
            restarted.getRegistry().bind("fileRepo", reloaded);
            restarted.addRoutes(askRoute());
            restarted.start();
            ProducerTemplate ask = restarted.createProducerTemplate();

            Exchange again = ask.request("direct:ask", e -> e.getMessage().setBody("What is my name?"));

            assertThat(again.getException()).isNull();
            assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                    .contains("Alice");
            assertThat(again.getMessage().getHeader(GeminiLiveConstants.SESSION_ID)).isEqualTo(sessionId);
            assertThat(emulator.admin().session(sessionId).orElseThrow().connections()).hasSize(2);
        }
    }

    @Test
    void theStoredHandleSaysTheInputPositionItCovers() {
        String call = "support-call-19";
        for (long position : new long[] {40, 41}) {
            Exchange e = template.request("direct:askTransparent", x -> {
                x.getMessage().setBody(position == 40 ? "My name is Erin" : "What is my name?");
                x.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
                x.getMessage().setHeader(GeminiLiveConstants.INPUT_POSITION, position);
            });
            assertThat(e.getException()).isNull();
        }
        FileStateRepository repo = context.getRegistry().lookupByNameAndType("fileRepo", FileStateRepository.class);
        // the handle after the second turn covers both questions: the service said it consumed them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(StateRepositoryHandleStore.decode(
                repo.getState(call))).hasValueSatisfying(h -> assertThat(h.inputPosition()).isEqualTo(41)));
        assertThat(repo.getState(call)).contains("@41 ");
    }

    @Test
    void theCloseOperationEndsTheConversationAndForgetsItsHandle() {
        String call = "support-call-18"; // a header-selected session keeps its handle under its own key
        Exchange first = template.request("direct:ask", e -> {
            e.getMessage().setBody("My name is Dora");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
        });
        assertThat(first.getException()).isNull();
        FileStateRepository repo = context.getRegistry().lookupByNameAndType("fileRepo", FileStateRepository.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> StateRepositoryHandleStore.decode(repo.getState(call))
                .isPresent());

        template.sendBodyAndHeaders("direct:ask", null, Map.of(GeminiLiveConstants.SESSION_KEY, call,
                GeminiLiveConstants.OPERATION, "close"));

        assertThat(StateRepositoryHandleStore.decode(repo.getState(call))).isEmpty();
    }

    @Test
    void theReleaseOperationKeepsTheHandleForAnotherInstanceToResumeAtOnce() throws Exception {
        String call = "support-call-20";
        Exchange first = template.request("direct:ask", e -> {
            e.getMessage().setBody("My name is Fay");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
        });
        assertThat(first.getException()).isNull();
        String sessionId = first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);
        FileStateRepository repo = context.getRegistry().lookupByNameAndType("fileRepo", FileStateRepository.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> StateRepositoryHandleStore.decode(repo.getState(call))
                .isPresent());

        Exchange released = template.send("direct:ask", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, "release");
        });

        assertThat(released.getException()).isNull();
        assertThat(StateRepositoryHandleStore.decode(repo.getState(call))).isPresent();
        // the emulator books the close after it answered the close frame, which completed the release
        await().atMost(Duration.ofSeconds(10))
                .until(() -> emulator.admin().session(sessionId).orElseThrow().openConnections() == 0);
        // another instance with the same repository, while this one still runs: the service takes its resume now
        try (CamelContext other = new DefaultCamelContext()) {
            other.getPropertiesComponent().addInitialProperty("gemini.apiKey", API_KEY);
            other.getRegistry().bind("fileRepo", repo);
            other.addRoutes(askRoute());
            other.start();

            Exchange again = other.createProducerTemplate().request("direct:ask", e -> {
                e.getMessage().setBody("What is my name?");
                e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
            });

            assertThat(again.getException()).isNull();
            assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                    .contains("Fay");
            assertThat(again.getMessage().getHeader(GeminiLiveConstants.SESSION_ID)).isEqualTo(sessionId);
        }
    }
}
