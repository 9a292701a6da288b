package io.github.camelgeminilive.examples.filedrop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.Wav;
import io.github.camelgeminilive.audio.WavReader;

/** The tests' side of a drop folder: files dropped as a user would, and what the file drop left there. */
final class DropFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    DropFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Drops {@code content} as {@code name} at once: written under a hidden name, then renamed, as a copy tool does. */
    Path drop(String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path part = dir.resolve("." + name + ".copying");
        Files.write(part, content);
        return Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The names in {@code sub} ("" for the folder itself), hidden ones too, without directories. */
    Set<String> names(String sub) {
        Path d = sub.isEmpty() ? dir : dir.resolve(sub);
        if (!Files.isDirectory(d)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a transcript the file drop wrote. */
    List<TranscriptLines.Line> transcript(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name)).stream().map(l -> {
            try {
                return JSON.readValue(l, TranscriptLines.Line.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** The samples and rate of a WAV file, read as the file drop reads its inputs. */
    static PcmStream read(Path wav) throws IOException {
        return WavReader.read(Files.newInputStream(wav));
    }

    /** A test resource's bytes. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = DropFolder.class.getResourceAsStream("/wav/" + name)) {
            if (in == null) {
                throw new IOException("No test resource /wav/" + name);
            }
            return in.readAllBytes();
        }
    }

    /**
     * A 16 kHz WAV file of "Hello?" ({@code hello-16k.wav}, 0.99 s) {@code times} times, each followed by
     * {@code pauseMillis} of silence: a turn each, when the pause is longer than the emulator's 800 ms.
     */
    static byte[] hellos(int times, int pauseMillis) throws IOException {
        byte[] hello;
        try (PcmStream pcm = WavReader.read(DropFolder.class.getResourceAsStream("/wav/hello-16k.wav"))) {
            hello = pcm.pcm().readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            out.write(hello);
            out.write(new byte[16 * 2 * pauseMillis]);
        }
        return Wav.toBytes(out.toByteArray(), 16_000);
    }
}
