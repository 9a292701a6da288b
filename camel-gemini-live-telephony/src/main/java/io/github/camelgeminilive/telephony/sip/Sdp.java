package io.github.camelgeminilive.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelgeminilive.audio.AudioFormat;

/**
 * The caller's SDP offer (RFC 4566), as much of it as a G.711 phone call needs: where its audio comes from and goes
 * to, the payload types it offers, and the answer that accepts one of them (and telephone-event for DTMF).
 *
 * @param address        the caller's media address (IPv4)
 * @param port           the caller's RTP port
 * @param payloadTypes   the audio payload types offered, preferred first
 * @param encodings      the encoding name (upper case, e.g. PCMU) of each payload type mapped by a=rtpmap
 */
public record Sdp(String address, int port, List<Integer> payloadTypes, Map<Integer, String> encodings) {

    /** Lines an offer may have at most. */
    static final int MAX_LINES = 200;

    /** The codec of a call: its RTP payload type and audio format. */
    public record Codec(int payloadType, AudioFormat format, String name) {
    }

    /** Parses an offer; a SipParseException says what is missing or malformed. */
    public static Sdp parse(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
        if (lines.length > MAX_LINES) {
            throw new SipParseException("the SDP has more than " + MAX_LINES + " lines");
        }
        String sessionAddress = null;
        String mediaAddress = null;
        int port = -1;
        List<Integer> payloadTypes = new ArrayList<>();
        Map<Integer, String> encodings = new HashMap<>();
        boolean inAudio = false;
        for (String line : lines) {
            if (line.startsWith("m=")) {
                if (port >= 0) {
                    inAudio = false; // only the first audio stream is used
                    continue;
                }
                String[] parts = line.substring(2).trim().split(" +");
                inAudio = parts[0].equals("audio") && parts.length >= 4 && parts[2].startsWith("RTP/AVP");
                if (inAudio) {
                    port = number(parts[1], 0, 65_535, "m= port");
                    for (int i = 3; i < parts.length && payloadTypes.size() < 32; i++) {
                        payloadTypes.add(number(parts[i], 0, 127, "payload type"));
                    }
                }
            } else if (line.startsWith("c=")) {
                String[] parts = line.substring(2).trim().split(" +");
                if (parts.length < 3 || !parts[1].equals("IP4")) {
                    throw new SipParseException("the SDP's connection line '" + line + "' is not IN IP4 <address>");
                }
                if (inAudio) {
                    mediaAddress = parts[2];
                } else if (port < 0) {
                    sessionAddress = parts[2];
                }
            } else if (inAudio && line.startsWith("a=rtpmap:")) {
                String[] parts = line.substring(9).trim().split("[ /]");
                if (parts.length >= 3 && parts[2].equals("8000")) {
                    encodings.put(number(parts[0], 0, 127, "rtpmap payload type"), parts[1].toUpperCase(Locale.ROOT));
                }
            }
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (port < 0 || address == null) {
            throw new SipParseException("the SDP offers no RTP/AVP audio stream with an IPv4 connection address");
        }
        return new Sdp(address, port, List.copyOf(payloadTypes), Map.copyOf(encodings));
    }

    /** The first offered codec this side speaks (PCMU, PCMA), or null when none (or the stream is disabled). */
    public Codec choose() {
        if (port == 0) {
            return null;
        }
        for (int pt : payloadTypes) {
            String name = encodings.getOrDefault(pt, pt == 0 ? "PCMU" : pt == 8 ? "PCMA" : "");
            if (name.equals("PCMU")) {
                return new Codec(pt, AudioFormat.MULAW_8K, name);
            }
            if (name.equals("PCMA")) {
                return new Codec(pt, AudioFormat.ALAW_8K, name);
            }
        }
        return null;
    }

    /** The payload type of the offered telephone-event (RFC 4733), or -1. */
    public int telephoneEvent() {
        for (int pt : payloadTypes) {
            if ("TELEPHONE-EVENT".equals(encodings.get(pt))) {
                return pt;
            }
        }
        return -1;
    }

    /** The answer: audio at {@code host:port} in {@code codec}, and telephone-event when offered. */
    public byte[] answer(String host, int port, Codec codec, long sessionId) {
        int event = telephoneEvent();
        StringBuilder sdp = new StringBuilder(256)
                .append("v=0\r\n")
                .append("o=- ").append(sessionId).append(' ').append(sessionId).append(" IN IP4 ").append(host)
                .append("\r\n")
                .append("s=gemini-live\r\n")
                .append("c=IN IP4 ").append(host).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP ").append(codec.payloadType());
        if (event >= 0) {
            sdp.append(' ').append(event);
        }
        sdp.append("\r\na=rtpmap:").append(codec.payloadType()).append(' ').append(codec.name()).append("/8000\r\n");
        if (event >= 0) {
            sdp.append("a=rtpmap:").append(event).append(" telephone-event/8000\r\n")
                    .append("a=fmtp:").append(event).append(" 0-15\r\n");
        }
        sdp.append("a=ptime:20\r\na=sendrecv\r\n");
        return sdp.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int number(String text, int min, int max, String what) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SipParseException("the SDP's " + what + " '" + text + "' is not a number of " + min + " to " + max);
    }
}
