package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.audio.AudioFormat;

class SdpTest {

    @Test
    void choosesTheFirstG711CodecOfTheOfferAndAnswersWithTelephoneEvents() {
        Sdp offer = parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 6000 RTP/AVP 18 8 0 101\r\na=rtpmap:18 G729/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
        assertThat(offer.address()).isEqualTo("127.0.0.1");
        assertThat(offer.port()).isEqualTo(6000);
        Sdp.Codec codec = offer.choose();
        assertThat(codec).isEqualTo(new Sdp.Codec(8, AudioFormat.ALAW_8K, "PCMA"));
        assertThat(offer.telephoneEvent()).isEqualTo(101);
        String answer = new String(offer.answer("127.0.0.1", 41000, codec, 5), StandardCharsets.US_ASCII);
        assertThat(answer).contains("c=IN IP4 127.0.0.1\r\n", "m=audio 41000 RTP/AVP 8 101\r\n",
                "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n", "a=ptime:20\r\n");
    }

    @Test
    void mapsDynamicPayloadTypesAndMediaLevelAddresses() {
        Sdp offer = parse("v=0\nc=IN IP4 10.0.0.1\nm=audio 7000 RTP/AVP 96\nc=IN IP4 127.0.0.1\n"
                + "a=rtpmap:96 pcmu/8000\n");
        assertThat(offer.address()).isEqualTo("127.0.0.1");
        assertThat(offer.choose()).isEqualTo(new Sdp.Codec(96, AudioFormat.MULAW_8K, "PCMU"));
        assertThat(offer.telephoneEvent()).isEqualTo(-1);
        assertThat(new String(offer.answer("127.0.0.1", 41000, offer.choose(), 1), StandardCharsets.US_ASCII))
                .contains("m=audio 41000 RTP/AVP 96\r\n").doesNotContain("telephone-event");
    }

    @Test
    void offersWithoutG711OrWithTheStreamDisabledHaveNoCodec() {
        assertThat(parse("c=IN IP4 127.0.0.1\nm=audio 6000 RTP/AVP 18 9\n").choose()).isNull();
        assertThat(parse("c=IN IP4 127.0.0.1\nm=audio 0 RTP/AVP 0\n").choose()).isNull();
    }

    @Test
    void malformedOffersSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("v=0\nm=video 6000 RTP/AVP 96\n"))
                .isInstanceOf(SipParseException.class).hasMessageContaining("no RTP/AVP audio stream");
        assertThatThrownBy(() -> parse("c=IN IP6 ::1\nm=audio 6000 RTP/AVP 0\n"))
                .hasMessageContaining("is not IN IP4");
        assertThatThrownBy(() -> parse("c=IN IP4 127.0.0.1\nm=audio 70000 RTP/AVP 0\n"))
                .hasMessageContaining("m= port '70000'");
        assertThatThrownBy(() -> parse("a=x\n".repeat(Sdp.MAX_LINES + 1)))
                .hasMessageContaining("more than " + Sdp.MAX_LINES + " lines");
    }

    private static Sdp parse(String text) {
        return Sdp.parse(text.getBytes(StandardCharsets.US_ASCII));
    }
}
