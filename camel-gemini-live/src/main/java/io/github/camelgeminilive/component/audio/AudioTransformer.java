package io.github.camelgeminilive.component.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Message;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.DataType;
import org.apache.camel.spi.DataTypeTransformer;
import org.apache.camel.spi.Transformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.WavReader;
import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.component.ManagedServices;
import io.github.camelgeminilive.component.MeterBinding;

/**
 * The Camel data type transformer behind {@code transform: toType: gemini-live:audio-pcm-16k} (and the other
 * {@link AudioDataTypes}, one subclass each, as Camel finds a transformer by its name): converts the body's audio to the target format, sets {@code CamelGeminiLiveMimeType} to
 * it and leaves the body a {@code byte[]}.
 *
 * <p>
 * The source format is the body's own WAV header if it has one, else the {@code fromType} when it is one of ours,
 * else the {@code CamelGeminiLiveMimeType} header (a gemini-live consumer sets it on audio events). Frames of one stream must be
 * converted with one converter so the resampler's state carries from frame to frame: the stream is the
 * {@code CamelGeminiLiveSessionKey} header (one per call), with its source and target format. Without that header
 * each body is a stream of its own (right for whole files). Streams are forgotten after {@value #IDLE_SECONDS} s
 * without a frame, and beyond {@value #MAX_STREAMS} streams the least recently used is forgotten (counted, logged):
 * its next frame starts a new stream. Both counts are JMX attributes of the started transformer (a context service),
 * and the evictions the meter {@code gemini.live.audio.evicted.streams} (docs/observability.md).
 */
@ManagedResource(description = "Gemini Live audio data type transformer")
public abstract class AudioTransformer extends Transformer {

    /** Streams kept at most; each holds a converter of a few KiB. */
    static final int MAX_STREAMS = 10_000;
    /** A stream without a frame for this long is forgotten. */
    static final long IDLE_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(AudioTransformer.class);

    /** Streams in access order, the least recently used first. */
    private final Map<StreamKey, Stream> streams = new LinkedHashMap<>(16, 0.75f, true);
    private long evictedStreams;
    private AutoCloseable meters;

    @Override
    public void transform(Message message, DataType from, DataType to) throws Exception {
        AudioFormat target = AudioDataTypes.format(to);
        if (target == null) {
            throw new IllegalArgumentException("Not an audio data type of gemini-live: " + to + "; one of "
                    + AudioDataTypes.names());
        }
        byte[] body = message.getMandatoryBody(byte[].class);
        AudioFormat source;
        if (isWav(body)) { // a WAV file says what it holds, whatever the route or a header says
            try (PcmStream pcm = WavReader.read(new ByteArrayInputStream(body))) {
                body = pcm.pcm().readAllBytes();
                source = new AudioFormat(AudioFormat.Encoding.PCM, pcm.sampleRate());
            }
        } else {
            source = AudioDataTypes.format(from);
            String mimeType = message.getHeader(GeminiLiveConstants.MIME_TYPE, String.class);
            if (source == null && mimeType != null) {
                source = AudioFormat.parse(mimeType);
            }
        }
        if (source == null) {
            throw new IllegalArgumentException("The audio's format is unknown: give the transform a fromType (one of "
                    + AudioDataTypes.names() + ") or set " + GeminiLiveConstants.MIME_TYPE);
        }
        String key = message.getHeader(GeminiLiveConstants.SESSION_KEY, String.class);
        byte[] converted;
        if (key == null) {
            converted = new AudioConverter(source, target).convert(body);
        } else {
            AudioConverter converter = stream(new StreamKey(key, source, target));
            synchronized (converter) {
                converted = converter.convert(body);
            }
        }
        message.setBody(converted);
        message.setHeader(GeminiLiveConstants.MIME_TYPE, target.mimeType());
    }

    /** Streams with state kept now. */
    @ManagedAttribute(description = "Streams (session key, source and target format) whose converter state is kept")
    public synchronized int getStreams() {
        return streams.size();
    }

