package io.github.camelgeminilive.telephony.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.ordered.OrderedInbox;
import io.github.camelgeminilive.telephony.call.DropLog;
import io.github.camelgeminilive.telephony.playout.Pacer;
import io.github.camelgeminilive.telephony.playout.Playout;
import io.github.camelgeminilive.telephony.rtp.RtpPacket;
import io.github.camelgeminilive.telephony.rtp.RtpPorts;
import io.github.camelgeminilive.telephony.rtp.UdpLoop;

/**
 * A SIP user agent server over UDP (RFC 3261, the part a phone-call endpoint needs): answers INVITEs with an SDP
 * offer of PCMU or PCMA (100, 180, 200 with the answer, 488 when no codec fits, 486 when maxCalls are under way),
 * sends its 200 again until the ACK comes, ends calls on BYE either way and CANCEL while ringing, answers OPTIONS.
 * One UDP loop thread reads the SIP socket and every call's RTP socket; one timer thread runs retransmissions and
 * the ring time; the model's audio is paced by the context's {@link Pacer}. No thread per call.
 */
final class SipUserAgent {

    /** What the calls do, for the route. Called on the UDP loop or timer thread: must not block. */
    interface Listener extends SipCall.Media {
        /** A call's inbox (one per call, made when the INVITE is taken). */
        OrderedInbox<Exchange> inbox();

        /** The call was answered. */
        void started(SipCall call);

        /** An answered call ended. */
        void ended(SipCall call, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SipUserAgent.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS";
    private static final long T1_MILLIS = 500;
    private static final long T2_MILLIS = 4000;
    /** Final responses remembered for INVITEs sent again after them. */
    private static final int MAX_REMEMBERED = 256;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SipOptions options;
    private final CamelContext context;
    private final Listener listener;
    private final SipCounters counters;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private final Map<String, byte[]> rejected = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    /** Our BYEs waiting for their 200, by Call-ID: sent again until it comes. */
    private final Map<String, Runnable> byes = new ConcurrentHashMap<>();
    private final RtpPacket packet = new RtpPacket(); // the UDP loop's own
    private DatagramChannel sip;
    private int port;
    private ExecutorService loopThread;
    private ScheduledExecutorService timers;
    private UdpLoop loop;
    private RtpPorts ports;
    private Pacer pacer;

    SipUserAgent(SipOptions options, CamelContext context, Listener listener, SipCounters counters) {
        this.options = options;
        this.context = context;
        this.listener = listener;
        this.counters = counters;
    }

    void start() throws IOException {
        ports = new RtpPorts(options.host(), options.rtpPortMin(), options.rtpPortMax());
        pacer = Pacer.of(context);
        sip = DatagramChannel.open(StandardProtocolFamily.INET);
        sip.bind(new InetSocketAddress(options.host(), options.port()));
        port = ((InetSocketAddress) sip.getLocalAddress()).getPort();
        loopThread = context.getExecutorServiceManager().newSingleThreadExecutor(this, "GeminiLiveSipUdp");
        timers = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "GeminiLiveSipTimers");
        loop = new UdpLoop(loopThread);
        loop.register(sip, this::sipReceived);
        LOG.info("SIP user agent listening on udp:{}:{}", options.host(), port);
    }

