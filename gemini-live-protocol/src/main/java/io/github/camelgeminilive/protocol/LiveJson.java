package io.github.camelgeminilive.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The one JSON codec of the wire protocol: writes lowerCamelCase, reads lowerCamelCase and snake_case, ignores
 * unknown fields, reads int64 as number or string, and maps protobuf Duration strings to {@link Duration}.
 * Thread-safe; share one instance.
 */
public final class LiveJson {

    private static final LiveJson INSTANCE = new LiveJson();
    private static final byte[] BLOB_TAIL = "\"}}}".getBytes(StandardCharsets.US_ASCII);

    /** Jackson's "[Source: REDACTED (...); line: 1, column: 19]" says nothing the line and column don't. */
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\[Source: [^;]*; ");

    /** Type names read better without their packages: {@code ArrayList<Content>}. */
    private static final Pattern PACKAGE_NOISE = Pattern.compile(
            "\\b(io\\.github\\.camelgeminilive\\.protocol|java\\.util|java\\.lang|java\\.time)\\.");

    private final ObjectMapper mapper;
    private final ObjectReader serverReader;
    private final ObjectReader clientReader;
    private final ObjectWriter writer;
    private volatile BlobHead lastBlobHead;

    private LiveJson() {
        SimpleModule wireTypes = new SimpleModule("live-wire-types")
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers)
                            throws IOException {
                        gen.writeString(ProtoDuration.format(value));
                    }
                })
                .addDeserializer(Duration.class, new DurationDeserializer())
                .addDeserializer(byte[].class, new Base64Deserializer());
        this.mapper = JsonMapper.builder()
                .annotationIntrospector(
                        AnnotationIntrospector.pair(new SnakeCaseAliases(), new RecordAccessorsOnly()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // null fields are omitted, but a null inside a free-form map (function args) is data
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.ALWAYS))
                .addModule(wireTypes)
                .build();
        this.serverReader = mapper.readerFor(ServerMessage.class);
        this.clientReader = mapper.readerFor(ClientMessage.class);
        this.writer = mapper.writer();
    }

    /** The shared codec. */
    public static LiveJson get() {
        return INSTANCE;
    }

    /** The configured mapper, for free-form JSON (scenario files, admin API); do not reconfigure it. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(ClientMessage message) {
        return writeString(message);
    }

    public String write(ServerMessage message) {
        return writeString(message);
    }

    public byte[] writeBytes(ServerMessage message) {
        return writeUtf8(message);
    }

    /** The message as the UTF-8 bytes of a text frame. */
    public byte[] writeBytes(ClientMessage message) {
        return writeUtf8(message);
    }

    private byte[] writeUtf8(Object message) {
        try {
            return writer.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code {"realtimeInput":{"audio":{"mimeType":..,"data":..}}}} (or {@code video}) as UTF-8 straight from
     * the bytes into one array of the exact size: no records, strings or intermediate buffers (the 20 ms audio
     * path). The JSON is the same as {@link #write(ClientMessage)} writes for that message.
     *
     * @param field {@code audio} or {@code video}
     * @throws IllegalArgumentException for another field
     * @throws IndexOutOfBoundsException if the slice is not inside {@code data}
     */
    public byte[] writeRealtimeBlob(String field, String mimeType, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(mimeType, "mimeType");
        byte[] head = blobHead(field, mimeType);
        byte[] frame = new byte[head.length + Base64Text.encodedLength(length) + BLOB_TAIL.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        int at = Base64Text.encode(data, offset, length, frame, head.length);
        System.arraycopy(BLOB_TAIL, 0, frame, at, BLOB_TAIL.length);
        return frame;
    }

    /** The frame up to the base64; the last one is kept, as a stream's frames share field and MIME type. */
    private byte[] blobHead(String field, String mimeType) {
        BlobHead last = lastBlobHead;
        if (last != null && last.field.equals(field) && last.mimeType.equals(mimeType)) {
            return last.bytes;
        }
        if (!"audio".equals(field) && !"video".equals(field)) {
            throw new IllegalArgumentException("realtimeInput blob field must be audio or video, not " + field);
        }
        String head = "{\"realtimeInput\":{\"" + field + "\":{\"mimeType\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(mimeType))
                + "\",\"data\":\"";
        BlobHead computed = new BlobHead(field, mimeType, head.getBytes(StandardCharsets.UTF_8));
        lastBlobHead = computed;
        return computed.bytes;
    }

    private record BlobHead(String field, String mimeType, byte[] bytes) {
    }

    public ServerMessage readServer(byte[] json) {
        return read(serverReader, "server message", json, 0, json.length);
    }

    public ServerMessage readServer(ByteBuffer json) {
        if (json.hasArray()) {
            return read(serverReader, "server message", json.array(), json.arrayOffset() + json.position(),
                    json.remaining());
        }
        byte[] copy = new byte[json.remaining()];
        json.duplicate().get(copy);
        return readServer(copy);
    }

    public ServerMessage readServer(String json) {
        try {
            return requireMessage(serverReader.readValue(json), "server message");
        } catch (IOException e) {
            throw malformed("server message", e);
        }
    }

    public ClientMessage readClient(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return read(clientReader, "client message", bytes, 0, bytes.length);
    }

    public ClientMessage readClient(byte[] json) {
        return read(clientReader, "client message", json, 0, json.length);
    }

    /**
     * Decodes an already parsed tree (e.g. one a validator has looked at first); errors name the field's path like
     * the other readers do.
     */
    public ClientMessage readClient(JsonNode tree) {
        try {
            return requireMessage(clientReader.readValue(tree), "client message");
        } catch (IOException e) {
            throw malformed("client message", e);
        }
    }

    /** Reads any protocol type, e.g. a fixture or one nested field. */
    public <T> T read(InputStream json, Class<T> type) {
        try {
            return requireMessage(mapper.readValue(json, type), type.getSimpleName());
        } catch (IOException e) {
            throw malformed(type.getSimpleName(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String what, byte[] json, int offset, int length) {
        try {
            return requireMessage(reader.readValue(json, offset, length), what);
        } catch (IOException e) {
            throw malformed(what, e);
        }
    }

    private static <T> T requireMessage(T value, String what) {
        if (value == null) {
            throw new ProtocolException("Malformed " + what + ": JSON null instead of an object");
        }
        return value;
    }

    /**
     * "Malformed server message at serverContent.modelTurn.parts[0].inlineData.data: Illegal character ..." : the
     * JSON path of the bad field and Jackson's message without its class names and source excerpt.
     */
    private static ProtocolException malformed(String what, IOException e) {
        StringBuilder text = new StringBuilder("Malformed ").append(what);
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            text.append(" at ").append(jsonPath(m.getPath()));
        } else if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            text.append(" at line ").append(p.getLocation().getLineNr())
                    .append(", column ").append(p.getLocation().getColumnNr());
        }
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        detail = SOURCE_NOISE.matcher(String.valueOf(detail)).replaceAll("[");
        detail = PACKAGE_NOISE.matcher(detail).replaceAll("");
        return new ProtocolException(text.append(": ").append(detail).toString(), e);
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Protobuf Duration strings ("50s", "0.500s"); a bare number counts as seconds. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getValueAsString();
            try {
                return ProtoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }

    /**
     * Proto3 JSON bytes: written as standard padded base64; read in the standard or the URL-safe alphabet, with or
     * without padding, as protobuf's own parsers do. Anything else (whitespace, foreign characters) is rejected.
     */
    private static final class Base64Deserializer extends JsonDeserializer<byte[]> {
        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
            }
            try { // from the parser's own buffer: no String of the base64 (the 40 ms audio path)
                return Base64Text.decode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } catch (IllegalArgumentException e) {
                return (byte[]) ctxt.handleWeirdStringValue(byte[].class, abbreviate(p.getText()),
                        "not base64: " + e.getMessage());
            }
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "...(" + text.length() + " chars)";
        }
    }

    private String writeString(Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
