package io.github.camelgeminilive.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-model table of {@link ModelRules}: the first entry whose key is contained in the model name wins.
 * Immutable; {@link #with(String, ModelRules)} returns a table with an override put first.
 */
public final class ModelRulesTable {

    /** Gemini 2.5 native-audio models ({@code gemini-2.5-flash-native-audio-*}). */
    public static final ModelRules NATIVE_AUDIO_2_5 = new ModelRules("2.5-native-audio", false, true,
            ModelRules.TextTurn.CLIENT_CONTENT, true, true, false, false, true, "TURN_INCLUDES_ONLY_ACTIVITY");

    /**
     * Gemini 3.1 Flash Live ({@code gemini-3.1-flash-live-*}); matched by {@code gemini-3}, not by {@code flash-live},
     * which would also catch the older half-cascade {@code gemini-2.0-flash-live-001}.
     */
    public static final ModelRules FLASH_LIVE_3_1 = new ModelRules("3.1-flash-live", false, false,
            ModelRules.TextTurn.REALTIME_TEXT, true, false, true, true, false,
            "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO");

    /** Half-cascade and older Live models: TEXT output allowed, one part per message. */
    public static final ModelRules GENERIC = new ModelRules("generic", true, true, ModelRules.TextTurn.CLIENT_CONTENT,
            true, true, false, false, true, "TURN_INCLUDES_ONLY_ACTIVITY");

    private static final ModelRulesTable DEFAULT = new ModelRulesTable(Map.of())
            .with("gemini-", GENERIC)
            .with("native-audio", NATIVE_AUDIO_2_5)
            .with("gemini-3", FLASH_LIVE_3_1);

    private final Map<String, ModelRules> entries;

    private ModelRulesTable(Map<String, ModelRules> entries) {
        this.entries = entries;
    }

    /** The built-in table. */
    public static ModelRulesTable defaults() {
        return DEFAULT;
    }

    /** A table in which models whose name contains {@code modelNamePart} follow {@code rules}. */
    public ModelRulesTable with(String modelNamePart, ModelRules rules) {
        Map<String, ModelRules> copy = new LinkedHashMap<>();
        copy.put(modelNamePart, rules);
        entries.forEach(copy::putIfAbsent);
        return new ModelRulesTable(Collections.unmodifiableMap(copy));
    }

    /** The rules for {@code model} ({@code models/} prefix optional); unknown models get {@link #GENERIC}. */
    public ModelRules forModel(String model) {
        for (Map.Entry<String, ModelRules> e : entries.entrySet()) {
            if (model != null && model.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return GENERIC;
    }
}
