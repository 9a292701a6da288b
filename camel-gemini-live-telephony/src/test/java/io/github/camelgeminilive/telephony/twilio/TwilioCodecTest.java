package io.github.camelgeminilive.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioCodecTest {

    private final TwilioCodec codec = new TwilioCodec();

    @Test
    void readsTheMessagesTwilioSends() {
        assertThat(codec.read("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"))
                .isEqualTo(new TwilioEvent.Connected("Call", "1.0.0"));
        TwilioEvent start =
                codec.read("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC1\","
                        + "\"streamSid\":\"MZ1\",\"callSid\":\"CA1\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":"
                        + "\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},\"customParameters\":{\"caller\":\"+1555\"}},"
                        + "\"streamSid\":\"MZ1\"}");
        assertThat(start).isEqualTo(new TwilioEvent.Start("MZ1", "CA1", "AC1", List.of("inbound"),
                TwilioEvent.MediaFormat.MULAW_8K, Map.of("caller", "+1555")));
        TwilioEvent.Media media = (TwilioEvent.Media) codec.read("{\"event\":\"media\",\"sequenceNumber\":\"3\","
                + "\"media\":{\"track\":\"inbound\",\"chunk\":\"1\",\"timestamp\":\"5\",\"payload\":\"/38A\"},"
                + "\"streamSid\":\"MZ1\"}");
        assertThat(media.payload()).containsExactly(0xFF, 0x7F, 0x00);
        assertThat(media.chunk()).isEqualTo(1);
        assertThat(media.timestamp()).isEqualTo(5);
        assertThat(codec.read("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"turn-1\"}}"))
                .isEqualTo(new TwilioEvent.Mark("MZ1", "turn-1"));
        assertThat(codec.read("{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"dtmf\":{\"track\":\"inbound_track\","
                + "\"digit\":\"#\"}}")).isEqualTo(new TwilioEvent.Dtmf("MZ1", "inbound_track", "#"));
        assertThat(codec.read("{\"event\":\"stop\",\"streamSid\":\"MZ1\",\"stop\":{\"accountSid\":\"AC1\","
                + "\"callSid\":\"CA1\"}}")).isEqualTo(new TwilioEvent.Stop("MZ1", "AC1", "CA1"));
    }

    @Test
    void anUnknownEventIsReadAsSuchNotDropped() {
        assertThat(codec.read("{\"event\":\"transcription\",\"streamSid\":\"MZ1\"}"))
                .isEqualTo(new TwilioEvent.Unknown("transcription", "MZ1"));
    }

    @Test
    void writesMediaMarkAndClear() {
        assertThat(codec.write(new TwilioCommand.Media("MZ1", new byte[] {(byte) 0xFF, 0x7F, 0})))
                .isEqualTo("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"/38A\"}}");
        assertThat(codec.write(new TwilioCommand.Mark("MZ1", "a\"b")))
                .isEqualTo("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"a\\\"b\"}}");
        assertThat(codec.write(new TwilioCommand.Clear("MZ1")))
                .isEqualTo("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}");
    }

    @Test
    void badInputFailsWithAClearError() {
        assertRefused("{\"event\":", "not valid JSON");
        assertRefused("[1]", "not a JSON object");
        assertRefused("{\"streamSid\":\"MZ1\"}", "lacks the field 'event'");
        assertRefused("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"chunk\":\"1\",\"timestamp\":\"1\","
                + "\"payload\":\"@@@@\"}}", "not valid base64");
        assertRefused("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"chunk\":\"-1\",\"timestamp\":\"1\","
                + "\"payload\":\"AAAA\"}}", "'chunk' must be a whole number");
        assertRefused("{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"dtmf\":{\"digit\":\"12\"}}", "dtmf.digit");
        assertRefused("{\"event\":\"mark\",\"streamSid\":\"MZ1\"}", "lacks the object 'mark'");
        assertRefused("{\"event\":\"start\",\"streamSid\":\"MZ1\",\"start\":{\"mediaFormat\":{\"encoding\":\"x\","
                + "\"sampleRate\":0,\"channels\":1}}}", "'sampleRate' is 0");
    }

    @Test
    void numbersAreWholeAndBounded() {
        String media = "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"AAAA\",";
        assertThat(((TwilioEvent.Media) codec.read(media + "\"chunk\":\"007\",\"timestamp\":999999999999999999}}"))
                .chunk()).isEqualTo(7);
        for (String bad : new String[] {"\"\"", "\"+1\"", "\"1 \"", "\"1e3\"", "\"١\"", "\"1234567890123456789\"",
                "1.5",
                "true"}) {
            assertRefused(media + "\"chunk\":" + bad + ",\"timestamp\":\"1\"}}", "'chunk' must be a whole number");
        }
        assertRefused(media + "\"chunk\":\"1\",\"timestamp\":-1}}", "'timestamp' is -1, outside");
        assertRefused("{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"dtmf\":{\"digit\":\"E\"}}", "dtmf.digit");
        assertThat(codec.read("{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"dtmf\":{\"digit\":\"d\"}}"))
                .isEqualTo(new TwilioEvent.Dtmf("MZ1", null, "d"));
    }

    @Test
    void nestingIsBounded() {
        String deep = "{\"a\":".repeat(9) + "1" + "}".repeat(9);
        assertRefused("{\"event\":\"start\",\"streamSid\":\"MZ1\",\"start\":" + deep + "}", "not valid JSON");
        assertRefused("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"x\":[[[[[[[[[1]]]]]]]]]}", "not valid JSON");
        assertRefused("", "not a JSON object");
    }

    @Test
    void sizesAreBounded() {
        String payload = Base64.getEncoder().encodeToString(new byte[TwilioCodec.MAX_PAYLOAD_BYTES + 3]);
        assertRefused("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"chunk\":\"1\",\"timestamp\":\"1\","
                + "\"payload\":\"" + payload + "\"}}", "exceeds the limit of 8000 bytes");
        assertRefused("{\"event\":\"mark\",\"streamSid\":\"" + "M".repeat(TwilioCodec.MAX_FIELD_CHARS + 1) + "\"}",
                "'streamSid' of 257 characters");
        assertRefused(" ".repeat(TwilioCodec.MAX_MESSAGE_CHARS + 1), "exceeds the limit of 65536");
        StringBuilder params = new StringBuilder();
        for (int i = 0; i <= TwilioCodec.MAX_PARAMETERS; i++) {
            params.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"v\"");
        }
        assertRefused("{\"event\":\"start\",\"streamSid\":\"MZ1\",\"start\":{\"mediaFormat\":{\"encoding\":\"x\","
                + "\"sampleRate\":8000,\"channels\":1},\"customParameters\":{" + params + "}}}",
                "at most 32 entries");
    }

    private void assertRefused(String text, String why) {
        assertThatThrownBy(() -> codec.read(text)).isInstanceOf(TwilioProtocolException.class)
                .hasMessageContaining(why);
    }
}
