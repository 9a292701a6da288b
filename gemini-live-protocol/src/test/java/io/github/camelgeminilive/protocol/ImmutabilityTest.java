package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Wire records are shared between listeners: their lists and maps can be neither changed nor changed under them. */
class ImmutabilityTest {

    @Test
    void parsedListsCannotBeChanged() {
        ServerMessage m = LiveJson.get().readServer(
                "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]}}}");
        List<Part> parts = m.serverContent().modelTurn().parts();
        assertThatThrownBy(() -> parts.add(Part.ofText("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsCopyWhatTheyAreGiven() {
        List<Part> parts = new ArrayList<>(List.of(Part.ofText("a")));
        Content content = new Content("user", parts);
        parts.clear();
        assertThat(content.parts()).hasSize(1);

        Map<String, Object> args = new HashMap<>();
        args.put("city_name", null);
        FunctionCall call = new FunctionCall("1", "get_weather", args);
        args.put("other", 1);
        assertThat(call.args()).containsOnlyKeys("city_name").containsEntry("city_name", null);
        assertThatThrownBy(() -> call.args().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
