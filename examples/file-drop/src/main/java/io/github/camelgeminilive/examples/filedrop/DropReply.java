package io.github.camelgeminilive.examples.filedrop;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.audio.WavWriter;

/**
 * The reply to one dropped file while its session runs: the model's audio goes into {@code NAME.reply.wav} and both
 * sides' transcriptions into {@code NAME.transcript.jsonl}, beside the input, each written under a hidden
 * {@code .part} name and renamed into place by {@link #publish()}, the WAV last: a reply that looks complete is
 * complete, and a process killed before leaves only hidden parts, which the file's next run overwrites.
 *
 * <p>
 * It also decides when the reply is complete, after {@link #audioEnded()}: at once when a turn the model began after
 * the end completes (the answer to the speech the end cut off); else once the model has been quiet for
 * {@code settle} after a completed turn (the end may still start one: the service's voice activity detection may
 * have been waiting for more silence). A turn that does not complete within {@code replyTimeout}, or no answer at
 * all within {@code replyTimeout} of the end, fails it, as does the session's end.
 */
final class DropReply {

    /** The model speaks 24 kHz 16-bit mono PCM (the route converts whatever it sends to that). */
    static final int REPLY_RATE = 24_000;
    /** The reply WAV's name: the stem of the file's output name and this. */
    static final String REPLY_SUFFIX = ".reply.wav";
    /** The transcript's name: the stem of the file's output name and this. */
    static final String TRANSCRIPT_SUFFIX = ".transcript.jsonl";
    /** The most reply audio kept: the service's audio is not trusted to end. */
    static final Duration MAX_REPLY_AUDIO = Duration.ofHours(1);

    /** A reply being written: a hidden name ending in this. */
    static final String PART = ".part";

    private static final Logger LOG = LoggerFactory.getLogger(DropReply.class);

    private final String name;
    private final Path wav;
    private final Path wavPart;
    private final Path transcript;
    private final Path transcriptPart;
    private final WavWriter audio;
    private final TranscriptLines lines;
    private final ScheduledExecutorService timers;
    private final Duration settle;
    private final Duration replyTimeout;
    private long audioStartedAt = System.nanoTime();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private WavChunks input;
    private ScheduledFuture<?> timer;
    /** Counts the timers armed, so that one replaced while it was about to run does nothing. */
    private int armed;
    private boolean ended;
    private boolean turnOpen;
    private boolean turnBeganAfterEnd;
    private boolean answered;
    private boolean resolved;
    private Throwable failure;
    /** Events that came after the reply was complete or failed, and were left out of it. */
    private int late;

    /**
     * The reply to {@code file}, written beside it under {@code outputName} ({@link OutputNames}) without its
     * extension.
     */
    DropReply(Path file, String outputName, ScheduledExecutorService timers, Duration settle, Duration replyTimeout)
            throws IOException {
        this.name = file.getFileName().toString();
        this.timers = timers;
        this.settle = settle;
        this.replyTimeout = replyTimeout;
        Path dir = file.toAbsolutePath().getParent();
        String base = OutputNames.stem(outputName);
        this.wav = dir.resolve(base + REPLY_SUFFIX);
        this.wavPart = dir.resolve("." + base + REPLY_SUFFIX + PART);
        this.transcript = dir.resolve(base + TRANSCRIPT_SUFFIX);
        this.transcriptPart = dir.resolve("." + base + TRANSCRIPT_SUFFIX + PART);
        this.audio = new WavWriter(wavPart, REPLY_RATE);
        try {
            this.lines = new TranscriptLines(transcriptPart);
        } catch (IOException e) {
            audio.close();
            Files.deleteIfExists(wavPart);
            throw e;
        }
    }

