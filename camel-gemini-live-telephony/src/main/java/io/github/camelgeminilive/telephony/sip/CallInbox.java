package io.github.camelgeminilive.telephony.sip;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * The exchanges of one call on their way to the route: one at a time and in order, on a shared pool (never the UDP
 * loop's thread, no thread per call), the next one only once the previous completed, also when the route goes on
 * asynchronously. Audio waiting is bounded; call events (start, DTMF, hang-up) always get in.
 */
final class CallInbox {

    /** The exchange property that marks an audio frame, counted against {@code maxAudio} until done. */
    private static final String AUDIO = "CamelGeminiLiveSipInboxAudio";

    private final Queue<Exchange> queue = new ConcurrentLinkedQueue<>();
    /** Exchanges queued or under way; whoever raises it from 0 starts the drain. */
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger audio = new AtomicInteger();
    private final Executor executor;
    private final AsyncProcessor processor;
    private final ExceptionHandler errors;
    private final int maxAudio;
    private final LongAdder stopDrops;

    CallInbox(Executor executor, AsyncProcessor processor, ExceptionHandler errors, int maxAudio,
            LongAdder stopDrops) {
        this.executor = executor;
        this.stopDrops = stopDrops;
        this.processor = processor;
        this.errors = errors;
        this.maxAudio = maxAudio;
    }

    /** Queues an exchange; false (nothing queued) for audio when {@code maxAudio} frames already wait. */
    boolean offer(Exchange exchange, boolean isAudio) {
        if (isAudio && audio.incrementAndGet() > maxAudio) {
            audio.decrementAndGet();
            return false;
        }
        exchange.setProperty(AUDIO, isAudio);
        queue.add(exchange);
        if (pending.getAndIncrement() == 0) {
            schedule();
        }
        return true;
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) { // the endpoint is stopping: nothing more reaches the route
            while (queue.poll() != null) {
                stopDrops.increment();
            }
            pending.set(0);
        }
    }

    private void drain() {
        do {
            Exchange exchange = queue.poll();
            boolean sync = processor.process(exchange, doneSync -> {
                done(exchange);
                if (!doneSync && pending.decrementAndGet() > 0) {
                    schedule();
                }
            });
            if (!sync) {
                return;
            }
        } while (pending.decrementAndGet() > 0);
    }

    private void done(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getProperty(AUDIO))) {
            audio.decrementAndGet();
        }
        if (exchange.getException() != null) {
            errors.handleException("Failed to process a SIP call's exchange", exchange, exchange.getException());
        }
    }
}
