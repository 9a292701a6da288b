package io.github.camelgeminilive.telephony.sip;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.protocol.MimeTypes;

/**
 * Plays a {@code gemini-live} consumer's events to the call of their session key (audio, paced as RTP; a barge-in
 * drops what is unplayed), or hangs the call up ({@link GeminiLiveSipConstants#OPERATION} hangup). It reaches the
 * calls of the consumer listening on the same host and port. Never blocks: audio is queued for the pacer.
 */
public class GeminiLiveSipProducer extends DefaultProducer {

    public GeminiLiveSipProducer(GeminiLiveSipEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public GeminiLiveSipEndpoint getEndpoint() {
        return (GeminiLiveSipEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String callId = in.getHeader(GeminiLiveSipConstants.CALL_ID, String.class);
        if (callId == null) {
            callId = in.getHeader(GeminiLiveConstants.SESSION_KEY, String.class);
        }
        SipUserAgent agent = getEndpoint().getComponent().agent(getEndpoint().address());
        if (agent == null) {
            throw new IllegalStateException("No gemini-live-sip consumer listens on " + getEndpoint().address()
                    + ": the producer reaches the calls of the consumer with the same host and port");
        }
        if ("hangup".equals(in.getHeader(GeminiLiveSipConstants.OPERATION, String.class))) {
            if (callId == null || !agent.hangup(callId)) {
                throw new IllegalArgumentException("No SIP call " + callId + " to hang up (it may have ended)");
            }
            return;
        }
        SipCall call = callId == null ? null : agent.call(callId);
        String type = in.getHeader(GeminiLiveConstants.EVENT_TYPE, String.class);
        if ("audio".equals(type)) {
            byte[] pcm = in.getBody(byte[].class);
            int rate = MimeTypes.pcmRate(in.getHeader(GeminiLiveConstants.MIME_TYPE, String.class),
                    MimeTypes.PCM_OUTPUT_RATE);
            if (rate != MimeTypes.PCM_OUTPUT_RATE) {
                throw new IllegalArgumentException("gemini-live-sip plays the model's 24 kHz PCM, got audio at "
                        + rate + " Hz");
            }
            if (call == null) {
                agent.counters().playout().endedAudio(pcm == null ? 0 : pcm.length / 6);
            } else if (pcm != null) {
                call.playout.modelAudio(pcm, System.nanoTime());
            }
        } else if (call != null && "interrupted".equals(type)) {
            call.playout.interrupted();
        }
    }
}
