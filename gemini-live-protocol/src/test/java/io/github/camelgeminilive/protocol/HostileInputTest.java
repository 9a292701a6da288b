package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Small hostile values that used to cost a number of up to a billion digits on the I/O thread fail at once with a
 * clear message that shows at most a short prefix of the bad text. The time bound is generous: the old parser took
 * about a minute for {@code "1e99999999s"} (one digit less than the JDK's overflow guard stops at once), so only a
 * parse that does the big arithmetic can miss it.
 */
class HostileInputTest {

    private static final Duration FAST = Duration.ofSeconds(5);
    private static final LiveJson JSON = LiveJson.get();
    private static final String MANY_NINES = "9".repeat(100_000);
    private static final String ARGS = "at toolCall.functionCalls[0].args";

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999s", "1e-999999999s", "1e99999999s", "1e-99999999s", "1E99999999",
            "-1e99999999s", "1e9s", "+5s",
            ".5s", "5.s", "0x10s", "315576000001s", "999999999999s", "1000000000000s", "1.5e3s", " 1 s"})
    void durationsOutsideTheGrammarFailAtOnce(String text) {
        assertThatThrownBy(() -> assertTimeoutPreemptively(FAST, () -> ProtoDuration.parse(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a protobuf Duration: '" + text + "'");
    }

    @Test
    void aHugeDurationIsEchoedOnlyAsAShortPrefix() {
        String text = MANY_NINES + "s";
        assertThatThrownBy(() -> assertTimeoutPreemptively(FAST, () -> ProtoDuration.parse(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a protobuf Duration: '" + "9".repeat(40) + "...(100001 chars)'")
                .message().hasSizeLessThan(200);
    }

    @Test
    void theWholeRangeStillParses() {
        assertThat(ProtoDuration.parse("-315576000000.999999999s"))
                .isEqualTo(Duration.ofSeconds(-315_576_000_000L, -999_999_999));
        assertThat(ProtoDuration.parse("315576000000.999999999s"))
                .isEqualTo(Duration.ofSeconds(315_576_000_000L, 999_999_999));
        assertThat(ProtoDuration.parse("-0.5s")).isEqualTo(Duration.ofMillis(-500));
        assertThat(ProtoDuration.parse("000000000012.1")).isEqualTo(Duration.ofMillis(12_100));
    }

    static Stream<Arguments> hostileServerMessages() {
        return Stream.of(
                Arguments.of("{\"goAway\":{\"timeLeft\":\"1e999999999s\"}}", "at goAway.timeLeft",
                        "Not a protobuf Duration: '1e999999999s'"),
                Arguments.of("{\"goAway\":{\"timeLeft\":\"1e99999999s\"}}", "at goAway.timeLeft",
                        "Not a protobuf Duration: '1e99999999s'"),
                Arguments.of("{\"goAway\":{\"timeLeft\":\"1e-99999999s\"}}", "at goAway.timeLeft",
                        "Not a protobuf Duration"),
                Arguments.of("{\"goAway\":{\"timeLeft\":1e99999999}}", "at goAway.timeLeft",
                        "Not a protobuf Duration"),
                Arguments.of("{\"goAway\":{\"timeLeft\":\"" + MANY_NINES + "s\"}}", "at goAway.timeLeft",
                        "...(100001 chars)"),
                Arguments.of("{\"voiceActivity\":{\"audioOffset\":\"1e99999999s\"}}", "at voiceActivity.audioOffset",
                        "Not a protobuf Duration"),
                // int64 as a string: the digit count is bounded before any conversion
                Arguments.of("{\"sessionResumptionUpdate\":{\"lastConsumedClientMessageIndex\":\"" + MANY_NINES
                        + "\"}}", "at sessionResumptionUpdate.lastConsumedClientMessageIndex", "exceeds the maximum"),
                Arguments.of("{\"sessionResumptionUpdate\":{\"lastConsumedClientMessageIndex\":\"1e999999999\"}}",
                        "at sessionResumptionUpdate.lastConsumedClientMessageIndex", "not a valid `Long` value"),
                Arguments.of("{\"sessionResumptionUpdate\":{\"lastConsumedClientMessageIndex\":"
                        + "\"99999999999999999999\"}}",
                        "at sessionResumptionUpdate.lastConsumedClientMessageIndex", "not a valid `Long` value"),
                Arguments.of("{\"sessionResumptionUpdate\":{\"lastConsumedClientMessageIndex\":1e999999999}}",
                        "at sessionResumptionUpdate.lastConsumedClientMessageIndex", "out of range"),
                Arguments.of("{\"usageMetadata\":{\"totalTokenCount\":1e999999999}}",
                        "at usageMetadata.totalTokenCount", "out of range"),
                // as JSON numbers, long digit runs stop in the tokenizer
                Arguments.of("{\"sessionResumptionUpdate\":{\"lastConsumedClientMessageIndex\":" + MANY_NINES + "}}",
                        "at sessionResumptionUpdate", "Number value length (100000) exceeds the maximum allowed (100"),
                Arguments.of("{\"toolCall\":{\"functionCalls\":[{\"args\":{\"n\":1" + "0".repeat(200) + "}}]}}",
                        ARGS, "Number value length"),
                Arguments.of("{\"toolCall\":{\"functionCalls\":[{\"args\":{\"x\":" + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}}]}}", ARGS, "Document nesting depth (129)"),
                Arguments.of("{\"toolCall\":{\"functionCalls\":[{\"args\":{\"" + "k".repeat(5000) + "\":1}}]}}",
                        ARGS, "Name length (5000)"),
                Arguments.of("{\"toolCall\":{\"functionCalls\":[{\"args\":{\"x\":[" + "0,".repeat(1_000_001)
                        + "0]}}]}}", ARGS, "Token count (1000001)"));
    }

    @ParameterizedTest
    @MethodSource("hostileServerMessages")
    void hostileServerMessagesFailFastWithAProtocolException(String json, String where, String detail) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> assertTimeoutPreemptively(FAST, () -> JSON.readServer(bytes)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("Malformed server message " + where)
                .hasMessageContaining(detail)
                .message().hasSizeLessThan(1000);
        assertThatThrownBy(() -> assertTimeoutPreemptively(FAST, () -> JSON.readServer(json)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(detail);
    }

    @Test
    void freeFormTreesAreBoundedToo() {
        // the emulator's admin API and client frames parse trees and maps with the same mapper
        assertThatThrownBy(() -> assertTimeoutPreemptively(FAST, () -> JSON.mapper().readTree("[" + "[".repeat(200)
                + "]".repeat(200) + "]")))
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> assertTimeoutPreemptively(FAST, () -> JSON.mapper().readValue(
                "{\"n\":" + MANY_NINES + "}", new TypeReference<Map<String, Object>>() {})))
                .hasMessageContaining("Number value length");
        Map<String, Object> fine = assertTimeoutPreemptively(FAST, () -> JSON.mapper().readValue(
                "{\"big\":1e999999999,\"small\":1e-999999999}", new TypeReference<Map<String, Object>>() {}));
        assertThat(fine).containsEntry("big", Double.POSITIVE_INFINITY).containsEntry("small", 0.0);
    }

    @Test
    void aDocumentOverTheMessageLimitFailsBeforeItIsParsedWhole() {
        byte[] json = new byte[LiveJson.MAX_MESSAGE_BYTES + 64];
        byte[] head = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"".getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(json, (byte) 'a');
        System.arraycopy(head, 0, json, 0, head.length);

        assertThatThrownBy(() -> JSON.readServer(json))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(String.valueOf(LiveJson.MAX_MESSAGE_BYTES));
    }

    @Test
    void writtenMessagesAreBoundedByTheSameLimit() {
        Blob huge = new Blob("audio/pcm;rate=16000", new byte[LiveJson.MAX_MESSAGE_BYTES / 4 * 3]);
        assertThatThrownBy(() -> JSON.writeBytes(ClientMessage.of(RealtimeInput.ofAudio(huge))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the limit of " + LiveJson.MAX_MESSAGE_BYTES + " bytes");
    }

    @Test
    void aBlobFrameSizeIsComputedWithoutOverflowAndCheckedBeforeAllocating() {
        // the base64 of 1.5 GiB overflowed an int (NegativeArraySizeException); now it is a clear refusal
        assertThatThrownBy(() -> LiveJson.blobFrameBytes("audio", 60, 1_610_612_736))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Realtime audio frame too large: 1610612736 bytes encode to 2147483712 bytes of JSON,"
                        + " over the limit of " + LiveJson.MAX_MESSAGE_BYTES + " bytes");
        assertThatThrownBy(() -> LiveJson.blobFrameBytes("video", 60, Integer.MAX_VALUE))
                .hasMessageContaining("2863311596 bytes of JSON");
        int largest = LiveJson.MAX_MESSAGE_BYTES / 4 * 3 - 60;
        assertThat(LiveJson.blobFrameBytes("audio", 60, largest)).isLessThanOrEqualTo(LiveJson.MAX_MESSAGE_BYTES);
    }
}
