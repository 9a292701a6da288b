package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.Resilience;

/**
 * What a resilient session adds to {@code sendAudio} on the caller's thread over a real connection, against a plain
 * session: the bytes the call allocates, read from the thread's own allocation counter (so neither other threads
 * nor the machine's load change it). The resilient engine keeps its per-frame bookkeeping to the message itself and
 * one write callback; it used to make three more futures and their completion links per frame (about 230 B).
 */
class ResilientSendCostTest extends EmulatorClientTest {

    private static final int BATCHES = 12;
    private static final int BATCH = 500;
    /** The message (the caller's future, with its replay bookkeeping) and its write callback: about 100 B. */
    private static final long MAX_EXTRA_BYTES_PER_FRAME = 160;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aResilientSendAllocatesLittleMoreThanAPlainOne() throws Exception {
        LiveSession plain = client.connect(Resilience.session(), null, event -> {}).get(10, TimeUnit.SECONDS);
        ResilientSession resilient = client.connectResilient(Resilience.session(), ResilienceOptions.defaults(),
                event -> {}).get(10, TimeUnit.SECONDS);
        byte[] silence = new byte[640]; // 20 ms of 16 kHz PCM: the emulator hears no speech and stays quiet
        // batches taken in turns, the smallest of each kind counted: the one after the JIT settled
        long plainBytes = Long.MAX_VALUE;
        long resilientBytes = Long.MAX_VALUE;
        for (int i = 0; i < BATCHES; i++) {
            plainBytes = Math.min(plainBytes, bytesPerSend(plain, silence));
            resilientBytes = Math.min(resilientBytes, bytesPerSend(resilient, silence));
        }

        assertThat(resilientBytes - plainBytes)
                .as("bytes a resilient sendAudio allocates beyond a plain one's (%d B), per frame", plainBytes)
                .isLessThanOrEqualTo(MAX_EXTRA_BYTES_PER_FRAME);
        assertThat(resilient.metrics().framesSent()).isEqualTo((long) BATCHES * BATCH);
        plain.close();
        resilient.close();
    }

    /** Sends one batch a frame at a time, each written before the next; counts only the calls themselves. */
    private long bytesPerSend(LiveSession session, byte[] frame) throws Exception {
        long allocated = 0;
        for (int i = 0; i < BATCH; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            CompletableFuture<Void> sent = session.sendAudio(frame, null);
            allocated += threads.getCurrentThreadAllocatedBytes() - before;
            sent.get(10, TimeUnit.SECONDS);
        }
        return allocated / BATCH;
    }
}
