package io.github.camelgeminilive.telephony.sip;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import io.github.camelgeminilive.component.MeterBinding;
import io.github.camelgeminilive.telephony.playout.Playout;
import io.github.camelgeminilive.websocket.OptionBounds;

/**
 * Phone calls over SIP (UDP) to Gemini Live sessions. The consumer is a SIP user agent server: it answers INVITEs
 * (PCMU or PCMA, telephone-event), gives each call an RTP port and hands the route the call's events, with the
 * caller's audio as 16 kHz PCM ready for the {@code gemini-live} producer (session key = Call-ID). The producer
 * plays the {@code gemini-live} consumer's events to the call (its 24 kHz audio as paced 20 ms G.711 RTP packets,
 * dropped at once on {@code interrupted}) or hangs up.
 */
@ManagedResource(description = "Managed Gemini Live SIP endpoint")
@UriEndpoint(firstVersion = "0.1.0", scheme = "gemini-live-sip", title = "Gemini Live SIP",
        syntax = "gemini-live-sip:host:port", category = {Category.NETWORKING, Category.AI},
        headersClass = GeminiLiveSipConstants.class)
public class GeminiLiveSipEndpoint extends DefaultEndpoint {

    @UriPath(description = "The address the SIP and RTP sockets bind to, also the media address of the SDP"
            + " answer: 127.0.0.1 (this machine) or a public address.")
    @Metadata(required = true)
    private String host;
    @UriPath(description = "The SIP port (UDP); 0 picks a free one.")
    @Metadata(required = true)
    private int port;
    @UriParam(label = "consumer", defaultValue = "40000",
            description = "The lowest UDP port a call's RTP may take (even ports only).")
    private int rtpPortMin = 40_000;
    @UriParam(label = "consumer", defaultValue = "40999", description = "The highest UDP port a call's RTP may take.")
    private int rtpPortMax = 40_999;
    @UriParam(label = "consumer", defaultValue = "100",
            description = "Calls at once at most (1 to 10000); one more INVITE gets 486 Busy Here.")
    private int maxCalls = 100;
    @UriParam(label = "consumer", defaultValue = "8192",
            description = "The largest SIP datagram taken (1024 to 65507 bytes); a larger one is dropped, logged and"
                    + " counted.")
    private int maxMessageSize = 8192;
    @UriParam(label = "consumer", defaultValue = "0s", javaType = "java.time.Duration",
            description = "How long a call rings (180 Ringing) before it is answered, 0 to 60 s; the caller may"
                    + " CANCEL meanwhile.")
    private Duration ringTime = Duration.ZERO;
    @UriParam(label = "consumer", defaultValue = "3",
            description = "Later RTP packets held before a missing one is given up and filled with silence (1 to"
                    + " 32): the reordering the jitter buffer waits for, in 20 ms packets.")
    private int jitterWindow = 3;
    @UriParam(label = "consumer", defaultValue = "250",
            description = "Caller audio frames and key presses of one call waiting for the route at most (1 to"
                    + " 10000); more are dropped and counted.")
    private int maxBacklog = 250;
    @UriParam(label = "consumer", defaultValue = "10",
            description = "Caller audio frames of one call in the route at once (1 to 1000): a frame need not wait"
                    + " for the previous one's write to the model, only for the route to return it; 1 waits for"
                    + " each exchange to complete. Call events (start, DTMF, hang-up) run alone.")
    private int maxInFlight = 10;
    @UriParam(label = "consumer", defaultValue = "30s", javaType = "java.time.Duration",
            description = "The model's audio held unplayed per call at most, 20 ms to 10 minutes; beyond it the"
                    + " oldest is dropped and counted.")
    private Duration maxBufferedAudio = Duration.ofSeconds(30);
    @UriParam(label = "consumer", defaultValue = "40ms", javaType = "java.time.Duration",
            description = "How far ahead of real time the model's audio is sent, 0 to 1 s: a margin for late"
                    + " ticks. RTP cannot call sent audio back, so a barge-in still plays this much.")
    private Duration playbackLead = Duration.ofMillis(40);
    @UriParam(label = "consumer",
            description = "A text turn sent to the model when a call is answered, so that it greets the caller.")
    private String greeting;

