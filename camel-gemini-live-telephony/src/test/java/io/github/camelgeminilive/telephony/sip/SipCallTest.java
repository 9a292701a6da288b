package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * Calls placed by sipp on 127.0.0.1 to a route that bridges each call to its own live session on the emulator:
 * the caller's speech reaches the model, the model's voice comes back as RTP, a key press reaches the route, and the
 * call ends cleanly whoever hangs up; refusals (488), OPTIONS and a CANCEL while ringing; 20 calls at once.
 */
class SipCallTest {

    private static final String API_KEY = "sip-test-key";

    private static GeminiLiveEmulator emulator;
    private static CamelContext context;
    private static int sipPort;
    private static int ringingPort;
    private static GeminiLiveSipEndpoint sip;
    private static final Queue<Map<String, Object>> events = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        Sipp.requireInstalled();
        emulator = GeminiLiveEmulator.builder().port(0).apiKey(API_KEY).pace(0.0).build().start();
        // port 0: each consumer binds a free port, read back below; producers reach the first by 127.0.0.1:0
        String sipUri = "gemini-live-sip:127.0.0.1:0";
        String live = "gemini-live:calls?openOnStart=false&baseUrl=" + emulator.baseUrl() + "&apiKey={{gemini.key}}";
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.key", API_KEY);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(sipUri + "?rtpPortMin=41000&rtpPortMax=41199&greeting=Hello caller").routeId("calls")
                        .process(e -> events.add(Map.copyOf(e.getMessage().getHeaders().entrySet().stream()
                                .filter(h -> h.getValue() != null && h.getKey().startsWith("CamelGeminiLiveSip"))
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))))
                        .choice()
                        .when(header(GeminiLiveSipConstants.TO_MODEL).isEqualTo(true)).to(live)
                        .when(header(GeminiLiveSipConstants.DTMF_DIGIT).isEqualTo("#"))
                        .setHeader(GeminiLiveSipConstants.OPERATION, constant("hangup")).to(sipUri);
                from(live).routeId("model").to(sipUri);
                from("gemini-live-sip:127.0.0.1:0?rtpPortMin=41200&rtpPortMax=41299&ringTime=20s&maxCalls=1")
                        .routeId("ringing").to(live);
            }
        });
        context.start();
        sipPort = Sipp.localPort(context, "calls");
        ringingPort = Sipp.localPort(context, "ringing");
        sip = context.getEndpoint(sipUri + "?rtpPortMin=41000&rtpPortMax=41199&greeting=Hello caller",
                GeminiLiveSipEndpoint.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void callerTalksHearsTheModelPressesAKeyAndHangsUp() throws Exception {
        int sessionsBefore = emulator.admin().sessions().size();
        try (RtpReceiver ear = new RtpReceiver()) {
            CompletableFuture<Integer> sipp = Sipp.run("call-caller-hangs-up.xml", sipPort, 1,
                    "sink_port", String.valueOf(ear.port()));
            // the model's greeting comes back as RTP: half a second of voiced packets
            await().atMost(Duration.ofSeconds(20)).until(() -> maxVoiced(ear) >= 25);
            long ssrc = ear.voicedPackets().keySet().iterator().next();
            ear.pressKey('5', ear.source(ssrc), 101);
            await().atMost(Duration.ofSeconds(10)).until(() -> has("dtmf", "5"));
            assertThat(sipp.get(40, TimeUnit.SECONDS)).as(Sipp.errors("call-caller-hangs-up.xml")).isZero();
        }
        String callId = callIdOf("start");
        await().atMost(Duration.ofSeconds(10)).until(() -> hangupReason(callId) != null);
        assertThat(hangupReason(callId)).isEqualTo("bye");
        assertThat(eventsOf(callId)).first().extracting(e -> e.get(GeminiLiveSipConstants.CODEC)).isEqualTo("PCMU");
        List<SessionInfo> sessions = newSessions(sessionsBefore, 1);
        // the caller's speech reached the model (16 kHz: 2 samples per caller sample), and the session ended
        assertThat(sessions.get(0).audioSamplesReceived()).isGreaterThan(16_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> openConnections(sessions.get(0).sessionId()) == 0);
    }

    @Test
    void theRouteHangsUpWhenTheCallerPressesHash() throws Exception {
        int sessionsBefore = emulator.admin().sessions().size();
        try (RtpReceiver ear = new RtpReceiver()) {
            CompletableFuture<Integer> sipp = Sipp.run("call-route-hangs-up.xml", sipPort, 1,
                    "sink_port", String.valueOf(ear.port()));
            await().atMost(Duration.ofSeconds(20)).until(() -> maxVoiced(ear) >= 25);
            long ssrc = ear.voicedPackets().keySet().iterator().next();
            ear.pressKey('#', ear.source(ssrc), 101);
            // sipp's scenario passes only if our BYE came and its 200 OK was sent
            assertThat(sipp.get(40, TimeUnit.SECONDS)).as(Sipp.errors("call-route-hangs-up.xml")).isZero();
        }
        List<SessionInfo> sessions = newSessions(sessionsBefore, 1);
        String callId = callIdWithCodec("PCMA");
        await().atMost(Duration.ofSeconds(10)).until(() -> "route".equals(hangupReason(callId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> openConnections(sessions.get(0).sessionId()) == 0);
    }

    @Test
    void twentyCallsAtOnceEachHaveTheirOwnSession() throws Exception {
        int sessionsBefore = emulator.admin().sessions().size();
        long endedBefore = sip.getCounters().callsEnded();
        try (RtpReceiver ears = new RtpReceiver()) {
            CompletableFuture<Integer> sipp = Sipp.run("call-caller-hangs-up.xml", sipPort, 20,
                    "sink_port", String.valueOf(ears.port()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ears.voicedPackets().values().stream().filter(n -> n.get() >= 25).count() == 20);
            assertThat(sipp.get(40, TimeUnit.SECONDS)).as(Sipp.errors("call-caller-hangs-up.xml")).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sip.getCounters().callsEnded() - endedBefore == 20);
        List<SessionInfo> sessions = newSessions(sessionsBefore, 20);
        // the whole clip (hello-8k.ulaw: 4.07 s, 65,056 samples at 16 kHz) reached each session: a gap the jitter
        // buffer gives up on is filled with silence, so only audio lost on the way can make a session hear less
        assertThat(sessions).allSatisfy(s -> assertThat(s.audioSamplesReceived()).isGreaterThanOrEqualTo(64_000));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sessions.stream().allMatch(s -> openConnections(s.sessionId()) == 0));
        assertThat(sip.getCounters().backlogDrops()).isZero();
        // what a pool without a queue refused while running was dropped here (14,720-64,960 samples heard)
        assertThat(sip.getCounters().stopDrops()).isZero();
    }

    @Test
    void optionsAreAnsweredAndACallWithoutG711IsRefused() throws Exception {
        long refusedBefore = sip.getCounters().callsRefused();
        assertThat(Sipp.run("refused.xml", sipPort, 1, "sink_port", "40000").get(40, TimeUnit.SECONDS))
                .as(Sipp.errors("refused.xml")).isZero();
        assertThat(sip.getCounters().callsRefused() - refusedBefore).isEqualTo(1);
    }

    @Test
    void aCallCancelledWhileRingingNeverReachesTheRoute() throws Exception {
        int sessionsBefore = emulator.admin().sessions().size();
        assertThat(Sipp.run("cancelled.xml", ringingPort, 1, "sink_port", "40000").get(40, TimeUnit.SECONDS))
                .as(Sipp.errors("cancelled.xml")).isZero();
        assertThat(emulator.admin().sessions()).hasSize(sessionsBefore);
    }

    @Test
    void unreadableAndOversizedDatagramsAreCountedAndTheAgentGoesOn() throws Exception {
        long invalidBefore = sip.getCounters().invalidMessages();
        long oversizeBefore = sip.getCounters().oversizeMessages();
        try (DatagramSocket phone = phone()) {
            send(phone, sipPort, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            send(phone, sipPort, "OPTIONS sip:x SIP/2.0\r\nCall-ID: big\r\nX: " + "a".repeat(9000) + "\r\n\r\n");
            send(phone, sipPort, request("OPTIONS", "alive", 1, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 200 OK\r\n").contains("Call-ID: alive");
        }
        assertThat(sip.getCounters().invalidMessages() - invalidBefore).isEqualTo(1);
        assertThat(sip.getCounters().oversizeMessages() - oversizeBefore).isEqualTo(1);
    }

    @Test
    void anInviteBeyondMaxCallsIsBusy() throws Exception {
        try (DatagramSocket phone = phone()) {
            ring(phone, "first", 0);
            send(phone, ringingPort, invite("second", "127.0.0.1", 0));
            assertThat(receive(phone)).startsWith("SIP/2.0 486 Busy Here").contains("Call-ID: second")
                    .contains("maxCalls");
            send(phone, ringingPort, request("CANCEL", "first", 1, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("CSeq: 1 CANCEL");
            assertThat(receive(phone)).startsWith("SIP/2.0 487 Request Terminated").contains("Call-ID: first");
        }
    }

    @Test
    void anInviteSentAgainIsAnsweredAgainAndStrayRequestsAreRefused() throws Exception {
        try (DatagramSocket phone = phone()) {
            String ringing = ring(phone, "again", 8);
            send(phone, ringingPort, invite("again", "127.0.0.1", 8)); // its answer was lost, say
            assertThat(receive(phone)).as("the same 180, the same To tag").isEqualTo(ringing);
            send(phone, ringingPort, request("BYE", "no-such-call", 2, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 481 Call/Transaction Does Not Exist");
            send(phone, ringingPort, request("REGISTER", "again", 3, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 405 Method Not Allowed")
                    .contains("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS");
            send(phone, ringingPort, request("CANCEL", "again", 1, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 200 OK");
            assertThat(receive(phone)).startsWith("SIP/2.0 487 Request Terminated");
            send(phone, ringingPort, invite("again", "127.0.0.1", 8)); // after the cancel: the same 487 again
            assertThat(receive(phone)).startsWith("SIP/2.0 487 Request Terminated");
        }
    }

    @Test
    void anInviteWhoseMediaAddressIsNotItsSourceIsRefused() throws Exception {
        long refusedBefore = sip.getCounters().callsRefused();
        try (DatagramSocket phone = phone()) {
            // a forged INVITE aiming the call's RTP at another host
            send(phone, sipPort, invite("elsewhere", "127.0.0.2", 0));
            assertThat(receive(phone)).startsWith("SIP/2.0 488 Not Acceptable Here").contains("Call-ID: elsewhere")
                    .contains("not the address the INVITE came from");
        }
        assertThat(sip.getCounters().callsRefused() - refusedBefore).isEqualTo(1);
    }

    @Test
    void aByeOrCancelWithTheWrongTagsIsRefusedAndTheCallGoesOn() throws Exception {
        try (DatagramSocket phone = phone()) {
            String ringing = ring(phone, "tagged", 0);
            String ourTag = ringing.replaceAll("(?s).*\r\nTo: [^\r]*;tag=([^;\r]+).*", "$1");
            send(phone, ringingPort, request("CANCEL", "tagged", 1, "forged", null, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 481").contains("CSeq: 1 CANCEL");
            send(phone, ringingPort, request("BYE", "tagged", 2, "t1", "forged", ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 481").contains("CSeq: 2 BYE");
            send(phone, ringingPort, request("BYE", "tagged", 3, "forged", ourTag, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 481").contains("CSeq: 3 BYE");
            send(phone, ringingPort, request("CANCEL", "tagged", 1, ""));
            assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("CSeq: 1 CANCEL");
            assertThat(receive(phone)).startsWith("SIP/2.0 487 Request Terminated").contains("Call-ID: tagged");
        }
    }

    /** A phone on loopback whose reads give up after 10 s. */
    private static DatagramSocket phone() throws IOException {
        DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phone.setSoTimeout(10_000);
        return phone;
    }

    /** Calls the agent that only rings: returns its 180 Ringing, after the 100 Trying. */
    private static String ring(DatagramSocket phone, String callId, int payloadType) throws IOException {
        send(phone, ringingPort, invite(callId, "127.0.0.1", payloadType));
        assertThat(receive(phone)).startsWith("SIP/2.0 100 Trying");
        String ringing = receive(phone);
        assertThat(ringing).startsWith("SIP/2.0 180 Ringing");
        return ringing;
    }

    /** An INVITE whose SDP offers one payload type (0 PCMU, 8 PCMA) with its media at {@code mediaHost}. */
    private static String invite(String callId, String mediaHost, int payloadType) {
        return request("INVITE", callId, 1, "v=0\r\nc=IN IP4 " + mediaHost + "\r\nm=audio 40000 RTP/AVP "
                + payloadType + "\r\n");
    }

    private static String request(String method, String callId, int cseq, String body) {
        return request(method, callId, cseq, "t1", null, body);
    }

    private static String request(String method, String callId, int cseq, String fromTag, String toTag,
            String body) {
        return method + " sip:gemini@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK" + callId
                + "\r\nFrom: <sip:test@127.0.0.1>;tag=" + fromTag + "\r\nTo: <sip:gemini@127.0.0.1>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\nCall-ID: " + callId
                + "\r\nCSeq: " + cseq + " " + method + "\r\nContact: <sip:test@127.0.0.1:5999>\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    private static void send(DatagramSocket socket, int port, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
    }

    private static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static int maxVoiced(RtpReceiver ear) {
        return ear.voicedPackets().values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    private static boolean has(String event, String digit) {
        return events.stream().anyMatch(e -> event.equals(e.get(GeminiLiveSipConstants.EVENT))
                && digit.equals(e.get(GeminiLiveSipConstants.DTMF_DIGIT)));
    }

    /** The Call-ID of the most recent call whose first event was {@code event}. */
    private static String callIdOf(String event) {
        return events.stream().filter(e -> event.equals(e.get(GeminiLiveSipConstants.EVENT)))
                .map(e -> (String) e.get(GeminiLiveSipConstants.CALL_ID)).reduce((a, b) -> b).orElseThrow();
    }

    /** The Call-ID of the most recent call answered with {@code codec}. */
    private static String callIdWithCodec(String codec) {
        return events.stream().filter(e -> codec.equals(e.get(GeminiLiveSipConstants.CODEC)))
                .map(e -> (String) e.get(GeminiLiveSipConstants.CALL_ID)).reduce((a, b) -> b).orElseThrow();
    }

    private static List<Map<String, Object>> eventsOf(String callId) {
        return events.stream().filter(e -> callId.equals(e.get(GeminiLiveSipConstants.CALL_ID))).toList();
    }

    private static String hangupReason(String callId) {
        return eventsOf(callId).stream().filter(e -> "hangup".equals(e.get(GeminiLiveSipConstants.EVENT)))
                .map(e -> (String) e.get(GeminiLiveSipConstants.HANGUP_REASON)).findFirst().orElse(null);
    }

    /** The {@code count} sessions opened since there were {@code before}, each its own. */
    private static List<SessionInfo> newSessions(int before, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.admin().sessions().size() - before == count);
        List<SessionInfo> all = emulator.admin().sessions();
        List<SessionInfo> fresh = all.subList(before, all.size());
        assertThat(fresh.stream().map(SessionInfo::sessionId).collect(Collectors.toSet())).hasSize(count);
        return fresh;
    }

    private static int openConnections(String sessionId) {
        return emulator.admin().session(sessionId).orElseThrow().openConnections();
    }
}
