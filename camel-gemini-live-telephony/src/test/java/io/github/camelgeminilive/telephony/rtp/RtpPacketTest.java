package io.github.camelgeminilive.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket packet = new RtpPacket();

    @Test
    void readsWhatItWrites() {
        byte[] data = new byte[RtpPacket.HEADER_BYTES + 160];
        RtpPacket.writeHeader(data, 8, true, 65_535, 0xFFFF_FFF0L, 0xDEAD_BEEFL);
        assertThat(packet.read(data, data.length)).isTrue();
        assertThat(packet.payloadType()).isEqualTo(8);
        assertThat(packet.marker()).isTrue();
        assertThat(packet.sequence()).isEqualTo(65_535);
        assertThat(packet.timestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(packet.ssrc()).isEqualTo(0xDEAD_BEEFL);
        assertThat(packet.payloadOffset()).isEqualTo(12);
        assertThat(packet.payloadLength()).isEqualTo(160);
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        byte[] data = new byte[12 + 4 + 8 + 10 + 3];
        RtpPacket.writeHeader(data, 0, false, 1, 2, 3);
        data[0] = (byte) (0x80 | 0x20 | 0x10 | 1); // padding, extension, one CSRC
        data[16 + 3] = 1; // extension: one 32-bit word
        data[data.length - 1] = 3; // three bytes of padding
        assertThat(packet.read(data, data.length)).isTrue();
        assertThat(packet.payloadOffset()).isEqualTo(24);
        assertThat(packet.payloadLength()).isEqualTo(10);
    }

    @Test
    void refusesWhatIsNotRtp() {
        byte[] data = new byte[20];
        assertThat(packet.read(data, 11)).as("short").isFalse();
        data[0] = 0x40; // version 1
        assertThat(packet.read(data, 20)).isFalse();
        data[0] = (byte) 0x8F; // 15 CSRCs do not fit
        assertThat(packet.read(data, 20)).isFalse();
        data[0] = (byte) 0xA0; // padding longer than the packet
        data[19] = (byte) 200;
        assertThat(packet.read(data, 20)).isFalse();
    }
}
