package io.github.camelgeminilive.component;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.WavReader;
import io.github.camelgeminilive.protocol.MimeTypes;

/**
 * Camel type converters to the audio a {@code gemini-live} producer sends: a WAV file or stream (recognised by its
 * RIFF/WAVE header) becomes its PCM with the file's sample rate; any other stream is raw PCM at the rate of the
 * {@code CamelGeminiLiveMimeType} header (16 kHz without it). A file opened here is closed when the exchange
 * completes (without an exchange, the caller closes the result).
 */
@Converter(generateLoader = true)
public final class GeminiLiveConverters {

    private GeminiLiveConverters() {
    }

    @Converter
    public static PcmStream toPcmStream(InputStream in, Exchange exchange) throws IOException {
        InputStream stream = WavReader.markable(in);
        if (WavReader.isWav(stream)) {
            return WavReader.read(stream);
        }
        String mimeType = exchange == null ? null
                : exchange.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE, String.class);
        return new PcmStream(stream,
                mimeType == null ? MimeTypes.PCM_INPUT_RATE : MimeTypes.pcmRate(mimeType, MimeTypes.PCM_INPUT_RATE));
    }

    @Converter
    public static PcmStream toPcmStream(Path file, Exchange exchange) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            PcmStream pcm = toPcmStream(in, exchange);
            if (exchange != null) {
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        IOHelper.close(pcm, file.toString());
                    }
                });
            }
            return pcm;
        } catch (IOException | RuntimeException e) {
            IOHelper.close(in);
            throw new IOException("Cannot read " + file + " as audio: " + e.getMessage(), e);
        }
    }

    @Converter
    public static PcmStream toPcmStream(File file, Exchange exchange) throws IOException {
        return toPcmStream(file.toPath(), exchange);
    }
}
