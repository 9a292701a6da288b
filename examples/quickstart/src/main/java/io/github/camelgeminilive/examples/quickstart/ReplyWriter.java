package io.github.camelgeminilive.examples.quickstart;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.github.camelgeminilive.audio.Wav;
import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.protocol.MimeTypes;

/** Saves the reply audio of an InOut {@code gemini-live} exchange as a WAV file and prints what the model said. */
final class ReplyWriter implements Processor {

    private final Path wavFile;
    private final PrintStream out;

    ReplyWriter(Path wavFile, PrintStream out) {
        this.wavFile = wavFile;
        this.out = out;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message reply = exchange.getMessage();
        byte[] pcm = reply.getMandatoryBody(byte[].class);
        if (pcm.length == 0) {
            throw new IllegalStateException("The model's reply carried no audio; nothing to write to " + wavFile);
        }
        String mimeType = reply.getHeader(GeminiLiveConstants.MIME_TYPE, String.class);
        int sampleRate =
                mimeType == null ? MimeTypes.PCM_OUTPUT_RATE : MimeTypes.pcmRate(mimeType, MimeTypes.PCM_OUTPUT_RATE);
        Wav.write(wavFile, pcm, sampleRate);

        out.println("Transcript: " + reply.getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, "", String.class));
        out.println("Tokens:     prompt " + count(reply, GeminiLiveConstants.PROMPT_TOKEN_COUNT)
                + ", response " + count(reply, GeminiLiveConstants.RESPONSE_TOKEN_COUNT)
                + ", total " + count(reply, GeminiLiveConstants.TOTAL_TOKEN_COUNT));
        out.println(String.format(Locale.ROOT, "Audio:      %.2f s, %d Hz 16-bit mono -> %s",
                pcm.length / 2.0 / sampleRate, sampleRate, wavFile.toAbsolutePath()));
    }

    private static String count(Message reply, String header) {
        Integer value = reply.getHeader(header, Integer.class);
        return value == null ? "n/a" : value.toString();
    }
}
