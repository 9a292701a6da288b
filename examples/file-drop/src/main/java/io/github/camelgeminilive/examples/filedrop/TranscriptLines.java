package io.github.camelgeminilive.examples.filedrop;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A transcript as JSON lines, {@code {"t": 1.24, "role": "user", "text": "..."}}: the transcription chunks of one
 * speaker are joined into one line until the other speaks or the model's turn ends; {@code t} is when the line's
 * first chunk came, in seconds from the start of the file's session. A line grows to at most
 * {@value #MAX_LINE_CHARS} characters (the service's text is not trusted to stay short); more starts a new line.
 */
final class TranscriptLines implements Closeable {

    static final String USER = "user";
    static final String MODEL = "model";
    static final int MAX_LINE_CHARS = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final StringBuilder text = new StringBuilder();
    private String role;
    private double startedAt;
    private int lines;

    TranscriptLines(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** A transcription chunk of {@code role}, {@code t} seconds in. */
    void add(String role, double t, String chunk) throws IOException {
        if (!role.equals(this.role)) {
            endLine();
        }
        for (int from = 0; from < chunk.length();) {
            if (this.role == null) {
                this.role = role;
                this.startedAt = t;
            }
            int n = Math.min(chunk.length() - from, MAX_LINE_CHARS - text.length());
            text.append(chunk, from, from + n);
            from += n;
            if (text.length() == MAX_LINE_CHARS) {
                endLine();
            }
        }
    }

    /** Writes the line being joined, if it holds any text. */
    void endLine() throws IOException {
        String line = text.toString().strip();
        if (!line.isEmpty()) {
            out.write(JSON.writeValueAsString(new Line(Math.round(startedAt * 100) / 100.0, role, line)));
            out.write('\n');
            lines++;
        }
        text.setLength(0);
        role = null;
    }

    /** Lines written. */
    int lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            endLine();
        }
    }

    /** One line of the transcript. */
    record Line(double t, String role, String text) {
    }
}
