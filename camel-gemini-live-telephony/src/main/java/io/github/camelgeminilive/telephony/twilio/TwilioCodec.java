package io.github.camelgeminilive.telephony.twilio;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and writes Twilio Media Streams JSON text frames. Input is untrusted: the message, every string, the audio
 * payload and the custom parameters are bounded, and anything malformed fails with a
 * {@link TwilioProtocolException} that says what was wrong. Thread-safe.
 */
public final class TwilioCodec {

    /** Longest text frame read, in characters; a 20 ms media frame is about 350. */
    public static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** Most audio in one media message: 1 s of 8 kHz mu-law (Twilio sends 160 bytes, 20 ms). */
    public static final int MAX_PAYLOAD_BYTES = 8000;
    /** Longest identifier, track, digit or mark name. */
    public static final int MAX_FIELD_CHARS = 256;
    /** Most custom parameters of a {@code start}. */
    public static final int MAX_PARAMETERS = 32;
    /** Longest custom parameter value. */
    public static final int MAX_PARAMETER_CHARS = 1024;
    private static final int MAX_TRACKS = 4;

    private final ObjectMapper mapper;

    public TwilioCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(8)
                        .maxStringLength(MAX_MESSAGE_CHARS)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** Reads one text frame; an unknown event name gives {@link TwilioEvent.Unknown}. */
    public TwilioEvent read(String text) {
        if (text == null) {
            throw new TwilioProtocolException("Media Streams message is empty");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new TwilioProtocolException("Media Streams message of " + text.length()
                    + " characters exceeds the limit of " + MAX_MESSAGE_CHARS);
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TwilioProtocolException("Media Streams message is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TwilioProtocolException("Media Streams message is not a JSON object");
        }
        String event = text(root, "event", true);
        return switch (event) {
            case "connected" -> new TwilioEvent.Connected(text(root, "protocol", false), text(root, "version", false));
            case "start" -> start(root);
            case "media" -> media(root);
            case "mark" -> new TwilioEvent.Mark(streamSid(root), text(object(root, "mark"), "name", true));
            case "dtmf" -> dtmf(root);
            case "stop" -> stop(root);
            default -> new TwilioEvent.Unknown(event, text(root, "streamSid", false));
        };
    }

    /** Writes one message for Twilio as a JSON text frame. */
    public String write(TwilioCommand command) {
        StringWriter out = new StringWriter(command instanceof TwilioCommand.Media m ? 96 + m.payload().length * 4 / 3
                : 96);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            if (command instanceof TwilioCommand.Media media) {
                json.writeStringField("event", "media");
                json.writeStringField("streamSid", media.streamSid());
                json.writeObjectFieldStart("media");
                json.writeFieldName("payload");
                json.writeBinary(media.payload());
                json.writeEndObject();
            } else if (command instanceof TwilioCommand.Mark mark) {
                json.writeStringField("event", "mark");
                json.writeStringField("streamSid", mark.streamSid());
                json.writeObjectFieldStart("mark");
                json.writeStringField("name", mark.name());
                json.writeEndObject();
            } else {
                json.writeStringField("event", "clear");
                json.writeStringField("streamSid", command.streamSid());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static TwilioEvent.Start start(JsonNode root) {
        JsonNode start = object(root, "start");
        JsonNode format = object(start, "mediaFormat");
        TwilioEvent.MediaFormat mediaFormat = new TwilioEvent.MediaFormat(text(format, "encoding", true),
                (int) number(format, "sampleRate", 1, 192_000), (int) number(format, "channels", 1, 8));
        List<String> tracks = new ArrayList<>();
        JsonNode trackList = start.get("tracks");
        if (trackList != null && !trackList.isNull()) {
            if (!trackList.isArray() || trackList.size() > MAX_TRACKS) {
                throw new TwilioProtocolException("start.tracks must be an array of at most " + MAX_TRACKS
                        + " track names");
            }
            for (JsonNode track : trackList) {
                tracks.add(bounded("start.tracks[]", track, MAX_FIELD_CHARS));
            }
        }
        return new TwilioEvent.Start(streamSid(root, start), text(start, "callSid", false),
                text(start, "accountSid", false), tracks, mediaFormat, parameters(start));
    }

    private static Map<String, String> parameters(JsonNode start) {
        JsonNode params = start.get("customParameters");
        if (params == null || params.isNull()) {
            return Map.of();
        }
        if (!params.isObject() || params.size() > MAX_PARAMETERS) {
            throw new TwilioProtocolException("start.customParameters must be an object of at most " + MAX_PARAMETERS
                    + " entries");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_FIELD_CHARS) {
                throw new TwilioProtocolException("start.customParameters has a name of " + entry.getKey().length()
                        + " characters (1 to " + MAX_FIELD_CHARS + " allowed)");
            }
            result.put(entry.getKey(), bounded("start.customParameters." + entry.getKey(), entry.getValue(),
                    MAX_PARAMETER_CHARS));
        }
        return result;
    }

    private static TwilioEvent.Media media(JsonNode root) {
        JsonNode media = object(root, "media");
        String payload = text(media, "payload", true);
        if (payload.length() > (MAX_PAYLOAD_BYTES + 2) / 3 * 4) {
            throw new TwilioProtocolException("media.payload of " + payload.length()
                    + " base64 characters exceeds the limit of " + MAX_PAYLOAD_BYTES + " bytes");
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new TwilioProtocolException("media.payload is not valid base64: " + e.getMessage(), e);
        }
        return new TwilioEvent.Media(streamSid(root), text(media, "track", false),
                number(media, "chunk", 0, Long.MAX_VALUE), number(media, "timestamp", 0, Long.MAX_VALUE), audio);
    }

    private static TwilioEvent.Dtmf dtmf(JsonNode root) {
        JsonNode dtmf = object(root, "dtmf");
        String digit = text(dtmf, "digit", true);
        if (digit.length() != 1 || "0123456789*#ABCDabcd".indexOf(digit.charAt(0)) < 0) {
            throw new TwilioProtocolException("dtmf.digit must be one of 0-9, *, #, A-D");
        }
        return new TwilioEvent.Dtmf(streamSid(root), text(dtmf, "track", false), digit);
    }

    private static TwilioEvent.Stop stop(JsonNode root) {
        JsonNode stop = root.get("stop");
        if (stop == null || !stop.isObject()) {
            return new TwilioEvent.Stop(streamSid(root), null, null);
        }
        return new TwilioEvent.Stop(streamSid(root), text(stop, "accountSid", false), text(stop, "callSid", false));
    }

    private static String streamSid(JsonNode root) {
        return text(root, "streamSid", true);
    }

    /** A start names its stream at the top level and inside {@code start}; either will do. */
    private static String streamSid(JsonNode root, JsonNode start) {
        String sid = text(root, "streamSid", false);
        return sid != null ? sid : text(start, "streamSid", true);
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new TwilioProtocolException("Media Streams message lacks the object '" + field + "'");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new TwilioProtocolException("Media Streams message lacks the field '" + field + "'");
            }
            return null;
        }
        return bounded(field, node, "payload".equals(field) ? MAX_MESSAGE_CHARS : MAX_FIELD_CHARS);
    }

