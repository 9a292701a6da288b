package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.ToolResponse;

/** Scenario files (JSON and YAML) and the scripted behaviour they give the model. */
class ScenarioTest extends ModelTestBase {

    private static Path example(String name) {
        try {
            return Path.of(ScenarioTest.class.getResource("/scenarios/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ModelHarness connect(double pace) {
        return connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(),
                new EmulatorSettings(pace, Scenario.load(example("example.yaml"))), new InMemorySession());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.yaml", "example.json"})
    void theShippedExampleLoadsFromYamlAndJson(String file) {
        Scenario scenario = Scenario.load(example(file));

        assertThat(scenario.rules()).hasSize(5);
        Scenario.Rule weather = scenario.match("How is the Weather?").orElseThrow();
        assertThat(weather.toolCall()).isEqualTo(new Scenario.ScriptedCall("get_weather", Map.of("city", "Paris")));
        assertThat(scenario.match("this is slow").orElseThrow().delay()).isEqualTo(Duration.ofMillis(300));
        Scenario.Fault goAway = scenario.match("goodbye").orElseThrow().fault();
        assertThat(goAway.type()).isEqualTo(Scenario.FaultType.GO_AWAY);
        assertThat(goAway.timeLeftDuration()).isEqualTo(Duration.ofSeconds(1));
        Scenario.Fault crash = scenario.match("crash now").orElseThrow().fault();
        assertThat(crash.code()).isEqualTo(1011);
        assertThat(crash.after()).isEqualTo(Duration.ofMillis(100));
        assertThat(scenario.match("weatherman")).as("whole words only").isEmpty();
    }

    @Test
    void aScriptedToolCallIsAnsweredWithTheScriptedReply() {
        ModelHarness h = connect(0);

        h.sendText("Weather, please");
        FunctionCall call = h.await(m -> m.toolCall() != null, 1).get(0).toolCall().functionCalls().get(0);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.args()).isEqualTo(Map.of("city", "Paris"));
        h.send(ClientMessage.of(new ToolResponse(List.of(new FunctionResponse(call.id(), call.name(),
                Map.of("sky", "clear"))))));
        h.awaitTurnCompletes(1);

        assertThat(h.outputTranscript()).isEqualTo("Here is the forecast: {\"sky\":\"clear\"}.");
    }

    @Test
    void unmatchedTextGetsTheDefaultModel() {
        ModelHarness h = connect(0);

        h.sendText("Hello");
        h.awaitTurnCompletes(1);

        assertThat(h.outputTranscript()).isEqualTo("You said: Hello");
    }

    @Test
    void aScriptedDelayHoldsTheReply() {
        ModelHarness h = connect(0);
        long start = System.nanoTime();

        h.sendText("You are slow");
        h.await(ModelHarness::isAudio, 1);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        h.awaitTurnCompletes(1);
        assertThat(h.outputTranscript()).isEqualTo("Sorry for the wait.");
    }

    @Test
    void aScriptedCloseBreaksTheReplyOff() {
        ModelHarness h = connect(1.0);

        h.sendText("crash");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> h.out.closeCode() != null);

        assertThat(h.out.closeCode()).isEqualTo(1011);
        assertThat(h.out.closeReason()).isEqualTo("scripted internal error");
        assertThat(h.messages()).anyMatch(ModelHarness::isAudio)
                .noneMatch(m -> m.serverContent() != null && m.serverContent().isTurnComplete());
    }

    @Test
    void aScriptedDropCutsTheConnectionRightAfterTheFirstChunk() {
        ModelHarness h = connect(0);

        h.sendText("vanish");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(h.out::dropped);

        assertThat(h.messages()).filteredOn(ModelHarness::isAudio).hasSize(1);
        assertThat(h.out.closeCode()).isNull();
    }

    @Test
    void aScriptedGoAwayWarnsThenClosesWhenTheTimeIsUp() {
        ModelHarness h = connect(0);

        h.sendText("goodbye");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> h.out.closeCode() != null);

        List<ServerMessage> messages = h.messages();
        assertThat(messages).filteredOn(m -> m.goAway() != null).singleElement()
                .satisfies(m -> assertThat(m.goAway().timeLeft()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(messages).anyMatch(m -> m.serverContent() != null && m.serverContent().isTurnComplete());
        assertThat(h.out.closeCode()).isEqualTo(1000);
    }

    @Test
    void invalidScenariosAreRejectedWithTheProblemNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Scenario.load(write(dir, "typo.json",
                "{\"rules\":[{\"match\":\"a\",\"replay\":\"x\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typo.json")
                .hasMessageContaining("replay");
        assertThatThrownBy(() -> Scenario.load(write(dir, "regex.yaml", "rules:\n  - match: \"(\"\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex.yaml");
        assertThatThrownBy(() -> Scenario.load(write(dir, "close.yaml",
                "rules:\n  - match: x\n    fault: {type: close}\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 'code'");
        assertThatThrownBy(() -> Scenario.load(write(dir, "fault.yaml",
                "rules:\n  - match: x\n    fault: {type: explode}\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explode");
        assertThatThrownBy(() -> Scenario.load(write(dir, "nomatch.json", "{\"rules\":[{\"reply\":\"x\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 'match'");
        assertThatThrownBy(() -> Scenario.load(dir.resolve("missing.yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.yaml");
    }

    @Test
    void aScenarioSetsLimitsOverTheDefaults(@TempDir Path dir) throws IOException {
        Scenario scenario = Scenario.load(write(dir, "limits.yaml", "limits:\n  connectionLifetime: 30s\n"
                + "  goAwayBefore: 5s\n  videoSessionLength: 0s\n  contextWindowTokens: 32000\n"
                + "  concurrentSessions: 3\n"));

        assertThat(scenario.limitOverrides().over(ServiceLimits.DEFAULTS)).isEqualTo(new ServiceLimits(
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ZERO, 32_000, 3));
        assertThat(Scenario.load(example("example.yaml")).limitOverrides().over(ServiceLimits.DEFAULTS))
                .isEqualTo(ServiceLimits.DEFAULTS);
        assertThatThrownBy(() -> Scenario.load(write(dir, "negative.yaml", "limits: {concurrentSessions: -1}\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative.yaml")
                .hasMessageContaining("concurrentSessions must be 0 (off) or positive");
        assertThatThrownBy(() -> Scenario.load(write(dir, "typo.yaml", "limits: {lifetime: 5s}\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetime");
    }

    @Test
    void aHostileDurationFailsToLoadAtOnceWithTheProblemNamed(@TempDir Path dir) throws IOException {
        Path file = write(dir, "goaway.yaml",
                "rules:\n  - match: x\n    fault: {type: goAway, timeLeft: \"1e99999999s\"}\n");

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Scenario.load(file)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goaway.yaml")
                .hasMessageContaining("Not a protobuf Duration: '1e99999999s'");
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
