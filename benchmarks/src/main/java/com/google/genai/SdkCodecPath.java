package com.google.genai;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.genai.types.Blob;
import com.google.genai.types.LiveClientMessage;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveServerMessage;

/**
 * The per-frame code of Google's Java SDK 2.0.0 (Gemini API mode), the exact calls its {@code AsyncSession} and
 * {@code AsyncLive.GenAiWebSocketClient} make, without the socket (same package: {@code LiveConverters} is
 * package-private). Kept in step with the 2.0.0 bytecode; see docs/performance.md.
 */
public final class SdkCodecPath {

    private final ApiClient apiClient;

    /** @param client an SDK client (Gemini API mode); its {@code ApiClient} is what the live code paths use */
    public SdkCodecPath(Client client) {
        try {
            Field f = Client.class.getDeclaredField("apiClient");
            f.setAccessible(true);
            this.apiClient = (ApiClient) f.get(client);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("google-genai layout changed: " + e, e);
        }
    }

    /**
     * {@code session.sendRealtimeInput(params)}: the caller builds the parameters from the bytes, then
     * {@code AsyncSession.send}: message -> JsonNode -> {@code liveClientMessageToMldev} -> JSON text (the last
     * step runs in {@code CompletableFuture.runAsync} before {@code okhttp3.WebSocket.send(String)}).
     */
    public String sendAudio(byte[] pcm, String mimeType) {
        LiveSendRealtimeInputParameters params = LiveSendRealtimeInputParameters.builder()
                .audio(Blob.builder().mimeType(mimeType).data(pcm).build())
                .build();
        LiveClientMessage message = LiveClientMessage.builder().realtimeInputParameters(params).build();
        JsonNode node = JsonSerializable.toJsonNode(message);
        ObjectNode wire = new LiveConverters(apiClient).liveClientMessageToMldev(node, null);
        return JsonSerializable.toJsonString(wire);
    }

    /**
     * A binary frame as {@code GenAiWebSocketClient.onMessage(ByteString)} handles it ({@code bytes.utf8()}, then
     * {@code handleIncomingMessage}: {@code new LiveConverters}, {@code stringToJsonNode}, {@code fromJsonNode}),
     * then the application's way to the PCM: {@code serverContent.modelTurn.parts[0].inlineData.data}.
     */
    public byte[] receiveAudio(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        new LiveConverters(apiClient); // made per message by the SDK (used in Vertex mode only)
        JsonNode node = JsonSerializable.stringToJsonNode(text);
        LiveServerMessage message = JsonSerializable.fromJsonNode(node, LiveServerMessage.class);
        return audioOf(message);
    }

    /** The PCM of a server message's first inline-data part. */
    public static byte[] audioOf(LiveServerMessage message) {
        return message.serverContent().orElseThrow().modelTurn().orElseThrow().parts().orElseThrow().get(0)
                .inlineData().orElseThrow().data().orElseThrow();
    }
}
