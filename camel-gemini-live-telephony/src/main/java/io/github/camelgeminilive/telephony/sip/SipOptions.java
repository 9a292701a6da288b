package io.github.camelgeminilive.telephony.sip;

/**
 * What a SIP user agent needs to know, checked by its endpoint.
 *
 * @param host           the address the SIP and RTP sockets bind to and the SDP answer names
 * @param port           the SIP port
 * @param rtpPortMin     the lowest RTP port
 * @param rtpPortMax     the highest RTP port
 * @param maxCalls       calls at once; an INVITE beyond gets 486 Busy Here
 * @param maxMessageSize the largest SIP datagram taken
 * @param ringMillis     how long the call rings (180) before it is answered; a CANCEL can end it meanwhile
 * @param jitterWindow   later packets held before a missing one is given up
 * @param bufferFrames   the model's audio held unplayed per call, in 20 ms frames
 * @param leadNanos      how far ahead of real time the model's audio is sent
 * @param maxBacklog     caller audio frames of one call waiting for the route
 * @param maxInFlight    caller audio frames of one call started in the route and not completed
 * @param greeting       a text turn for the model when a call starts, or null
 */
record SipOptions(String host, int port, int rtpPortMin, int rtpPortMax, int maxCalls, int maxMessageSize,
        long ringMillis, int jitterWindow, int bufferFrames, long leadNanos, int maxBacklog, int maxInFlight,
        String greeting) {
}
