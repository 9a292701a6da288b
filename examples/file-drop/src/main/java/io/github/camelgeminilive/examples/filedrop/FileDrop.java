package io.github.camelgeminilive.examples.filedrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;

import io.github.camelgeminilive.component.GeminiLiveConstants;

/**
 * What the file-drop routes ({@code camel/file-drop.yaml}) cannot say themselves: a {@link DropReply} per file in
 * flight, found by its session's key; the file's audio in chunks ({@link WavChunks}) and when each is due; and the
 * reason a file failed, for the file beside it.
 */
public class FileDrop {

    /** Exchange property: the file's sample rate. */
    static final String RATE = "FileDropRate";
    /** Exchange property: the name the file's results go under ({@link OutputNames}). */
    static final String OUTPUT_NAME = "FileDropOutputName";

    private final Map<String, DropReply> replies = new ConcurrentHashMap<>();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong lateEvents = new AtomicLong();
    private final OutputNames outputNames = new OutputNames();
    private ScheduledExecutorService timers;
    private Duration settle = Duration.ofSeconds(3);
    private Duration replyTimeout = Duration.ofSeconds(60);
    private double pace = 1.0;

    /**
     * A dropped file starts: the name its results go under (its own, or numbered when a file of that name was
     * processed before), its own session key (the file name and a number, so a file dropped again is a new session)
     * and its reply, whose parts are dropped when the exchange fails.
     */
    public void begin(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(FileConstants.FILE_ABSOLUTE_PATH, String.class));
        String outputName = outputNames.reserve(file);
        exchange.setProperty(OUTPUT_NAME, outputName);
        String key = file.getFileName() + "#" + files.incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                DropReply left = replies.remove(key);
                if (left != null) {
                    left.abandon();
                }
                outputNames.release(outputName);
            }
        });
        replies.put(key, new DropReply(file, outputName, timers(exchange.getContext()), settle, replyTimeout));
        exchange.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, key);
    }

    /**
     * The name the file moves to {@code .done} or {@code .error} under, and its reason file is named after: the one
     * {@link #begin(Exchange)} chose, or the file's own when it failed before.
     */
    public String outputName(Exchange exchange) {
        String name = exchange.getProperty(OUTPUT_NAME, String.class);
        return name != null ? name : exchange.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
    }

    /**
     * The file's audio, 16-bit mono PCM at its own rate in {@value WavChunks#CHUNK_MILLIS} ms chunks; sets
     * {@code CamelGeminiLiveMimeType} to that rate for the conversion to 16 kHz.
     */
    public WavChunks chunks(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(FileConstants.FILE_ABSOLUTE_PATH, String.class));
        WavChunks chunks = reply(exchange.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY, String.class))
                .read(WavChunks.open(file));
        exchange.getMessage().setHeader(GeminiLiveConstants.MIME_TYPE, "audio/pcm;rate=" + chunks.sampleRate());
        exchange.setProperty(RATE, chunks.sampleRate());
        return chunks;
    }

    /**
     * How long chunk {@code index} waits to be sent: the file plays in real time ({@code pace} 1), or faster, from
     * when its first chunk was written, i.e. once its session is open: a session that takes long to connect must not
     * get the file's start in a burst. Fails once the file's reply failed (its session ended), so that the rest of
     * the file opens no new session.
     */
    public long millisUntilDue(@Header(GeminiLiveConstants.SESSION_KEY) String key,
            @ExchangeProperty(Exchange.SPLIT_INDEX) int index, @ExchangeProperty(RATE) int rate) throws IOException {
        DropReply reply = reply(key);
        reply.checkNotFailed();
        if (index == 0 || pace <= 0) {
            return 0;
        }
        long due = reply.audioStartedAt()
                + (long) (index * (double) WavChunks.samplesPerChunk(rate) / rate / pace * 1e9);
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()));
    }

    /** Chunk {@code index} was written to the file's session: the first starts the file's clock. */
    public void chunkSent(@Header(GeminiLiveConstants.SESSION_KEY) String key,
            @ExchangeProperty(Exchange.SPLIT_INDEX) int index) {
        if (index == 0) {
            reply(key).audioStarted();
        }
    }

    /** The end of the audio was sent: completes when the reply is complete, fails when it cannot be. */
    public CompletionStage<Void> awaitReply(@Header(GeminiLiveConstants.SESSION_KEY) String key) {
        return reply(key).audioEnded();
    }

    /** The reply is complete: renames it into place; the body becomes a line for the log. */
    public String publish(@Header(GeminiLiveConstants.SESSION_KEY) String key) throws IOException {
        DropReply reply = replies.remove(key);
        if (reply == null) {
            throw new IllegalStateException("No reply recorded for " + key);
        }
        return reply.publish();
    }

    public void modelAudio(@Header(GeminiLiveConstants.SESSION_KEY) String key, @Body byte[] pcm) {
        DropReply reply = replies.get(key);
        countLate(reply == null || !reply.modelAudio(pcm));
    }

    public void modelSaid(@Header(GeminiLiveConstants.SESSION_KEY) String key, @Body String text) {
        said(key, TranscriptLines.MODEL, text);
    }

    public void userSaid(@Header(GeminiLiveConstants.SESSION_KEY) String key, @Body String text) {
        said(key, TranscriptLines.USER, text);
    }

    public void turnComplete(@Header(GeminiLiveConstants.SESSION_KEY) String key) {
        turnEnded(key, true);
    }

    public void interrupted(@Header(GeminiLiveConstants.SESSION_KEY) String key) {
        turnEnded(key, false);
    }

    /** A file's session ended ({@code closed} event): its reply cannot complete, unless Camel is stopping. */
    public void sessionClosed(Exchange event) {
        DropReply reply = replies.get(event.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY, String.class));
        // a stop leaves the files in flight where they are, as a crash does: the next start processes them
        if (reply != null && !event.getContext().isStopping()) {
            Integer code = event.getMessage().getHeader(GeminiLiveConstants.CLOSE_CODE, Integer.class);
            String reason = event.getMessage().getHeader(GeminiLiveConstants.CLOSE_REASON, String.class);
            reply.sessionEnded(code + (reason == null || reason.isBlank() ? "" : " " + reason));
        }
    }

    /** Why a file failed, for the reason file beside it: the message of the exception that says it. */
    public String reason(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof UncheckedIOException || t instanceof CompletionException
                || t instanceof RuntimeCamelException || t instanceof InvocationTargetException)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getName() : t.getMessage();
        return message + System.lineSeparator();
    }

    private void said(String key, String role, String text) {
        if (text != null) {
            DropReply reply = replies.get(key);
            countLate(reply == null || !reply.said(role, text));
        }
    }

    private void turnEnded(String key, boolean complete) {
        DropReply reply = replies.get(key);
        countLate(reply == null || !reply.turnEnded(complete));
    }

    /**
     * An event of a file's session that came after its reply was complete or failed (an answer the model began
     * after the settle), left out of the reply: counted, as {@link #getLateEvents()}.
     */
    private void countLate(boolean late) {
        if (late) {
            lateEvents.incrementAndGet();
        }
    }

    private DropReply reply(String key) {
        DropReply reply = key == null ? null : replies.get(key);
        if (reply == null) {
            throw new IllegalStateException("No reply recorded for session key " + key);
        }
        return reply;
    }

    private synchronized ScheduledExecutorService timers(CamelContext context) {
        if (timers == null) {
            timers = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "FileDropTimers");
            if (timers instanceof SizedScheduledExecutorService sized) {
                // a stop need not wait for a reply's timeout: the file stays in the folder for the next start
                sized.getScheduledThreadPoolExecutor().setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            }
        }
        return timers;
    }

    /** Files in flight. */
    public int getFilesInFlight() {
        return replies.size();
    }

    /**
     * Events of the files' sessions (audio, transcriptions, turn ends) left out of their replies because they came
     * after the reply was complete or failed; the reply's log line says how many of them came before it was
     * written.
     */
    public long getLateEvents() {
        return lateEvents.get();
    }

    public Duration getSettle() {
        return settle;
    }

    /** After the end of a file's audio, how long the model must stay quiet, once it answered, for the reply to end. */
    public void setSettle(Duration settle) {
        this.settle = positive(settle, "settle");
    }

    public Duration getReplyTimeout() {
        return replyTimeout;
    }

    /** How long a reply may take to complete, or to start when the model has not answered the file yet. */
    public void setReplyTimeout(Duration replyTimeout) {
        this.replyTimeout = positive(replyTimeout, "replyTimeout");
    }

    public double getPace() {
        return pace;
    }

    /** The speed a file is sent at: 1 = real time, 2 = twice as fast, 0 = as fast as the session takes it. */
    public void setPace(double pace) {
        if (!(pace >= 0) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("pace must be 0 or more: " + pace);
        }
        this.pace = pace;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
