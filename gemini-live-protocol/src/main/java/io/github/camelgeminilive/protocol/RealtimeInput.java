package io.github.camelgeminilive.protocol;

import java.util.List;

/** Streamed input; exactly one field is set per message. {@code mediaChunks} is deprecated: read, never write. */
public record RealtimeInput(
        Blob audio,
        Blob video,
        String text,
        ActivityStart activityStart,
        ActivityEnd activityEnd,
        Boolean audioStreamEnd,
        List<Blob> mediaChunks) {
    public RealtimeInput {
        mediaChunks = Immutable.list(mediaChunks);
    }

    public static RealtimeInput ofAudio(Blob audio) {
        return new RealtimeInput(audio, null, null, null, null, null, null);
    }

    public static RealtimeInput ofVideo(Blob video) {
        return new RealtimeInput(null, video, null, null, null, null, null);
    }

    public static RealtimeInput ofText(String text) {
        return new RealtimeInput(null, null, text, null, null, null, null);
    }

    public static RealtimeInput ofActivityStart() {
        return new RealtimeInput(null, null, null, new ActivityStart(), null, null, null);
    }

    public static RealtimeInput ofActivityEnd() {
        return new RealtimeInput(null, null, null, null, new ActivityEnd(), null, null);
    }

    public static RealtimeInput ofAudioStreamEnd() {
        return new RealtimeInput(null, null, null, null, null, Boolean.TRUE, null);
    }

    /** Marks the start of user activity (manual activity detection). */
    public record ActivityStart() {
    }

    /** Marks the end of user activity (manual activity detection). */
    public record ActivityEnd() {
    }
}