    /**
     * Deletes the parts of replies in {@code dir} that a run killed mid-file left (hidden, named like
     * {@code .NAME.reply.wav.part}): at a start no reply is being written. Returns how many.
     */
    static int deleteParts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".*{" + REPLY_SUFFIX + ","
                + TRANSCRIPT_SUFFIX + "}" + PART)) {
            for (Path part : parts) {
                if (Files.isRegularFile(part) && Files.deleteIfExists(part)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** The file's first chunk was written (its session is open): the clock of the pacing and the transcript. */
    synchronized void audioStarted() {
        audioStartedAt = System.nanoTime();
    }

    /** When the file's first chunk was written ({@link System#nanoTime()}). */
    synchronized long audioStartedAt() {
        return audioStartedAt;
    }

    /** The file's audio, closed with this reply. */
    synchronized WavChunks read(WavChunks chunks) {
        this.input = chunks;
        return chunks;
    }

    /** Adds the model's audio to the reply; false when it came too late (the reply is complete or failed). */
    synchronized boolean modelAudio(byte[] pcm) {
        if (tooLate()) {
            return false;
        }
        modelSpoke();
        try {
            if (audio.dataBytes() + pcm.length > MAX_REPLY_AUDIO.toSeconds() * REPLY_RATE * 2) {
                throw new IOException(
                        "The model's reply exceeded " + MAX_REPLY_AUDIO.toMinutes() + " minutes of audio");
            }
            audio.write(pcm);
        } catch (IOException e) {
            resolve(e);
        }
        return true;
    }

    /** Adds a transcription to the reply; false when it came too late. */
    synchronized boolean said(String role, String text) {
        if (tooLate()) {
            return false;
        }
        try {
            lines.add(role, (System.nanoTime() - audioStartedAt) / 1e9, text);
        } catch (IOException e) {
            resolve(e);
        }
        return true;
    }

    /**
     * The model's turn ended: complete, or cut off by the user's speech ({@code interrupted}); false when it came
     * too late.
     */
    synchronized boolean turnEnded(boolean complete) {
        if (tooLate()) {
            return false;
        }
        try {
            lines.endLine();
        } catch (IOException e) {
            resolve(e);
            return true;
        }
        turnOpen = false;
        answered |= complete;
        if (ended) {
            if (complete && turnBeganAfterEnd) {
                resolve(null);
            } else {
                idle();
            }
        }
        return true;
    }

    private boolean tooLate() {
        if (resolved) {
            late++;
        }
        return resolved;
    }

    /** The file's audio has all been sent, and the end of the stream: completes when the reply is complete. */
    synchronized CompletableFuture<Void> audioEnded() {
        ended = true;
        if (turnOpen) {
            arm(replyTimeout, "The model's reply did not complete within " + replyTimeout.toSeconds()
                    + " s after the end of the audio");
        } else {
            idle();
        }
        return done;
    }

    /** Throws the reply's failure, if it failed (its session ended, a write failed). */
    synchronized void checkNotFailed() throws IOException {
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
    }

    /** The file's session ended before the reply was complete. */
    synchronized void sessionEnded(String why) {
        resolve(new IOException("The live session ended before the reply was complete: " + why));
    }

    /**
     * Renames the reply into place, the transcript first, the WAV last; returns what it holds, for the log.
     */
    synchronized String publish() throws IOException {
        resolve(null);
        closeAll();
        Files.move(transcriptPart, transcript, StandardCopyOption.ATOMIC_MOVE);
        Files.move(wavPart, wav, StandardCopyOption.ATOMIC_MOVE);
        return String.format("%s: %.1f s of audio sent, %.1f s of reply in %s, %d lines in %s%s", name,
                input == null ? 0 : input.samples() / (double) input.sampleRate(),
                audio.dataBytes() / (2.0 * REPLY_RATE), wav.getFileName(), lines.lines(), transcript.getFileName(),
                late == 0 ? "" : ", " + late + " late events left out (the model went on after the settle)");
    }

    /** Drops the parts of a reply that will not be published. */
    synchronized void abandon() {
        resolve(new IOException("abandoned"));
        try {
            closeAll();
        } catch (IOException e) {
            LOG.debug("Closing the abandoned reply of {}", name, e);
        }
        for (Path part : new Path[] {wavPart, transcriptPart}) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", part, e.getMessage());
            }
        }
    }

    private void closeAll() throws IOException {
        try (WavChunks in = input; WavWriter a = audio; TranscriptLines l = lines) {
            // closed in reverse order, each even when another fails
        }
    }

    private void modelSpoke() {
        if (!turnOpen) {
            turnOpen = true;
            turnBeganAfterEnd = ended;
            if (ended) {
                arm(replyTimeout, "The model's reply did not complete within " + replyTimeout.toSeconds() + " s");
            }
        }
    }

    /** After the end, the model is quiet: done after {@code settle} if it answered, else it has to answer. */
    private void idle() {
        if (answered) {
            arm(settle, null);
        } else {
            arm(replyTimeout, "The model did not answer within " + replyTimeout.toSeconds()
                    + " s after the end of the audio");
        }
    }

    /** In {@code after}, fails with {@code failure}, or completes when it is null; replaces the timer armed before. */
    private void arm(Duration after, String failure) {
        if (timer != null) {
            timer.cancel(false);
        }
        int id = ++armed;
        timer = timers.schedule(() -> {
            synchronized (this) {
                if (id == armed) {
                    resolve(failure == null ? null : new IOException(failure));
                }
            }
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Completes once, on the timer thread: the route goes on there, never on the thread of a session's events. */
    private void resolve(Throwable failure) {
        if (resolved) {
            return;
        }
        resolved = true;
        this.failure = failure;
        armed++;
        if (timer != null) {
            timer.cancel(false);
        }
        Runnable complete = () -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        };
        try {
            timers.execute(complete);
        } catch (RejectedExecutionException e) { // Camel is stopping
            complete.run();
        }
    }
}
