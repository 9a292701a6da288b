package io.github.camelgeminilive.protocol;

/**
 * How one model family speaks the protocol (see docs/wire-protocol.md, Model families). Both the client and the
 * emulator take their behaviour from these values instead of branching on model names.
 *
 * @param family                      a short name for logs and docs
 * @param textModalityAllowed         {@code TEXT} may be requested as response modality
 * @param mediaChunksAccepted         the deprecated {@code realtimeInput.mediaChunks} is accepted
 * @param textTurn                    how a client sends a text turn
 * @param clientContentAfterSetup     {@code clientContent} is accepted after history seeding
 * @param emptyResumptionHandleAccepted a {@code sessionResumption} with an empty or null handle is accepted
 * @param partsPerServerContent       several parts (audio with transcription) per {@code serverContent}
 * @param usageBeforeFirstModelTurn   an empty usage-only {@code serverContent} comes before the first
 *                                    {@code modelTurn}
 * @param nonBlockingTools            NON_BLOCKING functions, proactive audio and affective dialog are supported
 * @param defaultTurnCoverage         the service's default {@code turnCoverage}
 */
public record ModelRules(
        String family,
        boolean textModalityAllowed,
        boolean mediaChunksAccepted,
        TextTurn textTurn,
        boolean clientContentAfterSetup,
        boolean emptyResumptionHandleAccepted,
        boolean partsPerServerContent,
        boolean usageBeforeFirstModelTurn,
        boolean nonBlockingTools,
        String defaultTurnCoverage) {

    /** How a text turn is put on the wire. */
    public enum TextTurn {
        /** {@code clientContent} with one user turn and {@code turnComplete: true}. */
        CLIENT_CONTENT,
        /** {@code realtimeInput.text}. */
        REALTIME_TEXT
    }

    public ModelRules withTextTurn(TextTurn mode) {
        return new ModelRules(family, textModalityAllowed, mediaChunksAccepted, mode, clientContentAfterSetup,
                emptyResumptionHandleAccepted, partsPerServerContent, usageBeforeFirstModelTurn, nonBlockingTools,
                defaultTurnCoverage);
    }
}