    private final SipCounters counters = new SipCounters();
    private AutoCloseable meters;

    public GeminiLiveSipEndpoint(String uri, GeminiLiveSipComponent component) {
        super(uri, component);
    }

    @Override
    public GeminiLiveSipComponent getComponent() {
        return (GeminiLiveSipComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new GeminiLiveSipProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GeminiLiveSipConsumer consumer = new GeminiLiveSipConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        meters = MeterBinding.bindCounters(getCamelContext(), Map.of("camelContext", getCamelContext().getName(),
                "endpointName", getEndpointUri()), counters.meters("gemini.live.sip."));
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
        super.doStop();
    }

    /** The checked options of a user agent. */
    SipOptions options() {
        // the host is also the address the SDP answer and the Contact give callers: "any" reaches no one
        if ("0.0.0.0".equals(host)) {
            throw new IllegalArgumentException("gemini-live-sip: host 0.0.0.0 cannot be advertised to callers (the"
                    + " SDP answer's media address, the Contact): give the address they reach this machine at");
        }
        OptionBounds.check("port", port, 0, 65_535);
        OptionBounds.check("maxCalls", maxCalls, 1, 10_000);
        OptionBounds.check("maxMessageSize", maxMessageSize, 1024, 65_507);
        OptionBounds.check("ringTime", ringTime, Duration.ZERO, Duration.ofSeconds(60));
        OptionBounds.check("jitterWindow", jitterWindow, 1, 32);
        OptionBounds.check("maxBacklog", maxBacklog, 1, 10_000);
        OptionBounds.check("maxInFlight", maxInFlight, 1, 1000);
        OptionBounds.check("maxBufferedAudio", maxBufferedAudio, Playout.MIN_BUFFERED, Playout.MAX_BUFFERED);
        OptionBounds.check("playbackLead", playbackLead, Duration.ZERO, Playout.MAX_LEAD);
        return new SipOptions(host, port, rtpPortMin, rtpPortMax, maxCalls, maxMessageSize, ringTime.toMillis(),
                jitterWindow, (int) (maxBufferedAudio.toMillis() / 20), playbackLead.toNanos(), maxBacklog, maxInFlight,
                greeting == null || greeting.isBlank() ? null : greeting);
    }

    /** host:port as the URI says, the key of the consumer's user agent in the component. */
    String address() {
        return host + ":" + port;
    }

    /** What the calls of this endpoint's consumer did and dropped. */
    public SipCounters getCounters() {
        return counters;
    }

    /** The counters by name, for JMX. */
    @ManagedAttribute(description = "What the calls did and dropped, by counter name (see the component's page)")
    public Map<String, Long> getCounterValues() {
        return counters.values();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getRtpPortMin() {
        return rtpPortMin;
    }

    public void setRtpPortMin(int rtpPortMin) {
        this.rtpPortMin = rtpPortMin;
    }

    public int getRtpPortMax() {
        return rtpPortMax;
    }

    public void setRtpPortMax(int rtpPortMax) {
        this.rtpPortMax = rtpPortMax;
    }

    public int getMaxCalls() {
        return maxCalls;
    }

    public void setMaxCalls(int maxCalls) {
        this.maxCalls = maxCalls;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Duration getRingTime() {
        return ringTime;
    }

    public void setRingTime(Duration ringTime) {
        this.ringTime = ringTime;
    }

    public int getJitterWindow() {
        return jitterWindow;
    }

    public void setJitterWindow(int jitterWindow) {
        this.jitterWindow = jitterWindow;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getMaxBacklog() {
        return maxBacklog;
    }

    public void setMaxBacklog(int maxBacklog) {
        this.maxBacklog = maxBacklog;
    }

    public Duration getMaxBufferedAudio() {
        return maxBufferedAudio;
    }

    public void setMaxBufferedAudio(Duration maxBufferedAudio) {
        this.maxBufferedAudio = maxBufferedAudio;
    }

    public Duration getPlaybackLead() {
        return playbackLead;
    }

    public void setPlaybackLead(Duration playbackLead) {
        this.playbackLead = playbackLead;
    }

    public String getGreeting() {
        return greeting;
    }

    public void setGreeting(String greeting) {
        this.greeting = greeting;
    }
}
