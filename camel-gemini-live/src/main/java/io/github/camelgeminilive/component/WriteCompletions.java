package io.github.camelgeminilive.component;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues exchanges whose sends were written, on the writes pool, at most {@code parallelism} drains at once (one
 * by default: completions then run in write order). Waking a parked pool thread costs more than most completions do,
 * and under load a frame is written every few dozen microseconds: so once completions come together (a drain found
 * more than one), the drain waits {@link #LINGER_NANOS} for the next ones, and again while any came, instead of
 * parking until the I/O thread wakes it for each. Under load that is one wake-up per millisecond instead of one per
 * frame (and no wake-up call on the I/O thread, which on two cores the woken thread often preempts), and an exchange
 * no one waits on completes up to a millisecond later; a lone completion (a synchronous caller's, one send at a
 * time) still runs at once.
 */
final class WriteCompletions implements Executor {

    /** How long a drain waits for more completions once they come together. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(WriteCompletions.class);
    /** Set on a thread while it drains: a send it makes must not wait for a completion queued behind itself. */
    private static final ThreadLocal<Boolean> DRAINING = new ThreadLocal<>();

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drains = new AtomicInteger();
    private final Executor pool;
    private final int parallelism;
    private final long lingerNanos;

    WriteCompletions(Executor pool, int parallelism) {
        this(pool, parallelism, LINGER_NANOS);
    }

    WriteCompletions(Executor pool, int parallelism, long lingerNanos) {
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
        this.lingerNanos = lingerNanos;
    }

    /** Whether the calling thread is draining completions (of any instance). */
    static boolean onDrainingThread() {
        return Boolean.TRUE.equals(DRAINING.get());
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (claimDrain()) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) { // the pool is shut down: the claim is void
                drains.decrementAndGet();
                throw e;
            }
        }
    }

    private boolean claimDrain() {
        for (int d = drains.get(); d < parallelism; d = drains.get()) {
            if (drains.compareAndSet(d, d + 1)) {
                return true;
            }
        }
        return false;
    }

    private void drain() {
        DRAINING.set(Boolean.TRUE);
        try {
            do {
                try {
                    // lingers once completions come together, and goes on while any come within a linger
                    boolean lingering = false;
                    for (int ran = runQueued(); ran > (lingering ? 0 : 1); ran = runQueued()) {
                        LockSupport.parkNanos(lingerNanos);
                        lingering = true;
                    }
                } finally {
                    drains.decrementAndGet();
                }
                // a task queued after the last poll found no drain to claim: take it over, if no one else did
            } while (!tasks.isEmpty() && claimDrain());
        } finally {
            DRAINING.remove();
        }
    }

    /** Runs what is queued, until the queue is empty; returns how many ran. */
    private int runQueued() {
        int ran = 0;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            ran++;
            try {
                task.run();
            } catch (RuntimeException e) { // a completion fails its own exchange; this keeps the others going
                LOG.warn("A write completion failed: {}", e.toString(), e);
            }
        }
        return ran;
    }
}