    private static String bounded(String field, JsonNode node, int maxChars) {
        if (!node.isTextual()) {
            throw new TwilioProtocolException("Media Streams field '" + field + "' must be a string");
        }
        String value = node.textValue();
        if (value.length() > maxChars) {
            throw new TwilioProtocolException("Media Streams field '" + field + "' of " + value.length()
                    + " characters exceeds the limit of " + maxChars);
        }
        return value;
    }

    /**
     * Twilio writes numbers as strings ("chunk": "2"); plain JSON numbers are taken too. Read twice per media frame:
     * no regex (it compiled a pattern per call).
     */
    private static long number(JsonNode parent, String field, long min, long max) {
        JsonNode node = parent.get(field);
        long value;
        if (node != null && node.canConvertToLong() && node.isIntegralNumber()) {
            value = node.longValue();
        } else {
            value = node != null && node.isTextual() ? digits(node.textValue()) : -1;
            if (value < 0) {
                throw new TwilioProtocolException("Media Streams field '" + field + "' must be a whole number");
            }
        }
        if (value < min || value > max) {
            throw new TwilioProtocolException("Media Streams field '" + field + "' is " + value + ", outside "
                    + min + ".." + max);
        }
        return value;
    }

    /** The value of 1 to 18 ASCII digits (no sign, below {@code Long.MAX_VALUE}); -1 for anything else. */
    private static long digits(String text) {
        int length = text.length();
        if (length == 0 || length > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
