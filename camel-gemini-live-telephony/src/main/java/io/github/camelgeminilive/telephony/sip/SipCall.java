package io.github.camelgeminilive.telephony.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

import org.apache.camel.Exchange;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.ordered.OrderedInbox;
import io.github.camelgeminilive.telephony.playout.Playout;
import io.github.camelgeminilive.telephony.playout.PlayoutBuffer;
import io.github.camelgeminilive.telephony.rtp.JitterBuffer;
import io.github.camelgeminilive.telephony.rtp.RtpPacket;
import io.github.camelgeminilive.telephony.rtp.TelephoneEvents;

/**
 * One SIP call: its dialog (the INVITE, tags, where to send a BYE), its RTP socket, the caller's audio put in order
 * by a {@link JitterBuffer} and converted to 16 kHz PCM, and the model's audio played back by a {@link Playout} as
 * 20 ms RTP packets. Dialog state changes under the call's monitor; the receiving side runs on the UDP loop only.
 */
final class SipCall implements Playout.Sink {

    /** Where the call is in its life. */
    enum State {
        /** 180 sent, the answer waits for the ring time. */
        RINGING,
        /** 200 OK sent, its ACK awaited. */
        ANSWERED,
        /** ACK received. */
        CONFIRMED,
        /** Over. */
        ENDED
    }

    /** G.711 at 8 kHz: one RTP timestamp tick (one sample, one byte) per 125 microseconds. */
    private static final long NANOS_PER_SAMPLE = 125_000;
    /** The largest RTP payload taken: 60 ms of G.711. */
    static final int MAX_PAYLOAD = 480;

    final String callId;
    final SipMessage invite;
    final InetSocketAddress signalling;
    final String localTag;
    final Sdp.Codec codec;
    final int eventPayloadType;
    final DatagramChannel rtp;
    final int rtpPort;
    final InetSocketAddress remoteMedia;
    final Playout playout;
    final OrderedInbox<Exchange> inbox;
    State state = State.RINGING;
    /** The last final response to the INVITE, sent again when the INVITE comes again. */
    byte[] finalResponse;
    ScheduledFuture<?> timer;
    long byeCseq;

    private final JitterBuffer jitter;
    private final TelephoneEvents events = new TelephoneEvents();
    private final AudioConverter toModel;
    private final byte[] ordered = new byte[MAX_PAYLOAD];
    private final byte[] pcm;
    private final byte[] outPacket = new byte[RtpPacket.HEADER_BYTES + PlayoutBuffer.FRAME_BYTES];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(outPacket);
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    /** When the frame after the last one sent plays (its timestamp is {@code timestamp}); valid once one was sent. */
    private long nextDue;
    private boolean sentAny;
    private final SipCounters counters;
    /** The SSRC of the caller's audio stream, -1 before its first packet. */
    private long callerSsrc = -1;

    SipCall(String callId, SipMessage invite, InetSocketAddress signalling, Sdp.Codec codec, int eventPayloadType,
            DatagramChannel rtp, int rtpPort, InetSocketAddress remoteMedia,
            BiFunction<AudioFormat, Playout.Sink, Playout> playouts,
            OrderedInbox<Exchange> inbox, SipOptions options, SipCounters counters) {
        this.callId = callId;
        this.invite = invite;
        this.signalling = signalling;
        this.localTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.codec = codec;
        this.eventPayloadType = eventPayloadType;
        this.rtp = rtp;
        this.rtpPort = rtpPort;
        this.remoteMedia = remoteMedia;
        this.inbox = inbox;
        this.counters = counters;
        byte silence = codec.format().encoding() == AudioFormat.Encoding.MULAW ? (byte) 0xFF : (byte) 0xD5;
        this.jitter = new JitterBuffer(64, options.jitterWindow(), MAX_PAYLOAD, silence);
        this.toModel = new AudioConverter(codec.format(), AudioFormat.PCM_16K);
        this.pcm = new byte[toModel.maxOutputBytes(MAX_PAYLOAD)];
        this.playout = playouts.apply(codec.format(), this);
    }

    /**
     * Whether {@code request} belongs to this call's dialog (RFC 3261 12.2.2): the INVITE's From tag, and with
     * {@code answered} (a BYE) our To tag; a CANCEL (before any To tag) has the INVITE's To.
     */
    boolean inDialog(SipMessage request, boolean answered) {
        String callerTag = tagOf(invite.header("From"));
        if (callerTag == null || !callerTag.equals(tagOf(request.header("From")))) {
            return false;
        }
        String toTag = tagOf(request.header("To"));
        return answered ? localTag.equals(toTag) : Objects.equals(tagOf(invite.header("To")), toTag);
    }

