package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-model table: model names map to model-family rules, and users can override entries. */
class ModelRulesTableTest {

    private final ModelRulesTable table = ModelRulesTable.defaults();

    @ParameterizedTest
    @CsvSource({
            "models/gemini-2.5-flash-native-audio-latest, 2.5-native-audio",
            "gemini-2.5-flash-native-audio-preview-09-2025, 2.5-native-audio",
            "models/gemini-3.1-flash-live-preview, 3.1-flash-live",
            "projects/p/locations/us-central1/publishers/google/models/gemini-3.1-flash-live-preview, 3.1-flash-live",
            "models/gemini-2.0-flash-live-001, generic",
            "models/gemini-live-2.5-flash-preview, generic",
            "models/some-other-model, generic"})
    void modelNamesMapToTheirFamily(String model, String family) {
        assertThat(table.forModel(model).family()).isEqualTo(family);
    }

    @Test
    void familiesCarryTheRulesOfTheReference() {
        ModelRules native25 = table.forModel("models/gemini-2.5-flash-native-audio-latest");
        assertThat(native25).isSameAs(ModelRulesTable.NATIVE_AUDIO_2_5);
        assertThat(native25.textModalityAllowed()).isFalse();
        assertThat(native25.mediaChunksAccepted()).isTrue();
        assertThat(native25.emptyResumptionHandleAccepted()).isTrue();
        assertThat(native25.partsPerServerContent()).isFalse();
        assertThat(native25.nonBlockingTools()).isTrue();
        assertThat(native25.defaultTurnCoverage()).isEqualTo("TURN_INCLUDES_ONLY_ACTIVITY");

        ModelRules flash31 = table.forModel("models/gemini-3.1-flash-live-preview");
        assertThat(flash31).isSameAs(ModelRulesTable.FLASH_LIVE_3_1);
        assertThat(flash31.textModalityAllowed()).isFalse();
        assertThat(flash31.mediaChunksAccepted()).isFalse();
        assertThat(flash31.textTurn()).isEqualTo(ModelRules.TextTurn.REALTIME_TEXT);
        assertThat(flash31.emptyResumptionHandleAccepted()).isFalse();
        assertThat(flash31.partsPerServerContent()).isTrue();
        assertThat(flash31.usageBeforeFirstModelTurn()).isTrue();
        assertThat(flash31.nonBlockingTools()).isFalse();
        assertThat(flash31.defaultTurnCoverage()).isEqualTo("TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO");

        assertThat(table.forModel("models/unknown")).isSameAs(ModelRulesTable.GENERIC);
        assertThat(table.forModel(null)).isSameAs(ModelRulesTable.GENERIC);
    }

    @Test
    void anOverrideWinsAndLeavesTheDefaultsUntouched() {
        ModelRules realtimeText = ModelRulesTable.NATIVE_AUDIO_2_5.withTextTurn(ModelRules.TextTurn.REALTIME_TEXT);
        ModelRulesTable custom = table
                .with("gemini-2.5-flash-native-audio", realtimeText)
                .with("my-tuned-model", ModelRulesTable.FLASH_LIVE_3_1);

        assertThat(custom.forModel("models/gemini-2.5-flash-native-audio-latest")).isEqualTo(realtimeText);
        assertThat(custom.forModel("models/my-tuned-model-v2")).isSameAs(ModelRulesTable.FLASH_LIVE_3_1);
        assertThat(custom.forModel("models/gemini-3.1-flash-live-preview")).isSameAs(ModelRulesTable.FLASH_LIVE_3_1);
        assertThat(table.forModel("models/gemini-2.5-flash-native-audio-latest"))
                .isSameAs(ModelRulesTable.NATIVE_AUDIO_2_5);
        assertThat(table.forModel("models/my-tuned-model-v2")).isSameAs(ModelRulesTable.GENERIC);
    }

    @Test
    void theNewestOverrideOfTheSameKeyWins() {
        ModelRulesTable twice = table.with("x-model", ModelRulesTable.GENERIC).with("x-model",
                ModelRulesTable.FLASH_LIVE_3_1);

        assertThat(twice.forModel("models/x-model")).isSameAs(ModelRulesTable.FLASH_LIVE_3_1);
    }

    @Test
    void withTextTurnChangesOnlyThatRule() {
        ModelRules changed = ModelRulesTable.NATIVE_AUDIO_2_5.withTextTurn(ModelRules.TextTurn.REALTIME_TEXT);

        assertThat(changed.textTurn()).isEqualTo(ModelRules.TextTurn.REALTIME_TEXT);
        assertThat(changed.withTextTurn(ModelRules.TextTurn.CLIENT_CONTENT))
                .isEqualTo(ModelRulesTable.NATIVE_AUDIO_2_5);
    }
}
