package io.github.camelgeminilive.telephony.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelgeminilive.telephony.rtp.RtpPacket;

/**
 * The callers' ears in the tests: the RTP port the sipp callers' SDP names. Counts the packets of each stream (by
 * SSRC) whose payload is not all silence, and remembers where each stream comes from, so a test can press keys
 * (RFC 4733) towards that call's RTP port.
 */
public final class RtpReceiver implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Long, AtomicInteger> voicedPackets = new ConcurrentHashMap<>();
    private final Map<Long, InetSocketAddress> sources = new ConcurrentHashMap<>();
    private final Thread thread;

    public RtpReceiver() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::receive, "rtp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        RtpPacket rtp = new RtpPacket();
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (rtp.read(buffer, packet.getLength()) && voiced(buffer, rtp)) {
                voicedPackets.computeIfAbsent(rtp.ssrc(), s -> new AtomicInteger()).incrementAndGet();
                sources.put(rtp.ssrc(), (InetSocketAddress) packet.getSocketAddress());
            }
        }
    }

    /** Whether a G.711 payload has a sample louder than about -40 dBFS (mu-law and A-law silence codes aside). */
    private static boolean voiced(byte[] data, RtpPacket rtp) {
        for (int i = rtp.payloadOffset(); i < rtp.payloadOffset() + rtp.payloadLength(); i++) {
            int code = data[i] & 0xFF;
            int magnitude = rtp.payloadType() == 8 ? (code ^ 0x55) & 0x7F : 0x7F - (code & 0x7F);
            if (magnitude >= 0x30) {
                return true;
            }
        }
        return false;
    }

    /** Voiced packets per stream so far. */
    public Map<Long, AtomicInteger> voicedPackets() {
        return voicedPackets;
    }

    /** Presses {@code key} towards the call whose audio came from {@code source}: RFC 4733 events, end sent 3 times. */
    public void pressKey(char key, InetSocketAddress source, int payloadType) throws IOException {
        int event = "0123456789*#".indexOf(key);
        byte[] packet = new byte[RtpPacket.HEADER_BYTES + 4];
        long timestamp = 160_000;
        for (int i = 0; i < 6; i++) {
            boolean end = i >= 3;
            RtpPacket.writeHeader(packet, payloadType, i == 0, 1000 + i, timestamp, 0x5EED);
            packet[12] = (byte) event;
            packet[13] = (byte) ((end ? 0x80 : 0) | 10);
            int duration = 160 * (i + 1);
            packet[14] = (byte) (duration >>> 8);
            packet[15] = (byte) duration;
            socket.send(new DatagramPacket(packet, packet.length, source));
        }
    }

    /** Where the stream {@code ssrc} came from: the call's RTP port. */
    public InetSocketAddress source(long ssrc) {
        return sources.get(ssrc);
    }

    @Override
    public void close() {
        socket.close();
    }
}
