package io.github.camelgeminilive.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
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

    private final ObjectMapper mapper;
    private final ObjectReader serverReader;
    private final ObjectReader clientReader;
    private final ObjectWriter writer;

    private LiveJson() {
        SimpleModule durations = new SimpleModule("protobuf-duration")
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers)
                            throws IOException {
                        gen.writeString(ProtoDuration.format(value));
                    }
                })
                .addDeserializer(Duration.class, new JsonDeserializer<>() {
                    @Override
                    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        try {
                            return ProtoDuration.parse(p.getValueAsString());
                        } catch (IllegalArgumentException e) {
                            return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getValueAsString(),
                                    e.getMessage());
                        }
                    }
                });
        this.mapper = JsonMapper.builder()
                .annotationIntrospector(new SnakeCaseAliases())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(durations)
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
        try {
            return writer.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code {"realtimeInput":{"audio":{"mimeType":..,"data":..}}}} (or {@code video}) straight from the
     * bytes: the base64 is streamed into the one output buffer, no intermediate records or strings.
     *
     * @param field {@code audio} or {@code video}
     */
    public String writeRealtimeBlob(String field, String mimeType, byte[] data, int offset, int length) {
        try (SegmentedStringWriter out = new SegmentedStringWriter(mapper.getFactory()._getBufferRecycler());
                JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("realtimeInput");
            g.writeStartObject();
            g.writeFieldName(field);
            g.writeStartObject();
            g.writeStringField("mimeType", mimeType);
            g.writeFieldName("data");
            g.writeBinary(data, offset, length);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServerMessage readServer(byte[] json) {
        return read(serverReader, json, 0, json.length);
    }

    public ServerMessage readServer(ByteBuffer json) {
        if (json.hasArray()) {
            return read(serverReader, json.array(), json.arrayOffset() + json.position(), json.remaining());
        }
        byte[] copy = new byte[json.remaining()];
        json.duplicate().get(copy);
        return readServer(copy);
    }

    public ServerMessage readServer(String json) {
        try {
            return serverReader.readValue(json);
        } catch (IOException e) {
            throw new ProtocolException("Malformed server message: " + e.getMessage(), e);
        }
    }

    public ClientMessage readClient(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return read(clientReader, bytes, 0, bytes.length);
    }

    public ClientMessage readClient(byte[] json) {
        return read(clientReader, json, 0, json.length);
    }

    /** Reads any protocol type, e.g. a fixture or one nested field. */
    public <T> T read(InputStream json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new ProtocolException("Malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(ObjectReader reader, byte[] json, int offset, int length) {
        try {
            return reader.readValue(json, offset, length);
        } catch (IOException e) {
            throw new ProtocolException("Malformed message: " + e.getMessage(), e);
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
