package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.telephony.playout.Playout;
import io.github.camelgeminilive.telephony.rtp.RtpPacket;

/** The model's audio as RTP: timestamps follow the sampling instant across pauses, each talk spurt is marked. */
class SipCallRtpTest {

    private static final long MILLIS = 1_000_000L;

    @Test
    void aPauseAdvancesTheTimestampAndTheNextFrameCarriesTheMarker() throws Exception {
        long t0 = 5_000 * MILLIS;
        // a talk spurt begins; two more sent ahead of time follow on; a second later the model was silent in between
        List<RtpPacket> packets = send(t0, t0 + MILLIS, t0 + 2 * MILLIS, t0 + 1_000 * MILLIS);
        long first = packets.get(0).timestamp();
        assertThat(packets).extracting(p -> (p.timestamp() - first) & 0xFFFFFFFFL)
                .containsExactly(0L, 160L, 320L, 8000L); // 8 kHz: a second is 8000 ticks after the first frame
        assertThat(packets).extracting(RtpPacket::marker).containsExactly(true, false, false, true);
        int sequence = packets.get(0).sequence();
        assertThat(packets).extracting(p -> (p.sequence() - sequence) & 0xFFFF).containsExactly(0, 1, 2, 3);
    }

    @Test
    void framesSentWhenDueButALittleLateFollowOnWithoutAMarker() throws Exception {
        long t0 = 5_000 * MILLIS;
        // comfort silence goes out when due: a tick's jitter must not start a talk spurt per packet
        List<RtpPacket> packets = send(t0, t0 + 23 * MILLIS, t0 + 45 * MILLIS, t0 + 61 * MILLIS);
        long first = packets.get(0).timestamp();
        assertThat(packets).extracting(p -> (p.timestamp() - first) & 0xFFFFFFFFL).containsExactly(0L, 160L, 320L,
                480L);
        assertThat(packets).extracting(RtpPacket::marker).containsExactly(true, false, false, false);
    }

    /** Sends a 20 ms frame at each of {@code times} through a call; the packets the caller receives. */
    private static List<RtpPacket> send(long... times) throws Exception {
        SipCounters counters = new SipCounters();
        try (DatagramSocket ear = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramChannel rtp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ear.setSoTimeout(10_000);
            rtp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SipOptions options = new SipOptions("127.0.0.1", 0, 0, 0, 1, 4096, 0, 3, 50, 0, 10, 1, null);
            SipCall call = new SipCall("rtp", null, null, new Sdp.Codec(0, AudioFormat.MULAW_8K, "PCMU"), -1, rtp,
                    0, (InetSocketAddress) ear.getLocalSocketAddress(),
                    (format, sink) -> new Playout(format, 50, 0, false, sink, counters.playout), null, options,
                    counters);
            byte[] frame = new byte[160];
            for (long time : times) {
                call.frame(frame, time);
            }
            List<RtpPacket> packets = new ArrayList<>();
            for (int i = 0; i < times.length; i++) {
                DatagramPacket datagram = new DatagramPacket(new byte[2048], 2048);
                ear.receive(datagram);
                RtpPacket packet = new RtpPacket();
                assertThat(packet.read(datagram.getData(), datagram.getLength())).isTrue();
                packets.add(packet);
            }
            return packets;
        }
    }
}