    /** Streams forgotten because {@value #MAX_STREAMS} were kept (not counting idle ones). */
    @ManagedAttribute(description = "Streams forgotten because 10000 were kept, the least recently used first")
    public synchronized long getEvictedStreams() {
        return evictedStreams;
    }

    @Override
    protected void doStart() throws Exception {
        ManagedServices.manage(getCamelContext(), this);
        // the data type's name, whether Camel resolved it by name or a route declared the class with from/to types
        DataTypeTransformer type = getClass().getAnnotation(DataTypeTransformer.class);
        String dataType = type != null ? type.name() : getClass().getName();
        meters = MeterBinding.bindCounters(getCamelContext(), Map.of("camelContext", getCamelContext().getName(),
                "transformer", dataType), Map.of("gemini.live.audio.evicted.streams", this::getEvictedStreams));
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
    }

    private synchronized AudioConverter stream(StreamKey key) {
        long now = System.nanoTime();
        // the least recently used come first: forget the idle ones
        for (Iterator<Stream> it = streams.values().iterator(); it.hasNext();) {
            if (now - it.next().lastUsed < TimeUnit.SECONDS.toNanos(IDLE_SECONDS)) {
                break;
            }
            it.remove();
        }
        Stream stream = streams.get(key);
        if (stream == null) {
            if (streams.size() >= MAX_STREAMS) {
                Iterator<StreamKey> eldest = streams.keySet().iterator();
                StreamKey forgotten = eldest.next();
                eldest.remove();
                evictedStreams++;
                LOG.warn("Audio conversion state of {} streams kept: forgot the least recently used ({}), {} so far",
                        MAX_STREAMS, forgotten.key(), evictedStreams);
            }
            stream = new Stream(new AudioConverter(key.from(), key.to()));
            streams.put(key, stream);
        }
        stream.lastUsed = now;
        return stream.converter;
    }

    private static boolean isWav(byte[] body) throws IOException {
        return WavReader.isWav(new ByteArrayInputStream(body));
    }

    private record StreamKey(String key, AudioFormat from, AudioFormat to) {
    }

    private static final class Stream {
        final AudioConverter converter;
        long lastUsed;

        Stream(AudioConverter converter) {
            this.converter = converter;
        }
    }

    /** {@code gemini-live:audio-pcm-8k}. */
    @DataTypeTransformer(name = "gemini-live:audio-pcm-8k", description = "Audio to 16-bit PCM at 8 kHz")
    public static final class Pcm8k extends AudioTransformer {
    }

    /** {@code gemini-live:audio-pcm-16k}: the Live API's input. */
    @DataTypeTransformer(name = "gemini-live:audio-pcm-16k",
            description = "Audio to 16-bit PCM at 16 kHz, the Live API's input")
    public static final class Pcm16k extends AudioTransformer {
    }

    /** {@code gemini-live:audio-pcm-24k}: the Live API's output. */
    @DataTypeTransformer(name = "gemini-live:audio-pcm-24k",
            description = "Audio to 16-bit PCM at 24 kHz, the Live API's output")
    public static final class Pcm24k extends AudioTransformer {
    }

    /** {@code gemini-live:audio-pcm-48k}. */
    @DataTypeTransformer(name = "gemini-live:audio-pcm-48k", description = "Audio to 16-bit PCM at 48 kHz")
    public static final class Pcm48k extends AudioTransformer {
    }

    /** {@code gemini-live:audio-mulaw-8k}: a phone line (PCMU, Twilio Media Streams). */
    @DataTypeTransformer(name = "gemini-live:audio-mulaw-8k", description = "Audio to G.711 mu-law at 8 kHz")
    public static final class MuLaw8k extends AudioTransformer {
    }

    /** {@code gemini-live:audio-alaw-8k}: a phone line (PCMA). */
    @DataTypeTransformer(name = "gemini-live:audio-alaw-8k", description = "Audio to G.711 A-law at 8 kHz")
    public static final class ALaw8k extends AudioTransformer {
    }
}
