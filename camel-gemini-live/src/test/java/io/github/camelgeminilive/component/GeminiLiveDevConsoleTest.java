package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;

/** The {@code gemini-live} dev console, found as Camel finds consoles, for an endpoint with two open sessions. */
class GeminiLiveDevConsoleTest extends GeminiLiveTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.setDevConsole(true);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call").to(uri("calls", "openOnStart=false"));
            }
        };
    }

    @Test
    void theTextShowsEachSessionByKeyWithItsStateAgeAndCounters() {
        ask("alice", "My name is Alice");
        ask("bob", "My name is Bob");

        String text = (String) console().call(DevConsole.MediaType.TEXT);

        String uri = context.getEndpoint(uri("calls", "openOnStart=false")).getEndpointUri();
        assertThat(text).startsWith("Endpoint: " + uri + "\n")
                .contains("    Sessions: 2 open, 2 opened, 0 refused\n")
                .containsPattern("    Totals: 2 connections, 0 reconnects, 2 frames sent \\(\\d+ bytes\\),"
                        + " \\d+ frames received \\(\\d+ bytes\\)\n")
                .contains("    Session: alice\n        State: open\n        Connection age: ")
                .contains("    Session: bob\n        State: open\n        Connection age: ")
                .containsPattern("Connection age: \\d\\S*s\n        Resumable: true\n") // e.g. 412ms, 1s5ms
                .contains("        Connections: 1, reconnects: 0, failed attempts: 0, go-aways: 0\n")
                .containsPattern("        Sent: 1 frames, \\d+ bytes, 0 ms audio; received: \\d+ frames, \\d+ bytes\n")
                .contains("        Dropped: 0 events, 0 sends; refused: 0 sends\n")
                .doesNotContain(API_KEY);
        assertThat(text.indexOf("Session: alice")).isLessThan(text.indexOf("Session: bob"));
    }

    @Test
    void theJsonListsTheSameSessions() {
        ask("alice", "Hello");
        ask("bob", "Hello");

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console().call(DevConsole.MediaType.JSON);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) json.get("endpoints");
        assertThat(endpoints).hasSize(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) endpoints.get(0).get("sessions");
        assertThat(sessions).extracting(s -> s.get("key")).containsExactly("alice", "bob");
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.get("state")).isEqualTo("open");
            assertThat(s.get("resumable")).isEqualTo(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) s.get("metrics");
            assertThat(metrics).containsEntry("connections", 1L).containsEntry("framesSent", 1L);
        });
        assertThat(json.toString()).doesNotContain(API_KEY);
    }

    private DevConsole console() {
        DevConsole console = DevConsoleRegistry.get(context).resolveById("gemini-live");
        assertThat(console).isInstanceOf(GeminiLiveDevConsole.class);
        return console;
    }

    private void ask(String key, String text) {
        Exchange reply = template.request("direct:call", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, key);
            e.getMessage().setBody(text);
        });
        assertThat(reply.getException()).isNull();
    }
}