    /** Hangs up every call (BYE), then closes the sockets. */
    void stop() {
        for (SipCall call : new ArrayList<>(calls.values())) {
            end(call, "stopped", true);
        }
        if (loop != null) {
            loop.close();
        }
        try {
            if (sip != null) {
                sip.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing the SIP socket: {}", e.getMessage());
        }
        if (timers != null) {
            context.getExecutorServiceManager().shutdown(timers);
        }
        if (loopThread != null) {
            context.getExecutorServiceManager().shutdown(loopThread);
        }
    }

    /** The SIP port (the one picked when the options said 0). */
    int port() {
        return port;
    }

    SipCounters counters() {
        return counters;
    }

    SipCall call(String callId) {
        return calls.get(callId);
    }

    Collection<SipCall> calls() {
        return calls.values();
    }

    /** The route hangs up: BYE for an answered call, 603 Decline for a ringing one; false for no such call. */
    boolean hangup(String callId) {
        SipCall call = calls.get(callId);
        if (call == null) {
            return false;
        }
        end(call, "route", true);
        return true;
    }

    private void sipReceived(byte[] data, int length, InetSocketAddress from) {
        if (length > options.maxMessageSize()) {
            dropped(counters.oversizeMessages, from, "a SIP datagram of " + length + " bytes, larger than"
                    + " maxMessageSize " + options.maxMessageSize());
            return;
        }
        SipMessage message;
        try {
            message = SipMessage.parse(data, length);
            message.required("Call-ID");
            message.cseqNumber();
        } catch (SipParseException e) {
            dropped(counters.invalidMessages, from, "an unreadable SIP datagram: " + e.getMessage());
            return;
        }
        if (!message.isRequest()) {
            if ("BYE".equals(message.cseqMethod()) && message.status() >= 200) {
                Runnable retry = byes.remove(message.header("Call-ID"));
                if (retry != null) {
                    LOG.debug("BYE of call {} answered {}", message.header("Call-ID"), message.status());
                }
            }
            return;
        }
        if (message.header("Via") == null || message.header("From") == null || message.header("To") == null) {
            dropped(counters.invalidMessages, from, "a SIP " + message.method() + " without Via, From or To");
            return;
        }
        switch (message.method()) {
            case "INVITE" -> invite(message, from);
            case "ACK" -> ack(message);
            case "BYE" -> bye(message, from);
            case "CANCEL" -> cancel(message, from);
            case "OPTIONS" -> send(response(message, 200, "OK", null, List.of(
                    new SipMessage.Header("Allow", ALLOW), new SipMessage.Header("Accept", "application/sdp")),
                    new byte[0]), from);
            default -> send(response(message, 405, "Method Not Allowed", null,
                    List.of(new SipMessage.Header("Allow", ALLOW)), new byte[0]), from);
        }
    }

    /** Counts a dropped datagram and logs it without flooding the log. */
    private static void dropped(LongAdder counter, InetSocketAddress from, String what) {
        DropLog.count(counter, LOG, () -> "Dropped " + what + " from " + from);
    }

    private void invite(SipMessage invite, InetSocketAddress from) {
        String callId = invite.header("Call-ID");
        SipCall existing = calls.get(callId);
        if (existing != null) {
            inviteAgain(existing, invite, from);
            return;
        }
        byte[] remembered;
        synchronized (rejected) {
            remembered = rejected.get(callId);
        }
        if (remembered != null) { // the INVITE again, after we refused or cancelled it
            send(remembered, from);
            return;
        }
        Sdp offer;
        Sdp.Codec codec;
        InetSocketAddress media;
        try {
            offer = Sdp.parse(invite.body());
            codec = offer.choose();
            media = mediaAddress(offer, from);
        } catch (SipParseException e) {
            refuse(invite, from, 488, "Not Acceptable Here", e.getMessage());
            return;
        }
        if (codec == null) {
            refuse(invite, from, 488, "Not Acceptable Here", "no PCMU or PCMA audio offered");
            return;
        }
        SipCall call;
        synchronized (calls) {
            if (calls.size() >= options.maxCalls()) {
                refuse(invite, from, 486, "Busy Here", options.maxCalls() + " calls under way (maxCalls)");
                return;
            }
            DatagramChannel rtp;
            int rtpPort;
            try {
                rtp = ports.open();
                rtpPort = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            } catch (IOException e) {
                refuse(invite, from, 503, "Service Unavailable", e.getMessage());
                return;
            }
            call = new SipCall(callId, invite, from, codec, offer.telephoneEvent(), rtp, rtpPort, media,
                    // RTP keeps flowing while the model is silent: a gateway may hang up on its media timeout
                    (format, sink) -> new Playout(format, options.bufferFrames(), options.leadNanos(), true, sink,
                            counters.playout),
                    listener.inbox(), options, counters);
            calls.put(callId, call);
        }
        try {
            loop.register(call.rtp, (data, length, source) -> rtpReceived(call, data, length, source));
        } catch (IOException e) {
            end(call, "no RTP socket", false);
            refuse(invite, from, 503, "Service Unavailable", "the RTP socket failed: " + e.getMessage());
            return;
        }
        send(response(invite, 100, "Trying", null, List.of(), new byte[0]), from);
        send(response(invite, 180, "Ringing", call.localTag, List.of(), new byte[0]), from);
        if (options.ringMillis() > 0) {
            timers.schedule(() -> answer(call), options.ringMillis(), TimeUnit.MILLISECONDS);
        } else {
            answer(call);
        }
    }

    /** The same INVITE again (its response was lost) or a re-INVITE of the call: the answer stands. */
    private void inviteAgain(SipCall call, SipMessage invite, InetSocketAddress from) {
        synchronized (call) {
            if (invite.cseqNumber() == call.invite.cseqNumber()) {
                send(call.finalResponse != null ? call.finalResponse
                        : response(invite, 180, "Ringing", call.localTag, List.of(), new byte[0]), from);
            } else {
                send(answerOf(call, invite), from); // a re-INVITE (refresh, hold): the media stays as it is
            }
        }
    }

    private void answer(SipCall call) {
        synchronized (call) {
            if (call.state != SipCall.State.RINGING) {
                return;
            }
            call.finalResponse = answerOf(call, call.invite);
            call.state = SipCall.State.ANSWERED;
            send(call.finalResponse, call.signalling);
            retransmitAnswer(call, T1_MILLIS, 0);
        }
        pacer.add(call.playout);
        counters.callStarted();
        LOG.debug("Call {} answered with {} on RTP port {}", call.callId, call.codec.name(), call.rtpPort);
        listener.started(call);
    }

    private byte[] answerOf(SipCall call, SipMessage invite) {
        byte[] sdp = Sdp.parse(call.invite.body()).answer(options.host(), call.rtpPort, call.codec,
                call.localTag.hashCode() & 0x7FFFFFFFL);
        List<SipMessage.Header> extra = new ArrayList<>();
        extra.add(new SipMessage.Header("Contact", "<sip:gemini-live@" + options.host() + ":" + port + ">"));
        extra.add(new SipMessage.Header("Allow", ALLOW));
        extra.add(new SipMessage.Header("Content-Type", "application/sdp"));
        invite.headers("Record-Route").forEach(r -> extra.add(new SipMessage.Header("Record-Route", r)));
        return response(invite, 200, "OK", call.localTag, extra, sdp);
    }

    /** RFC 3261 13.3.1.4: the 200 goes again at T1, doubling up to T2, until the ACK; after 64 T1 the call ends. */
    private void retransmitAnswer(SipCall call, long delay, long waited) {
        if (waited >= 64 * T1_MILLIS) {
            LOG.warn("Call {} got no ACK for its 200 OK: hanging up", call.callId);
            timers.execute(() -> end(call, "no ACK", true));
            return;
        }
        call.timer = timers.schedule(() -> {
            synchronized (call) {
                if (call.state == SipCall.State.ANSWERED) {
                    send(call.finalResponse, call.signalling);
                    retransmitAnswer(call, Math.min(2 * delay, T2_MILLIS), waited + delay);
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void ack(SipMessage ack) {
        String callId = ack.header("Call-ID");
        SipCall call = calls.get(callId);
        if (call != null) {
            synchronized (call) {
                if (call.state == SipCall.State.ANSWERED) {
                    call.state = SipCall.State.CONFIRMED;
                    call.timer.cancel(false);
                }
            }
        } else {
            synchronized (rejected) {
                rejected.remove(callId); // the refusal was heard
            }
        }
    }

    private void bye(SipMessage bye, InetSocketAddress from) {
        SipCall call = calls.get(bye.header("Call-ID"));
        if (call == null || !call.inDialog(bye, true)) {
            send(response(bye, 481, "Call/Transaction Does Not Exist", null, List.of(), new byte[0]), from);
            return;
        }
        send(response(bye, 200, "OK", null, List.of(), new byte[0]), from);
        end(call, "bye", false);
    }

    private void cancel(SipMessage cancel, InetSocketAddress from) {
        SipCall call = calls.get(cancel.header("Call-ID"));
        if (call == null || call.invite.cseqNumber() != cancel.cseqNumber() || !call.inDialog(cancel, false)) {
            send(response(cancel, 481, "Call/Transaction Does Not Exist", null, List.of(), new byte[0]), from);
            return;
        }
        send(response(cancel, 200, "OK", null, List.of(), new byte[0]), from);
        synchronized (call) {
            if (call.state != SipCall.State.RINGING) {
                return; // answered already: the CANCEL has no effect (RFC 3261 9.2), a BYE ends the call
            }
            byte[] terminated = response(call.invite, 487, "Request Terminated", call.localTag, List.of(),
                    new byte[0]);
            remember(call.callId, terminated);
            send(terminated, call.signalling);
        }
        end(call, "cancel", false);
    }

    /** Ends a call once: its BYE (or 603 while ringing) when we hang up, its RTP port freed, the route told. */
    private void end(SipCall call, String reason, boolean hangUp) {
        boolean answered;
        synchronized (call) {
            if (call.state == SipCall.State.ENDED) {
                return;
            }
            if (hangUp && call.state == SipCall.State.RINGING) {
                byte[] declined = response(call.invite, 603, "Decline", call.localTag, List.of(), new byte[0]);
                remember(call.callId, declined);
                send(declined, call.signalling);
            } else if (hangUp) {
                sendBye(call);
            }
            answered = call.state != SipCall.State.RINGING;
            call.state = SipCall.State.ENDED;
            if (call.timer != null) {
                call.timer.cancel(false);
            }
            calls.remove(call.callId, call);
            call.playout.end();
            pacer.remove(call.playout);
            ports.close(call.rtp, call.rtpPort);
            if (answered) {
                counters.callEnded();
            }
        }
        LOG.debug("Call {} ended: {}", call.callId, reason);
        if (answered) {
            listener.ended(call, reason);
        }
    }

    private void sendBye(SipCall call) {
        SipMessage invite = call.invite;
        String toUri = uriOf(invite.header("Contact") != null ? invite.header("Contact") : invite.header("From"));
        List<SipMessage.Header> headers = List.of(
                new SipMessage.Header("Via", "SIP/2.0/UDP " + options.host() + ":" + port + ";branch=z9hG4bK"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ";rport"),
                new SipMessage.Header("Max-Forwards", "70"),
                new SipMessage.Header("From", withTag(invite.header("To"), call.localTag)),
                new SipMessage.Header("To", invite.header("From")),
                new SipMessage.Header("Call-ID", call.callId),
                new SipMessage.Header("CSeq", ++call.byeCseq + " BYE"));
        byte[] bye = SipMessage.request("BYE", toUri, headers, new byte[0]).toBytes();
        Runnable retry = new Runnable() {
            private long delay = T1_MILLIS;

            @Override
            public void run() { // RFC 3261 17.1.2.2: again at T1, doubling up to T2, until answered or 64 T1
                if (byes.get(call.callId) == this) {
                    send(bye, call.signalling);
                    if (delay <= 16 * T1_MILLIS) {
                        timers.schedule(this, delay, TimeUnit.MILLISECONDS);
                        delay = Math.min(2 * delay, T2_MILLIS);
                    } else {
                        byes.remove(call.callId, this);
                    }
                }
            }
        };
        byes.put(call.callId, retry);
        retry.run();
    }

    private void rtpReceived(SipCall call, byte[] data, int length, InetSocketAddress from) {
        if (!packet.read(data, length)) {
            counters.invalidRtpPackets.increment();
            return;
        }
        call.received(packet, data, from, listener);
    }

    private void refuse(SipMessage invite, InetSocketAddress from, int status, String reason, String why) {
        DropLog.log(LOG, counters.callRefused(), () -> "Refused the call " + invite.header("Call-ID") + " from "
                + from + ": " + status + " " + reason + " (" + why + ")");
        byte[] response = response(invite, status, reason, Long.toHexString(ThreadLocalRandom.current().nextLong()),
                List.of(new SipMessage.Header("Warning", "399 gemini-live \"" + why.replace('"', '\'') + "\"")),
                new byte[0]);
        remember(invite.header("Call-ID"), response);
        send(response, from);
    }

    private void remember(String callId, byte[] response) {
        synchronized (rejected) {
            rejected.put(callId, response);
        }
    }

    /** A response to {@code request}: its Vias, From, To (with {@code toTag} when it has none), Call-ID, CSeq. */
    private static byte[] response(SipMessage request, int status, String reason, String toTag,
            List<SipMessage.Header> extra, byte[] body) {
        List<SipMessage.Header> headers = new ArrayList<>();
        request.headers("Via").forEach(via -> headers.add(new SipMessage.Header("Via", via)));
        headers.add(new SipMessage.Header("From", request.header("From")));
        String to = request.header("To");
        headers.add(new SipMessage.Header("To", toTag == null ? to : withTag(to, toTag)));
        headers.add(new SipMessage.Header("Call-ID", request.header("Call-ID")));
        headers.add(new SipMessage.Header("CSeq", request.header("CSeq")));
        headers.addAll(extra);
        return SipMessage.response(status, reason, headers, body).toBytes();
    }

    private static String withTag(String nameAddr, String tag) {
        return nameAddr.toLowerCase(Locale.ROOT).contains(";tag=") ? nameAddr : nameAddr + ";tag=" + tag;
    }

    /** The URI of a name-addr ({@code "Bob" <sip:bob@host>;tag=x}) or addr-spec. */
    static String uriOf(String nameAddr) {
        int open = nameAddr.indexOf('<');
        int close = nameAddr.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return nameAddr.substring(open + 1, close);
        }
        int semicolon = nameAddr.indexOf(';');
        return (semicolon < 0 ? nameAddr : nameAddr.substring(0, semicolon)).trim();
    }

    /**
     * Where the call's RTP goes: the SDP's address, which must be the one the INVITE came from. Otherwise a forged
     * INVITE would aim 50 packets a second at any host it names.
     */
    private static InetSocketAddress mediaAddress(Sdp offer, InetSocketAddress from) {
        InetAddress address;
        try {
            if (!IPV4.matcher(offer.address()).matches()) {
                throw new IOException("not an IPv4 address");
            }
            address = InetAddress.getByName(offer.address());
        } catch (IOException e) {
            throw new SipParseException("the SDP's address '" + offer.address() + "' is not an IPv4 address");
        }
        if (!address.equals(from.getAddress())) {
            throw new SipParseException("the SDP's address " + offer.address() + " is not the address the INVITE"
                    + " came from (" + from.getAddress().getHostAddress() + "): media go only where signalling"
                    + " comes from");
        }
        return new InetSocketAddress(address, offer.port());
    }

    private void send(byte[] message, InetSocketAddress to) {
        try {
            sip.send(ByteBuffer.wrap(message), to);
        } catch (IOException e) {
            LOG.debug("Could not send a SIP message to {}: {}", to, e.getMessage());
        }
    }
}
