package io.github.camelgeminilive.emulator.server;

import java.util.concurrent.TimeUnit;

import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

import io.github.camelgeminilive.emulator.model.ModelScheduler;

/**
 * A connection's model timers on the connection's own I/O thread, so a paced reply chunk is written where it is
 * produced, without a hand-off to another thread and a selector wake-up per chunk. The I/O thread's timer queue has
 * millisecond resolution: delays are rounded up, so a task never runs early.
 */
final class IoThreadScheduler implements ModelScheduler {

    private static final long NANOS_PER_MILLI = 1_000_000;

    private final XnioIoThread thread;

    IoThreadScheduler(XnioIoThread thread) {
        this.thread = thread;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        long millis = Math.max(0, (delayNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        XnioExecutor.Key key = thread.executeAfter(task, millis, TimeUnit.MILLISECONDS);
        return key::remove;
    }
}
