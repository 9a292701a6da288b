package io.github.camelgeminilive.benchmarks.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;

/**
 * Prototypes of the fixes proposed in docs/performance.md, to show what they would save. NOT the client's code:
 * <ul>
 * <li>{@code sendProposed}: the MIME type checked by a fast path (no {@code split}), the frame written as bytes into
 * a reused per-thread buffer (base64 with {@code Base64.Encoder.encode(src, dst)}), one {@code String} made from it;
 * </li>
 * <li>{@code receiveProposed}: {@code LiveJson}'s own mapper with the base64 field decoded by
 * {@code JsonParser.getBinaryValue} (from the parser's buffer) instead of {@code getText()} + {@code Base64}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProposedFixBenchmark {

    private static final byte[] HEAD = "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"data\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}}}".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[][] {
            new byte[4096], new byte[4096]});

    private byte[] pcm;
    private byte[] frame;
    private ObjectReader reader;

    @Setup
    public void setUp() {
        pcm = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 6000, 1);
        frame = AudioFrames.serverAudioMessage(AudioFrames.tone(AudioFrames.OUTPUT_CHUNK_BYTES, 24_000, 6000, 2));
        ObjectMapper mapper = LiveJson.get().mapper().copy();
        mapper.registerModule(new SimpleModule("binary-in-place").addDeserializer(byte[].class,
                new JsonDeserializer<byte[]>() {
                    @Override
                    public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        if (p.currentToken() != JsonToken.VALUE_STRING) {
                            return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
                        }
                        return p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
                    }
                }));
        reader = mapper.readerFor(ServerMessage.class);
    }

    @Benchmark
    public String sendProposed() {
        String mime = AudioFrames.INPUT_MIME;
        if (pcm.length % 2 != 0 || !("audio/pcm;rate=16000".equals(mime) || mime.startsWith("audio/pcm"))) {
            throw new IllegalArgumentException("not 16-bit PCM");
        }
        byte[][] buffers = BUFFERS.get();
        byte[] out = buffers[0];
        byte[] base64 = buffers[1];
        int n = 0;
        System.arraycopy(HEAD, 0, out, n, HEAD.length);
        n += HEAD.length;
        for (int i = 0; i < mime.length(); i++) {
            out[n++] = (byte) mime.charAt(i); // an ASCII MIME type needs no JSON escaping
        }
        System.arraycopy(MIDDLE, 0, out, n, MIDDLE.length);
        n += MIDDLE.length;
        int len = Base64.getEncoder().encode(pcm, base64);
        System.arraycopy(base64, 0, out, n, len);
        n += len;
        System.arraycopy(TAIL, 0, out, n, TAIL.length);
        n += TAIL.length;
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public ServerMessage receiveProposed() throws IOException {
        return reader.readValue(frame);
    }
}
