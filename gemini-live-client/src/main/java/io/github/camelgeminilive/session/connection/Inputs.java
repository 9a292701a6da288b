package io.github.camelgeminilive.session.connection;

import java.util.List;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.MimeTypes;

/** Checks what a caller asks a session to send; each failure names the problem. */
final class Inputs {

    private Inputs() {
    }

    static void text(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Text to send must not be null or blank");
        }
    }

    /** Audio: 16-bit PCM (so an even byte count) with an {@code audio/pcm} MIME type; returns its sample rate. */
    static int audio(byte[] pcm, int offset, int length, String mimeType) {
        bytes(pcm, offset, length, "Audio");
        if (length % 2 != 0) {
            throw new IllegalArgumentException("Audio must be whole 16-bit PCM samples, got an odd length: " + length);
        }
        return MimeTypes.pcmRate(mimeType, MimeTypes.PCM_INPUT_RATE);
    }

    static void video(byte[] frame, String mimeType) {
        bytes(frame, 0, frame == null ? 0 : frame.length, "Video frame");
        if (!MimeTypes.isImage(mimeType)) {
            throw new IllegalArgumentException("Video frames must be image/jpeg or image/png, not: " + mimeType);
        }
    }

    static <T> void nonEmpty(List<T> list, String what) {
        if (list == null || list.isEmpty() || hasNull(list)) {
            throw new IllegalArgumentException(what + " must be a non-empty list without nulls");
        }
    }

    /** Immutable lists throw on {@code contains(null)}, so look element by element. */
    static boolean hasNull(List<?> list) {
        return list.stream().anyMatch(java.util.Objects::isNull);
    }

    /** A message a caller may send itself: exactly one field, not {@code setup}, never {@code mediaChunks}. */
    static void message(ClientMessage message) {
        if (message == null || message.fieldCount() != 1) {
            throw new IllegalArgumentException("A client message must have exactly one field set");
        }
        if (message.setup() != null) {
            throw new IllegalArgumentException("setup is sent by the session when it connects, not afterwards");
        }
        if (message.realtimeInput() != null && message.realtimeInput().mediaChunks() != null) {
            throw new IllegalArgumentException(
                    "realtimeInput.mediaChunks is deprecated and rejected by newer models: send audio or video");
        }
    }

    private static void bytes(byte[] data, int offset, int length, String what) {
        if (data == null) {
            throw new IllegalArgumentException(what + " bytes must not be null");
        }
        if (length <= 0) {
            throw new IllegalArgumentException(what + " bytes must not be empty");
        }
        if (offset < 0 || offset > data.length - length) {
            throw new IllegalArgumentException(what + " range [" + offset + ", +" + length + ") is outside the "
                    + data.length + "-byte array");
        }
    }
}
