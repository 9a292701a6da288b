package io.github.camelgeminilive.emulator.server;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.RealtimeInput;

/**
 * Checks a client message after setup against the protocol (see docs/wire-protocol.md, Client messages and Media)
 * and the model family's rules: one field per {@code realtimeInput}, known MIME types, valid base64,
 * {@code mediaChunks} only where the family takes it.
 */
final class MessageValidator {

    private static final Set<String> REALTIME_FIELDS = Set.of("audio", "video", "text", "activityStart",
            "activityEnd", "audioStreamEnd", "mediaChunks");

    /** What a Blob carries, by its MIME type. */
    private enum Kind {
        AUDIO,
        IMAGE
    }

    private MessageValidator() {
    }

    static ValidatedMessage validate(InboundFrame frame, ModelRules rules) throws ProtocolViolation {
        Tally tally = new Tally();
        switch (frame.field()) {
            case InboundFrame.REALTIME_INPUT -> {
                Media audio = checkRealtimeInput(frame.body(), rules, tally);
                if (audio != null) {
                    // the hot path, 50 times a second: the checked bytes make the message, without decoding again
                    return new ValidatedMessage(ClientMessage.of(RealtimeInput.ofAudio(
                            new Blob(audio.mimeType(), audio.data()))), tally.audioSamples, tally.videoFrames);
                }
            }
            case InboundFrame.CLIENT_CONTENT -> checkClientContent(frame.body(), tally);
            default -> {
                // toolResponse and contextUpdate carry no media; their shape is checked by decoding
            }
        }
        return new ValidatedMessage(decode(frame.tree()), tally.audioSamples, tally.videoFrames);
    }

    /** Decodes a checked tree into the protocol record (snake_case names included). */
    static ClientMessage decode(JsonNode tree) throws ProtocolViolation {
        try {
            return LiveJson.get().mapper().treeToValue(tree, ClientMessage.class);
        } catch (JsonProcessingException e) {
            throw ProtocolViolation.invalid("Invalid JSON payload received: " + e.getOriginalMessage());
        }
    }

    /**
     * Checks a {@code realtimeInput}.
     *
     * @return its audio when it is plain {@code audio} (a Blob of just {@code mimeType} and {@code data}), else null
     */
    private static Media checkRealtimeInput(JsonNode input, ModelRules rules, Tally tally) throws ProtocolViolation {
        List<String> fields = JsonFields.presentFields(input);
        for (String f : fields) {
            if (!REALTIME_FIELDS.contains(f)) {
                throw ProtocolViolation.invalid("Invalid JSON payload received. Unknown name \"" + f
                        + "\" at 'realtimeInput': Cannot find field.");
            }
        }
        if (fields.size() != 1) {
            throw ProtocolViolation.invalid("realtimeInput must carry exactly one of " + String.join(", ",
                    REALTIME_FIELDS) + "; got " + (fields.isEmpty() ? "none" : String.join(", ", fields)));
        }
        String field = fields.get(0);
        JsonNode value = JsonFields.get(input, field);
        switch (field) {
            case "audio" -> {
                Media audio = checkBlob(value, "realtimeInput.audio", Kind.AUDIO);
                tally.add(audio);
                return value.size() == 2 ? audio : null;
            }
            case "video" -> tally.add(checkBlob(value, "realtimeInput.video", Kind.IMAGE));
            case "mediaChunks" -> checkMediaChunks(value, rules, tally);
            case "text" -> require(value.isTextual(), "realtimeInput.text must be a string");
            case "audioStreamEnd" -> require(value.isBoolean(), "realtimeInput.audioStreamEnd must be a boolean");
            default -> require(value.isObject(), "realtimeInput." + field + " must be an object");
        }
        return null;
    }

    private static void checkMediaChunks(JsonNode chunks, ModelRules rules, Tally tally) throws ProtocolViolation {
        if (!rules.mediaChunksAccepted()) {
            throw ProtocolViolation.invalid("realtimeInput.mediaChunks is not supported by this model ("
                    + rules.family() + "); send realtimeInput.audio or realtimeInput.video instead");
        }
        require(chunks.isArray(), "realtimeInput.mediaChunks must be a list");
        for (int i = 0; i < chunks.size(); i++) {
            tally.add(checkBlob(chunks.get(i), "realtimeInput.mediaChunks[" + i + "]", null));
        }
    }

    private static void checkClientContent(JsonNode content, Tally tally) throws ProtocolViolation {
        JsonNode turns = JsonFields.get(content, "turns");
        if (turns == null || turns.isNull()) {
            return;
        }
        require(turns.isArray(), "clientContent.turns must be a list");
        for (int t = 0; t < turns.size(); t++) {
            JsonNode parts = JsonFields.get(turns.get(t), "parts");
            if (parts == null || !parts.isArray()) {
                continue;
            }
            for (int p = 0; p < parts.size(); p++) {
                JsonNode inline = JsonFields.get(parts.get(p), "inlineData");
                if (inline != null && !inline.isNull()) {
                    tally.add(checkBlob(inline, "clientContent.turns[" + t + "].parts[" + p + "].inlineData", null));
                }
            }
        }
    }

    /**
     * Checks one Blob; {@code expected} null means any input type.
     *
     * @return its kind, MIME type and decoded bytes
     */
    private static Media checkBlob(JsonNode blob, String where, Kind expected) throws ProtocolViolation {
        require(blob.isObject(), where + " must be an object with mimeType and data");
        JsonNode mime = JsonFields.get(blob, "mimeType");
        require(mime != null && mime.isTextual() && !mime.asText().isBlank(), where + ".mimeType is required");
        String mimeType = mime.asText();
        Kind kind = kindOf(mimeType);
        if (kind == null) {
            throw ProtocolViolation.invalid("Unsupported MIME type '" + mimeType + "' at " + where
                    + ".mimeType; expected " + MimeTypes.SUPPORTED_INPUT);
        }
        if (expected != null && kind != expected) {
            throw ProtocolViolation.invalid(where + " does not take MIME type '" + mimeType + "'; expected "
                    + (expected == Kind.AUDIO ? "audio/pcm" : MimeTypes.JPEG + " or " + MimeTypes.PNG));
        }
        JsonNode data = JsonFields.get(blob, "data");
        require(data != null && data.isTextual(), where + ".data is required (base64)");
        try {
            return new Media(kind, mimeType, LiveJson.get().readBase64(data.asText()));
        } catch (IllegalArgumentException e) {
            throw ProtocolViolation.invalid(where + ".data is not valid base64: " + e.getMessage());
        }
    }

    /** The kind of an input MIME type, parsed as the client parses it; null when the service does not take it. */
    private static Kind kindOf(String mimeType) {
        if (MimeTypes.isImage(mimeType)) {
            return Kind.IMAGE;
        }
        if (!MimeTypes.isPcm(mimeType)) {
            return null;
        }
        try {
            MimeTypes.pcmRate(mimeType, MimeTypes.PCM_INPUT_RATE);
            return Kind.AUDIO;
        } catch (IllegalArgumentException e) {
            return null; // a rate that is no positive integer: the type as a whole is not one the service takes
        }
    }

    private static void require(boolean condition, String reason) throws ProtocolViolation {
        if (!condition) {
            throw ProtocolViolation.invalid(reason);
        }
    }

    private record Media(Kind kind, String mimeType, byte[] data) {
    }

    private static final class Tally {
        long audioSamples;
        long videoFrames;

        void add(Media m) {
            if (m.kind() == Kind.AUDIO) {
                audioSamples += m.data().length / 2;
            } else {
                videoFrames++;
            }
        }
    }
}
