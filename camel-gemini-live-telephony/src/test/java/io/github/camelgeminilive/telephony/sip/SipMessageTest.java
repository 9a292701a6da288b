package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SipMessageTest {

    private static final String INVITE = "INVITE sip:gemini@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n"
            + "v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-0\r\n"
            + "f: <sip:alice@127.0.0.1>;tag=a1\r\n"
            + "To: <sip:gemini@127.0.0.1>\r\n"
            + "i: call-1\r\n"
            + "CSEQ: 7 INVITE\r\n"
            + "Subject: a long\r\n"
            + " folded subject\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "v=0\nEXTRA";

    @Test
    void readsRequestsWithCompactFoldedAndRepeatedHeaders() {
        SipMessage invite = parse(INVITE);
        assertThat(invite.isRequest()).isTrue();
        assertThat(invite.method()).isEqualTo("INVITE");
        assertThat(invite.uri()).isEqualTo("sip:gemini@127.0.0.1:5060");
        assertThat(invite.header("call-id")).isEqualTo("call-1");
        assertThat(invite.headers("Via")).containsExactly("SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1",
                "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-0");
        assertThat(invite.header("From")).isEqualTo("<sip:alice@127.0.0.1>;tag=a1");
        assertThat(invite.cseqNumber()).isEqualTo(7);
        assertThat(invite.cseqMethod()).isEqualTo("INVITE");
        assertThat(invite.header("Subject")).isEqualTo("a long folded subject");
        assertThat(new String(invite.body(), StandardCharsets.UTF_8)).isEqualTo("v=0\n"); // Content-Length rules
    }

    @Test
    void writesWhatItReads() {
        SipMessage response = SipMessage.response(200, "OK", List.of(new SipMessage.Header("Call-ID", "c"),
                new SipMessage.Header("CSeq", "1 BYE")), "body".getBytes(StandardCharsets.UTF_8));
        byte[] wire = response.toBytes();
        SipMessage again = SipMessage.parse(wire, wire.length);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.reason()).isEqualTo("OK");
        assertThat(again.header("Content-Length")).isEqualTo("4");
        assertThat(again.body()).isEqualTo("body".getBytes(StandardCharsets.UTF_8));
        assertThat(again.cseqMethod()).isEqualTo("BYE");
    }

    @Test
    void refusesWhatIsNotSipWithTheReason() {
        assertThatThrownBy(() -> parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isInstanceOf(SipParseException.class)
                .hasMessageContaining("not a SIP/2.0 request or response line");
        assertThatThrownBy(() -> parse("OPTIONS sip:x SIP/2.0\r\nCSeq: 1 OPTIONS\r\n"))
                .hasMessageContaining("no empty line");
        assertThatThrownBy(() -> parse("OPTIONS sip:x SIP/2.0\r\nno colon here\r\n\r\n"))
                .hasMessageContaining("header line without a name");
        assertThatThrownBy(() -> parse("OPTIONS sip:x SIP/2.0\r\nContent-Length: 99\r\n\r\nshort"))
                .hasMessageContaining("Content-Length 99 but 5 bytes follow");
        assertThatThrownBy(() -> parse("OPTIONS sip:x SIP/2.0\r\nContent-Length: -1\r\n\r\n"))
                .hasMessageContaining("Content-Length -1");
        assertThatThrownBy(() -> parse("SIP/2.0 99 Low\r\n\r\n")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> parse("OPTIONS sip:x SIP/2.0\r\nCSeq: x OPTIONS\r\n\r\n").cseqNumber())
                .hasMessageContaining("CSeq 'x OPTIONS' has no number");
        assertThatThrownBy(() -> parse("OPTIONS sip:x SIP/2.0\r\n\r\n").required("Call-ID"))
                .hasMessageContaining("the Call-ID header is missing");
    }

    @Test
    void boundsTheHeaderCount() {
        StringBuilder many = new StringBuilder("OPTIONS sip:x SIP/2.0\r\n");
        for (int i = 0; i <= SipMessage.MAX_HEADERS; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertThatThrownBy(() -> parse(many.append("\r\n").toString()))
                .hasMessageContaining("more than " + SipMessage.MAX_HEADERS + " headers");
    }

    @Test
    void findsTheUriOfANameAddr() {
        assertThat(SipUserAgent.uriOf("\"Bob\" <sip:bob@127.0.0.1:5070;transport=udp>;tag=x"))
                .isEqualTo("sip:bob@127.0.0.1:5070;transport=udp");
        assertThat(SipUserAgent.uriOf("sip:bob@127.0.0.1;tag=x")).isEqualTo("sip:bob@127.0.0.1");
    }

    private static SipMessage parse(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return SipMessage.parse(data, data.length);
    }
}
