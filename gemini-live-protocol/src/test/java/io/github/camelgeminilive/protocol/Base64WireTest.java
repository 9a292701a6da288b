package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte fields travel as standard padded base64; the fast audio path writes exactly what the records write. */
class Base64WireTest {

    private final LiveJson json = LiveJson.get();

    static IntStream lengths() {
        return IntStream.of(0, 1, 2, 3, 4, 5, 63, 64, 1279, 1280, 1281);
    }

    private String fast(String field, String mimeType, byte[] data, int offset, int length) {
        return new String(json.writeRealtimeBlob(field, mimeType, data, offset, length), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void dataIsStandardPaddedBase64AndDecodesToTheExactBytes(int length) {
        byte[] data = bytes(length);
        String written = json.write(ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=16000", data))));

        String base64 = Fixtures.tree(written).at("/realtimeInput/audio/data").asText();
        assertThat(base64).isEqualTo(Base64.getEncoder().encodeToString(data));
        assertThat(json.readClient(written).realtimeInput().audio().data()).isEqualTo(data);
    }

    @Test
    void plusSlashAndPaddingAreStandardAlphabet() {
        byte[] data = {(byte) 251, (byte) 255, (byte) 191, 0, 1};

        assertThat(json.write(ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm", data)))))
                .contains("\"data\":\"+/+/AAE=\"");
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void fastAudioFrameEqualsTheRecordPath(int length) {
        byte[] data = bytes(length);

        assertThat(fast("audio", "audio/pcm;rate=16000", data, 0, data.length))
                .isEqualTo(json.write(ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=16000", data)))));
    }

    @Test
    void fastVideoFrameEqualsTheRecordPath() {
        byte[] jpeg = bytes(3001);

        assertThat(fast("video", "image/jpeg", jpeg, 0, jpeg.length))
                .isEqualTo(json.write(ClientMessage.of(RealtimeInput.ofVideo(new Blob("image/jpeg", jpeg)))));
    }

    @ParameterizedTest
    @CsvSource({"0,10", "3,7", "1,0", "99,1", "50,50"})
    void fastFrameOfASliceEncodesOnlyThatSlice(int offset, int length) {
        byte[] buffer = bytes(100);
        byte[] slice = Arrays.copyOfRange(buffer, offset, offset + length);

        String fast = fast("audio", "audio/pcm;rate=24000", buffer, offset, length);

        assertThat(fast).isEqualTo(
                json.write(ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=24000", slice)))));
        assertThat(json.readClient(fast).realtimeInput().audio().data()).isEqualTo(slice);
    }

    @Test
    void fastFrameRejectsOtherFieldsAndBadSlices() {
        byte[] data = new byte[4];

        assertThatThrownBy(() -> fast("mediaChunks", "audio/pcm", data, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio or video");
        assertThatThrownBy(() -> fast("audio", "audio/pcm", data, 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> fast("audio", "audio/pcm", data, -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fastFramesOfAnotherMimeTypeOrFieldDoNotReuseTheLastHead() {
        byte[] data = bytes(6);

        for (String[] fieldAndType : new String[][] {{"audio", "audio/pcm;rate=16000"},
                {"audio", "audio/pcm;rate=8000"}, {"video", "audio/pcm;rate=8000"}}) {
            Blob blob = new Blob(fieldAndType[1], data);
            RealtimeInput input = fieldAndType[0].equals("audio") ? RealtimeInput.ofAudio(blob)
                    : RealtimeInput.ofVideo(blob);
            assertThat(fast(fieldAndType[0], fieldAndType[1], data, 0, 6))
                    .isEqualTo(json.write(ClientMessage.of(input)));
        }
    }

    @Test
    void fastFrameEscapesTheMimeType() {
        String fast = fast("audio", "audio/x\"y", new byte[] {1}, 0, 1);

        assertThat(json.readClient(fast).realtimeInput().audio().mimeType()).isEqualTo("audio/x\"y");
    }

    @ParameterizedTest
    @CsvSource({
            "+/+/AAE=, standard padded",
            "+/+/AAE, standard unpadded",
            "-_-_AAE=, URL-safe padded",
            "-_-_AAE, URL-safe unpadded"})
    void readerAcceptsWhatProto3JsonParsersAccept(String base64, String kind) {
        byte[] data = json.readClient("{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm\",\"data\":\"" + base64
                + "\"}}}").realtimeInput().audio().data();

        assertThat(data).as(kind).containsExactly(251, 255, 191, 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A*==", "AQID\\nBA==", "AQ=D", "+_AA", "A", "AQ=", "AQ==="})
    void invalidBase64IsRejectedNamingTheField(String base64) {
        String message = "{\"realtimeInput\":{\"video\":{\"mimeType\":\"image/png\",\"data\":\"" + base64 + "\"}}}";

        assertThatThrownBy(() -> json.readClient(message))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("Malformed client message at realtimeInput.video.data:")
                .hasMessageContaining("not base64");
    }

    @Test
    void nonStringDataIsRejected() {
        assertThatThrownBy(() -> json.readClient("{\"realtimeInput\":{\"audio\":{\"data\":[1,2]}}}"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("Malformed client message at realtimeInput.audio.data:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+/+/AAE=", "+/+/AAE", "-_-_AAE=", "-_-_AAE", "AQIDBA==", "AQIDBA", "A*==",
            "AQID\nBA==", "AQ=D", "+_AA", "A", "AQ=", "AQ===", "AQ\u00e9=", "AQ\u0141A", "QUJD\u0000"})
    void readBase64OfAStringDecodesAndFailsAsTheParserBufferPathDoes(String base64) {
        Object fromString = decodeOrError(() -> json.readBase64(base64));
        Object fromChars = decodeOrError(() -> Base64Text.decode(("[" + base64 + "]").toCharArray(), 1,
                base64.length()));

        assertThat(fromString).isEqualTo(fromChars);
    }

    @Test
    void readBase64RefusesCharactersBeyondAsciiEvenWhenTheirLowByteIsBase64() {
        // U+0141's low byte is 'A': narrowing without the check would decode "AQAA" silently
        assertThatThrownBy(() -> json.readBase64("AQ\u0141A"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("illegal non-ASCII character");
        assertThatThrownBy(() -> json.readBase64("AQIDB"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enough valid bits");
        assertThat(json.readBase64("AQI=")).containsExactly(1, 2);
    }

    @Test
    void readBase64DoesNotCopyTheString() {
        byte[] data = bytes(96 * 1024);
        String base64 = Base64.getEncoder().encodeToString(data); // 128 Ki characters, 256 KiB as a char[]
        assertThat(json.readBase64(base64)).isEqualTo(data); // grows the thread's scratch array once

        long allocated = allocatedBy(() -> json.readBase64(base64));

        // the decoded bytes plus a little; a copy of the characters alone would be twice their number
        assertThat(allocated).isLessThan(2L * base64.length());
    }

    @Test
    void readClientOfAStringDoesNotCopyItIntoBytes() {
        byte[] data = bytes(18 * 1024);
        String message = json.write(ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm", data))));
        for (int i = 0; i < 10; i++) { // until the thread's recycled parser buffers have grown to fit
            assertThat(json.readClient(message).realtimeInput().audio().data()).isEqualTo(data);
        }

        long allocated = allocatedBy(() -> json.readClient(message));

        // the decoded bytes and the records; a UTF-8 copy of the message would add its whole length
        assertThat(allocated).isLessThan(data.length + message.length() / 2);
    }

    /** Bytes this thread allocates while running {@code action} (which must not load classes). */
    private static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                        && t.isThreadAllocatedMemorySupported() ? t : null;
        assumeTrue(threads != null, "this JVM does not count allocated bytes per thread");
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        action.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static Object decodeOrError(java.util.function.Supplier<byte[]> decode) {
        Throwable error = catchThrowable(decode::get);
        return error == null ? Arrays.toString(decode.get()) : error.getClass().getName() + ": " + error.getMessage();
    }
}
