package io.github.camelgeminilive.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import io.github.camelgeminilive.session.LiveSession;

/**
 * Streams 20 ms frames of 16 kHz PCM into a session from its own thread, like a microphone feeding a route: silence
 * faster than real time (one frame every 2 ms), or given frames at a given pace. Counts the samples it sent and keeps
 * every send future.
 */
public final class AudioProducer implements AutoCloseable {

    public static final int FRAME_BYTES = 640;
    private static final byte[] SILENCE = new byte[FRAME_BYTES];

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final List<CompletableFuture<Void>> sends = new CopyOnWriteArrayList<>();
    private final AtomicLong frames = new AtomicLong();

    public AudioProducer(LiveSession session) {
        this(session, Duration.ofMillis(2), n -> SILENCE);
    }

    /** Streams {@code frame.apply(n)} as frame {@code n} every {@code period} (20 ms: real time). */
    public AudioProducer(LiveSession session, Duration period, LongFunction<byte[]> frame) {
        thread.scheduleAtFixedRate(() -> {
            sends.add(session.sendAudio(frame.apply(frames.get()), null));
            frames.incrementAndGet();
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    public long frames() {
        return frames.get();
    }

    /** Stops producing; returns the samples sent, once every send completed (throws if one failed). */
    public long stop() throws Exception {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        return frames.get() * FRAME_BYTES / 2;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
