package io.github.camelgeminilive.telephony.sip;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.camelgeminilive.telephony.call.CallCounters;
import io.github.camelgeminilive.telephony.playout.PlayoutCounters;

/**
 * What a SIP endpoint's calls did and dropped, since it started. Thread-safe. Of the calls: started = answered (200
 * OK); ended = BYE either way, CANCEL, no ACK, or the endpoint stopping; refused = busy (maxCalls), no common codec
 * (488), no RTP port, malformed (400); frames in = caller audio packets (in order, gaps filled) handed to the route.
 */
public final class SipCounters extends CallCounters {

    final LongAdder invalidMessages = new LongAdder();
    final LongAdder oversizeMessages = new LongAdder();
    final LongAdder backlogDrops = new LongAdder();
    final LongAdder foreignRtpPackets = new LongAdder();
    final LongAdder invalidRtpPackets = new LongAdder();
    final LongAdder ignoredRtpPackets = new LongAdder();
    final LongAdder lateRtpPackets = new LongAdder();
    final LongAdder jitterRestarts = new LongAdder();
    final LongAdder restartDrops = new LongAdder();
    final LongAdder stopDrops = new LongAdder();
    final LongAdder gapsFilled = new LongAdder();
    final LongAdder rtpSendFailures = new LongAdder();
    final PlayoutCounters playout = new PlayoutCounters();

    /** SIP datagrams that could not be parsed, or requests missing a header they need. */
    public long invalidMessages() {
        return invalidMessages.sum();
    }

    /** SIP datagrams larger than maxMessageSize, dropped. */
    public long oversizeMessages() {
        return oversizeMessages.sum();
    }

    /** Caller audio frames and key presses dropped because the route fell maxBacklog of them behind. */
    public long backlogDrops() {
        return backlogDrops.sum();
    }

    /** RTP packets from another address than the caller's SDP named, dropped. */
    public long foreignRtpPackets() {
        return foreignRtpPackets.sum();
    }

    /** Datagrams on an RTP port that are not RTP, or payloads too large, dropped. */
    public long invalidRtpPackets() {
        return invalidRtpPackets.sum();
    }

    /** RTP packets of a payload type that is not the call's codec or telephone-event, dropped. */
    public long ignoredRtpPackets() {
        return ignoredRtpPackets.sum();
    }

    /** RTP packets that came after their turn or twice, dropped. */
    public long lateRtpPackets() {
        return lateRtpPackets.sum();
    }

    /** Caller's packets held in the jitter buffer and dropped when their stream restarted. */
    public long restartDrops() {
        return restartDrops.sum();
    }

    /** Call events dropped because the endpoint was stopping (its pool refused them). */
    public long stopDrops() {
        return stopDrops.sum();
    }

    /** Times a caller's packets came so far ahead that the jitter buffer started over. */
    public long jitterRestarts() {
        return jitterRestarts.sum();
    }

    /** Missing caller packets filled with silence. */
    public long gapsFilled() {
        return gapsFilled.sum();
    }

    /** RTP packets to the caller that could not be sent. */
    public long rtpSendFailures() {
        return rtpSendFailures.sum();
    }

    @Override
    protected void addCounts(Map<String, LongSupplier> counts) {
        counts.put("invalidMessages", this::invalidMessages);
        counts.put("oversizeMessages", this::oversizeMessages);
        counts.put("backlogDrops", this::backlogDrops);
        counts.put("stopDrops", this::stopDrops);
        counts.put("foreignRtpPackets", this::foreignRtpPackets);
        counts.put("invalidRtpPackets", this::invalidRtpPackets);
        counts.put("ignoredRtpPackets", this::ignoredRtpPackets);
        counts.put("lateRtpPackets", this::lateRtpPackets);
        counts.put("jitterRestarts", this::jitterRestarts);
        counts.put("restartDrops", this::restartDrops);
        counts.put("gapsFilled", this::gapsFilled);
        counts.put("rtpSendFailures", this::rtpSendFailures);
        playout.addTo(counts);
    }

    /** The model's audio played to the calls: frames sent, audio dropped on barge-in, overflow or hang-up. */
    public PlayoutCounters playout() {
        return playout;
    }
}
