package io.github.camelgeminilive.ordered;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs completions (of writes: an exchange continuing once its frame was written; or the turns of sessions' events)
 * on a pool, at most {@code parallelism} drains at once; with one, in the order they came. Never on the caller,
 * which is usually an I/O thread (except once the pool is shut down: a task another caller queued for a drain the
 * pool then refused runs on the refused caller, as no drain will come for it). Waking a parked pool thread costs more than most completions do, and under load a
 * frame is written every few dozen microseconds: so once completions come together (a drain found more than one),
 * the drain waits {@link #LINGER_NANOS} for the next ones, and again while any came, instead of parking until the
 * I/O thread wakes it for each. Under load that is one wake-up per millisecond instead of one per frame (and no
 * wake-up call on the I/O thread, which on two cores the woken thread often preempts), and an exchange no one waits
 * on completes up to a millisecond later; a lone completion (a synchronous caller's, one send at a time) still runs
 * at once.
 */
public final class CompletionDrain implements Executor {

    /** How long a drain waits for more completions once they come together. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(CompletionDrain.class);
    /** The completion drain a thread drains, while it does: a send it makes must not wait for a completion. */
    private static final ThreadLocal<CompletionDrain> DRAINING = new ThreadLocal<>();

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drains = new AtomicInteger();
    private final Executor pool;
    private final int parallelism;
    private final long lingerNanos;
    /** Whether callers wait for its tasks (completions), so that its threads must not wait for completions. */
    private final boolean completions;

    /**
     * A drain of completions that callers may wait for (a synchronous send waits for its write's).
     *
     * @param pool runs the drains; must queue what it cannot run at once (never run it on the caller)
     * @param parallelism drains at once, at least 1
     */
    public CompletionDrain(Executor pool, int parallelism) {
        this(pool, parallelism, LINGER_NANOS, true);
    }

    CompletionDrain(Executor pool, int parallelism, long lingerNanos, boolean completions) {
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
        this.lingerNanos = lingerNanos;
        this.completions = completions;
    }

    /**
     * A drain of tasks no caller waits for (sessions' events), whose threads may wait for completions: a route on
     * an event thread that sends synchronously has its write completed on the completion drain, as any caller.
     */
    public static CompletionDrain forEvents(Executor pool, int parallelism) {
        return new CompletionDrain(pool, parallelism, LINGER_NANOS, false);
    }

    /**
     * This drain, or {@code elsewhere} when the caller is draining completions (of any drain): a caller that will
     * wait for the completion it hands over (a synchronous send) could otherwise wait for a task queued behind itself,
     * or behind a thread of another drain that waits for one of this drain's.
     */
    public Executor unlessDraining(Executor elsewhere) {
        return DRAINING.get() != null ? elsewhere : this;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (claimDrain()) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) { // the pool is shut down: the claim is void
                drains.decrementAndGet();
                boolean mine = tasks.remove(task);
                if (drains.get() == 0) {
                    runQueued(); // tasks others queued meanwhile counted on this drain: none will come for them
                }
                if (mine) {
                    throw e; // not run: the caller decides
                } // else a drain still running took it
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
        CompletionDrain outer = DRAINING.get(); // a pool running tasks inline (a caller-runs pool) nests drains
        if (completions) {
            DRAINING.set(this);
        }
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
            DRAINING.set(outer);
        }
    }

    /** Runs what is queued, until the queue is empty; returns how many ran. */
    private int runQueued() {
        int ran = 0;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            ran++;
            try {
                task.run();
            } catch (RuntimeException e) { // it should have handled its own failure; the others still run
                LOG.warn("A completion failed: {}", e.toString(), e);
            }
        }
        return ran;
    }
}
