package io.github.camelgeminilive.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP request or response (RFC 3261) as it travels in one UDP datagram: start line, headers in their order, body.
 * Parsing bounds what a peer may send: the datagram's size (checked by the caller), the number of headers and the
 * body's declared length; anything malformed is a {@link SipParseException} that says what.
 *
 * @param method  the request's method, null for a response
 * @param uri     the request's Request-URI, null for a response
 * @param status  the response's status code, 0 for a request
 * @param reason  the response's reason phrase, null for a request
 * @param headers the headers, names as the compact forms' long names (Call-ID, Via, ...), in order
 * @param body    the body, empty when none
 */
public record SipMessage(String method, String uri, int status, String reason, List<Header> headers, byte[] body) {

    /** Headers a message may have at most. */
    public static final int MAX_HEADERS = 64;

    private static final String VERSION = "SIP/2.0";
    private static final Map<String, String> COMPACT = Map.of("i", "Call-ID", "f", "From", "t", "To", "v", "Via",
            "m", "Contact", "l", "Content-Length", "c", "Content-Type", "k", "Supported", "s", "Subject");
    private static final Map<String, String> CANONICAL =
            Map.of("call-id", "Call-ID", "cseq", "CSeq", "www-authenticate",
                    "WWW-Authenticate", "max-forwards", "Max-Forwards");

    /** One header line. */
    public record Header(String name, String value) {
    }

    public SipMessage {
        headers = List.copyOf(headers);
    }

    /** A request with the given headers and body. */
    public static SipMessage request(String method, String uri, List<Header> headers, byte[] body) {
        return new SipMessage(method, uri, 0, null, headers, body);
    }

    /** A response with the given headers and body. */
    public static SipMessage response(int status, String reason, List<Header> headers, byte[] body) {
        return new SipMessage(null, null, status, reason, headers, body);
    }

    public boolean isRequest() {
        return method != null;
    }

    /** The first value of the header {@code name} (any case, long form), or null. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Every value of the header {@code name}, in order. */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** The CSeq's number; a SipParseException when it has none. */
    public long cseqNumber() {
        String cseq = required("CSeq");
        int space = cseq.indexOf(' ');
        try {
            long number = Long.parseLong(space < 0 ? cseq : cseq.substring(0, space));
            if (number < 0 || number > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new SipParseException("CSeq '" + cseq + "' has no number of 0 to 2^32 - 1");
        }
    }

    /** The CSeq's method (a response says what it answers with it). */
    public String cseqMethod() {
        String cseq = required("CSeq").trim();
        return cseq.substring(cseq.lastIndexOf(' ') + 1);
    }

    /** The value of a header that must be there; a SipParseException when it is not. */
    public String required(String name) {
        String value = header(name);
        if (value == null || value.isBlank()) {
            throw new SipParseException("the " + name + " header is missing");
        }
        return value;
    }

    /** The message as it goes on the wire, with its Content-Length. */
    public byte[] toBytes() {
        StringBuilder text = new StringBuilder(512);
        if (isRequest()) {
            text.append(method).append(' ').append(uri).append(' ').append(VERSION);
        } else {
            text.append(VERSION).append(' ').append(status).append(' ').append(reason);
        }
        text.append("\r\n");
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase("Content-Length")) {
                text.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        text.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Parses {@code length} bytes of {@code data} (one datagram, its size already bounded by the caller). */
    public static SipMessage parse(byte[] data, int length) {
        int headEnd = indexOf(data, length);
        if (headEnd < 0) {
            throw new SipParseException("no empty line ends the headers");
        }
        String[] lines = new String(data, 0, headEnd, StandardCharsets.UTF_8).split("\r?\n", -1);
        SipMessage start = startLine(lines[0]);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t')) { // folded: continues the previous header
                if (headers.isEmpty()) {
                    throw new SipParseException("a continuation line comes before any header");
                }
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + ' ' + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new SipParseException("header line without a name and colon: '" + clip(line) + "'");
            }
            if (headers.size() == MAX_HEADERS) {
                throw new SipParseException("more than " + MAX_HEADERS + " headers");
            }
            headers.add(new Header(canonical(line.substring(0, colon).trim()), line.substring(colon + 1).trim()));
        }
        int bodyStart = headEnd + (data[headEnd] == '\r' ? 4 : 2);
        int available = Math.max(0, length - bodyStart);
        int bodyLength = available;
        String declared = start.withHeaders(headers).header("Content-Length");
        if (declared != null) {
            try {
                bodyLength = Integer.parseInt(declared.trim());
            } catch (NumberFormatException e) {
                throw new SipParseException("Content-Length '" + clip(declared) + "' is not a number");
            }
            if (bodyLength < 0 || bodyLength > available) {
                throw new SipParseException("Content-Length " + bodyLength + " but " + available
                        + " bytes follow the headers");
            }
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(data, bodyStart, body, 0, bodyLength);
        return new SipMessage(start.method, start.uri, start.status, start.reason, headers, body);
    }

    private SipMessage withHeaders(List<Header> list) {
        return new SipMessage(method, uri, status, reason, list, body);
    }

    private static SipMessage startLine(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length == 3 && parts[0].equals(VERSION)) {
            try {
                int status = Integer.parseInt(parts[1]);
                if (status >= 100 && status <= 699) {
                    return response(status, parts[2], List.of(), new byte[0]);
                }
            } catch (NumberFormatException e) {
                // not a status code: reported below
            }
        } else if (parts.length == 3 && parts[2].equals(VERSION) && parts[0].chars().allMatch(Character::isLetter)
                && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return request(parts[0].toUpperCase(Locale.ROOT), parts[1], List.of(), new byte[0]);
        }
        throw new SipParseException("not a SIP/2.0 request or response line: '" + clip(line) + "'");
    }

    private static String canonical(String name) {
        String compact = COMPACT.get(name.toLowerCase(Locale.ROOT));
        if (compact != null) {
            return compact;
        }
        String known = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return known != null ? known : name;
    }

    /** Where the empty line after the headers starts (at its CR, or LF when bare LFs are used), or -1. */
    private static int indexOf(byte[] data, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < length && data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r'
                    && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
