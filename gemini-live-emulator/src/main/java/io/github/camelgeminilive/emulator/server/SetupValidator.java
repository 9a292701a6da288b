package io.github.camelgeminilive.emulator.server;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.github.camelgeminilive.protocol.Setup;

/**
 * Checks a {@code setup} message against the protocol and the rules of the model family it names (see
 * docs/wire-protocol.md, Setup and Model families).
 */
final class SetupValidator {

    private static final Set<String> MODALITIES = Set.of("AUDIO", "TEXT");

    private final ModelRulesTable table;

    SetupValidator(ModelRulesTable table) {
        this.table = table;
    }

    AcceptedSetup validate(InboundFrame frame) throws ProtocolViolation {
        Setup setup = MessageValidator.decode(frame.tree()).setup();
        if (setup.model() == null || setup.model().isBlank()) {
            throw ProtocolViolation
                    .invalid("setup.model is required, e.g. models/gemini-2.5-flash-native-audio-latest");
        }
        ModelRules rules = table.forModel(setup.model());
        checkModalities(setup, rules);
        return new AcceptedSetup(setup, rules, resumptionHandle(frame.body(), setup, rules));
    }

    private static void checkModalities(Setup setup, ModelRules rules) throws ProtocolViolation {
        if (setup.generationConfig() == null || setup.generationConfig().responseModalities() == null) {
            return;
        }
        for (String m : setup.generationConfig().responseModalities()) {
            if (!MODALITIES.contains(m)) {
                throw ProtocolViolation.invalid("Invalid value at 'setup.generation_config.response_modalities': '"
                        + m + "'; expected AUDIO or TEXT");
            }
            if (m.equals("TEXT") && !rules.textModalityAllowed()) {
                throw ProtocolViolation.invalid("Response modality TEXT is not supported by " + setup.model()
                        + " (" + rules.family() + " models answer with AUDIO only; text comes as transcription)");
            }
        }
    }

    /**
     * The handle to resume. The records cannot tell an absent handle from a null one, so this reads the tree: a
     * present-but-null or empty handle is a 1007 for families that do not accept it, a new session otherwise.
     */
    private static String resumptionHandle(JsonNode setupTree, Setup setup, ModelRules rules)
            throws ProtocolViolation {
        JsonNode resumption = JsonFields.get(setupTree, "sessionResumption");
        if (resumption == null || !resumption.isObject()) {
            return null;
        }
        JsonNode handle = JsonFields.get(resumption, "handle");
        if (handle == null) {
            return null;
        }
        boolean empty = handle.isNull() || (handle.isTextual() && handle.asText().isEmpty());
        if (empty && !rules.emptyResumptionHandleAccepted()) {
            throw ProtocolViolation.invalid("setup.sessionResumption.handle is null or empty; " + setup.model()
                    + " (" + rules.family() + ") rejects that: omit the handle to start a new session");
        }
        if (!empty && !handle.isTextual()) {
            throw ProtocolViolation.invalid("setup.sessionResumption.handle must be a string");
        }
        return empty ? null : handle.asText();
    }
}
