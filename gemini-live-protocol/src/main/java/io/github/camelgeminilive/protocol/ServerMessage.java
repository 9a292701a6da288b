package io.github.camelgeminilive.protocol;

/**
 * A server-to-client message: one of the event fields, optionally with {@code usageMetadata} beside it.
 */
public record ServerMessage(
        SetupComplete setupComplete,
        ServerContent serverContent,
        ToolCall toolCall,
        ToolCallCancellation toolCallCancellation,
        GoAway goAway,
        SessionResumptionUpdate sessionResumptionUpdate,
        VoiceActivity voiceActivity,
        VoiceActivityDetectionSignal voiceActivityDetectionSignal,
        UsageMetadata usageMetadata) {

    public static ServerMessage of(SetupComplete v) {
        return new ServerMessage(v, null, null, null, null, null, null, null, null);
    }

    public static ServerMessage of(ServerContent v) {
        return new ServerMessage(null, v, null, null, null, null, null, null, null);
    }

    public static ServerMessage of(ToolCall v) {
        return new ServerMessage(null, null, v, null, null, null, null, null, null);
    }

    public static ServerMessage of(ToolCallCancellation v) {
        return new ServerMessage(null, null, null, v, null, null, null, null, null);
    }

    public static ServerMessage of(GoAway v) {
        return new ServerMessage(null, null, null, null, v, null, null, null, null);
    }

    public static ServerMessage of(SessionResumptionUpdate v) {
        return new ServerMessage(null, null, null, null, null, v, null, null, null);
    }

    public static ServerMessage of(VoiceActivity v) {
        return new ServerMessage(null, null, null, null, null, null, v, null, null);
    }

    public static ServerMessage of(VoiceActivityDetectionSignal v) {
        return new ServerMessage(null, null, null, null, null, null, null, v, null);
    }

    public static ServerMessage of(UsageMetadata v) {
        return new ServerMessage(null, null, null, null, null, null, null, null, v);
    }

    /** A copy of this message with {@code usageMetadata} beside its event. */
    public ServerMessage withUsage(UsageMetadata usage) {
        return new ServerMessage(setupComplete, serverContent, toolCall, toolCallCancellation, goAway,
                sessionResumptionUpdate, voiceActivity, voiceActivityDetectionSignal, usage);
    }
}
