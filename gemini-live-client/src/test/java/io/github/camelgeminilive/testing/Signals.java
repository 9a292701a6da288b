package io.github.camelgeminilive.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

/** Real test media: speech-like PCM and small encoded images. */
public final class Signals {

    private Signals() {
    }

    /**
     * 16-bit little-endian mono PCM: {@code speechMs} of a voiced sound (a 140 Hz fundamental with harmonics under a
     * 4 Hz syllable envelope, like a talking voice, about -12 dBFS at its peaks), then {@code silenceMs} of silence.
     */
    public static byte[] speechThenSilence(int sampleRate, int speechMs, int silenceMs) {
        int speech = sampleRate * speechMs / 1000;
        int total = speech + sampleRate * silenceMs / 1000;
        ByteBuffer out = ByteBuffer.allocate(total * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < total; i++) {
            double value = 0;
            if (i < speech) {
                double t = (double) i / sampleRate;
                double syllables = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
                double voice = 0;
                for (int h = 1; h <= 5; h++) {
                    voice += Math.sin(2 * Math.PI * 140 * h * t) / h;
                }
                value = 0.25 * syllables * voice / 1.6;
            }
            out.putShort((short) Math.round(value * Short.MAX_VALUE));
        }
        return out.array();
    }

    /** A 32x24 image encoded as {@code png} or {@code jpeg} by javax.imageio. */
    public static byte[] image(String format) {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 32, 24);
        g.setColor(Color.BLUE);
        g.fillOval(8, 4, 16, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
