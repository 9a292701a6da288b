package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.ContextUpdate;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.protocol.ToolResponse;

class ToolCallTest extends ModelTestBase {

    private static final FunctionDeclaration GET_WEATHER = new FunctionDeclaration("get_weather", "Current weather",
            Map.of("type", "OBJECT",
                    "properties", Map.of("city", Map.of("type", "STRING"), "days", Map.of("type", "INTEGER"),
                            "unit", Map.of("type", "STRING", "enum", List.of("celsius", "fahrenheit")),
                            "verbose", Map.of("type", "BOOLEAN")),
                    "required", List.of("city", "days", "unit")));
    private static final FunctionDeclaration BOOK_TABLE = new FunctionDeclaration("bookTable", "Books a table",
            null, Map.of("type", "object", "properties", Map.of("guests", Map.of("type", "number")),
                    "required", List.of("guests")),
            null);

    private ModelHarness connectWithTools() {
        Setup setup = ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .tools(List.of(Tool.ofFunctions(List.of(GET_WEATHER, BOOK_TABLE)))).build();
        return connect(setup, 0);
    }

    private static FunctionCall callIn(ModelHarness h) {
        return h.await(m -> m.toolCall() != null, 1).get(0).toolCall().functionCalls().get(0);
    }

    @Test
    void aWordOfTheFunctionNameTriggersTheCallAndTheResponseIsMentionedInTheReply() {
        ModelHarness h = connectWithTools();

        h.sendText("How is the Weather in Paris?");
        FunctionCall call = callIn(h);

        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.id()).isNotBlank();
        assertThat(call.args()).containsExactly(Map.entry("city", "example"), Map.entry("days", 1),
                Map.entry("unit", "celsius"));
        assertThat(h.audio()).as("no reply before the tool answered").isEmpty();

        h.send(ClientMessage.of(new ToolResponse(List.of(
                new FunctionResponse(call.id(), "get_weather", Map.of("temperature", 21, "sky", "clear"))))));
        h.awaitTurnCompletes(1);

        assertThat(h.outputTranscript()).startsWith("The get_weather result is {")
                .contains("\"temperature\":21").contains("\"sky\":\"clear\"");
        assertThat(h.audio()).isNotEmpty();
        assertThat(h.session.history()).anyMatch(c -> c.parts().get(0).functionCall() != null)
                .anyMatch(c -> c.parts().get(0).functionResponse() != null);
    }

    @Test
    void theFullNameAndCamelCaseWordsMatchToo() {
        ModelHarness h = connectWithTools();

        h.sendText("please run bookTable");
        FunctionCall first = callIn(h);
        h.send(ClientMessage.of(new ToolResponse(List.of(new FunctionResponse(first.id(), null, Map.of("ok", true))))));
        h.awaitTurnCompletes(1);
        h.sendText("I need a table for four");
        h.await(m -> m.toolCall() != null, 2);
        FunctionCall second = h.messages().stream().filter(m -> m.toolCall() != null).toList().get(1).toolCall()
                .functionCalls().get(0);

        assertThat(first.name()).isEqualTo("bookTable");
        assertThat(first.args()).containsExactly(Map.entry("guests", 1.5));
        assertThat(second.name()).isEqualTo("bookTable");
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void aContextUpdateChangesTheTools() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 0);
        h.sendText("weather?");
        h.awaitTurnCompletes(1);
        assertThat(h.messages()).noneMatch(m -> m.toolCall() != null);

        h.send(ClientMessage.of(new ContextUpdate(null, new ContextUpdate.ToolsUpdate(
                List.of(Tool.ofFunctions(List.of(GET_WEATHER)))))));
        h.sendText("weather?");

        assertThat(callIn(h).name()).isEqualTo("get_weather");
    }

    @Test
    void shortWordsAndUnrelatedTextDoNotCall() {
        ModelHarness h = connectWithTools();

        h.sendText("get me the time"); // "get" has fewer than four letters
        h.awaitTurnCompletes(1);

        assertThat(h.messages()).noneMatch(m -> m.toolCall() != null);
        assertThat(h.outputTranscript()).isEqualTo("You said: get me the time");
    }

    @Test
    void aResponseWithAnUnknownIdClosesWith1007() {
        ModelHarness h = connectWithTools();
        h.sendText("weather?");
        callIn(h);

        h.send(ClientMessage.of(new ToolResponse(List.of(new FunctionResponse("nope", "get_weather", Map.of())))));

        assertThat(h.out.closeCode()).isEqualTo(1007);
        assertThat(h.out.closeReason()).contains("unknown function call id 'nope'");
    }

    @Test
    void aResponseWithoutAnyPendingCallClosesWith1007() {
        ModelHarness h = connectWithTools();

        h.send(ClientMessage.of(new ToolResponse(List.of(new FunctionResponse("call-9", "get_weather", Map.of())))));

        assertThat(h.out.closeCode()).isEqualTo(1007);
        assertThat(h.out.closeReason()).contains("call-9");
    }
}
