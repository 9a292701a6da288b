package io.github.camelgeminilive.component;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ModelRulesTable;

/**
 * The per-model rules table with the {@code modelRules} option's overrides in front, so a new model generation
 * needs configuration, not a release. An override is a {@link ModelRules} bean, or a text naming a known family
 * and the fields it changes: {@code 3.1-flash-live,textTurn=CLIENT_CONTENT,mediaChunksAccepted=true}.
 */
final class ModelRulesOverrides {

    private static final List<ModelRules> FAMILIES = List.of(ModelRulesTable.NATIVE_AUDIO_2_5,
            ModelRulesTable.FLASH_LIVE_3_1, ModelRulesTable.GENERIC);
    private static final RecordComponent[] FIELDS = ModelRules.class.getRecordComponents();

    private ModelRulesOverrides() {
    }

    /** The built-in table with {@code overrides} (model name part to rules) before it, the longest part first. */
    static ModelRulesTable table(Map<String, Object> overrides) {
        ModelRulesTable table = ModelRulesTable.defaults();
        if (overrides == null) {
            return table;
        }
        // with() puts its entry first: adding the shortest part first leaves the longest, most specific, in front
        List<Map.Entry<String, Object>> entries = new ArrayList<>(overrides.entrySet());
        entries.sort(Comparator.comparingInt(e -> e.getKey().length()));
        for (Map.Entry<String, Object> e : entries) {
            table = table.with(OptionChecks.notBlank("modelRules key", e.getKey()), rules(e.getKey(), e.getValue()));
        }
        return table;
    }

    private static ModelRules rules(String namePart, Object value) {
        if (value instanceof ModelRules rules) {
            return rules;
        }
        if (!(value instanceof String spec) || spec.isBlank()) {
            throw new IllegalArgumentException("The gemini-live option modelRules." + namePart + " must be a family"
                    + " name with field changes (e.g. 3.1-flash-live,textTurn=CLIENT_CONTENT) or a ModelRules bean, not "
                    + (value == null ? "null" : value.getClass().getName() + " '" + value + "'"));
        }
        String[] parts = spec.split(",");
        ModelRules base = family(namePart, parts[0].strip());
        Object[] values = Stream.of(FIELDS).map(f -> get(f, base)).toArray();
        for (int i = 1; i < parts.length; i++) {
            String[] change = parts[i].split("=", 2);
            int field = field(namePart, change[0].strip());
            if (change.length < 2 || change[1].isBlank()) {
                throw new IllegalArgumentException("The gemini-live option modelRules." + namePart + " gives no value"
                        + " for " + change[0].strip());
            }
            values[field] = parse(namePart, FIELDS[field], change[1].strip());
        }
        try {
            Constructor<ModelRules> canonical = ModelRules.class
                    .getDeclaredConstructor(Stream.of(FIELDS).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build ModelRules", e);
        }
    }

    private static ModelRules family(String namePart, String name) {
        return FAMILIES.stream().filter(f -> f.family().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The gemini-live option modelRules." + namePart
                        + " names an unknown family '" + name + "'; known: "
                        + FAMILIES.stream().map(ModelRules::family).collect(Collectors.joining(", "))));
    }

    private static int field(String namePart, String name) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("The gemini-live option modelRules." + namePart + " names an unknown rule '"
                + name + "'; rules: " + Arrays.stream(FIELDS).map(RecordComponent::getName)
                        .collect(Collectors.joining(", ")));
    }

    private static Object parse(String namePart, RecordComponent field, String value) {
        Class<?> type = field.getType();
        if (type == boolean.class) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("The gemini-live option modelRules." + namePart + ": "
                        + field.getName() + " must be true or false, not '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }
        if (type == ModelRules.TextTurn.class) {
            return ModelRules.TextTurn.valueOf(OptionChecks.oneOf("modelRules." + namePart + " textTurn", value,
                    Stream.of(ModelRules.TextTurn.values()).map(Enum::name).toArray(String[]::new)));
        }
        return value;
    }

    private static Object get(RecordComponent field, ModelRules rules) {
        try {
            return field.getAccessor().invoke(rules);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read ModelRules." + field.getName(), e);
        }
    }
}