    /** The tag parameter of a From or To header, or null. */
    static String tagOf(String nameAddr) {
        for (String param : nameAddr.substring(nameAddr.indexOf('>') + 1).split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "tag=", 0, 4)) {
                return p.substring(4);
            }
        }
        return null;
    }

    /** What the caller's RTP brought, for the user agent to hand on. */
    interface Media {
        void audio(SipCall call, byte[] pcm16k);

        void digit(SipCall call, char digit);
    }

    /** An RTP datagram from the caller (UDP loop thread). */
    void received(RtpPacket packet, byte[] data, InetSocketAddress from, Media media) {
        if (!from.getAddress().equals(remoteMedia.getAddress())) {
            counters.foreignRtpPackets.increment(); // not from the caller's media address
            return;
        }
        int pt = packet.payloadType();
        if (pt == eventPayloadType) {
            int key = events.read(data, packet.payloadOffset(), packet.payloadLength(), packet.timestamp());
            if (key == TelephoneEvents.INVALID) {
                counters.invalidRtpPackets.increment();
            } else if (key != TelephoneEvents.NONE) {
                counters.dtmfDigit();
                media.digit(this, (char) key);
            }
            return;
        }
        if (pt != codec.payloadType()) {
            counters.ignoredRtpPackets.increment(); // comfort noise, another codec: not audio the model takes
            return;
        }
        long droppedBefore = jitter.droppedHeld();
        if (packet.ssrc() != callerSsrc) { // a new stream (the caller's phone restarted it): its own order
            if (callerSsrc >= 0) {
                jitter.reset();
                counters.jitterRestarts.increment();
            }
            callerSsrc = packet.ssrc();
        }
        long gapsBefore = jitter.gapsFilled();
        switch (jitter.offer(packet.sequence(), packet.timestamp(), data, packet.payloadOffset(),
                packet.payloadLength())) {
            case LATE, DUPLICATE -> counters.lateRtpPackets.increment();
            case TOO_LARGE -> counters.invalidRtpPackets.increment();
            case RESTARTED -> counters.jitterRestarts.increment();
            case STORED -> {
                // handed on below
            }
        }
        for (int n = jitter.poll(ordered); n >= 0; n = jitter.poll(ordered)) {
            int length = toModel.convert(ordered, 0, n, pcm, 0);
            counters.frameIn();
            media.audio(this, Arrays.copyOf(pcm, length)); // the exchange's body: its own array
        }
        counters.gapsFilled.add(jitter.gapsFilled() - gapsBefore);
        counters.restartDrops.add(jitter.droppedHeld() - droppedBefore);
    }

    /** A 20 ms frame of the model's audio to the caller (under the playout's monitor). */
    @Override
    public void frame(byte[] frame) {
        frame(frame, System.nanoTime());
    }

    /**
     * Sends {@code frame} at {@code now}. Frames sent ahead, or late by less than a frame (a pacer tick's jitter:
     * comfort silence goes out when due, not ahead), follow on from the last one; once the last has played out for
     * longer (the model was silent), a talk spurt begins: its timestamp advances by the time that passed (RFC 3550
     * 5.1: the sampling instant, so the caller's jitter buffer sees the pause) and it carries the marker bit.
     */
    void frame(byte[] frame, long now) {
        boolean talkSpurt = !sentAny || now - nextDue > frame.length * NANOS_PER_SAMPLE;
        if (sentAny && talkSpurt) {
            timestamp = (timestamp + (now - nextDue) / NANOS_PER_SAMPLE) & 0xFFFFFFFFL;
        }
        if (talkSpurt) {
            nextDue = now;
            sentAny = true;
        }
        RtpPacket.writeHeader(outPacket, codec.payloadType(), talkSpurt, sequence, timestamp, ssrc);
        System.arraycopy(frame, 0, outPacket, RtpPacket.HEADER_BYTES, frame.length);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + frame.length) & 0xFFFFFFFFL;
        nextDue += frame.length * NANOS_PER_SAMPLE;
        outBuffer.clear();
        try {
            if (rtp.send(outBuffer, remoteMedia) == 0) {
                counters.rtpSendFailures.increment(); // the socket's buffer is full: the frame is lost
            }
        } catch (IOException e) {
            counters.rtpSendFailures.increment();
        }
    }

    @Override
    public void mark(String name) {
        // RTP has no marks: the playout's position is all there is
    }

    @Override
    public void clear() {
        // audio already sent cannot be called back; the short playback lead keeps it small
    }
}
