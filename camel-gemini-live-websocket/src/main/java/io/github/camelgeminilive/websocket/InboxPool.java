package io.github.camelgeminilive.websocket;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import io.github.camelgeminilive.ordered.OrderedInbox;

/**
 * The Camel-managed pool shared by the {@link OrderedInbox}es of a component or consumer: a turn waits in its queue
 * while every thread is busy, and once the pool is shut down a turn is refused with
 * {@link java.util.concurrent.RejectedExecutionException}, which the inbox counts. Camel's fixed pool does not suit
 * them: its queue holds 1000 turns, then runs routes on the offering (I/O) thread, and after a shutdown it silently
 * discards a turn, which wedges its inbox with nothing counted.
 */
public final class InboxPool {

    /**
     * The queue's capacity: in effect unbounded, as an inbox queues at most one turn and the inboxes are bounded by
     * the connections or calls. Camel reads a queue size of 0 or less as no queue at all (a direct hand-off that
     * refuses a turn whenever every thread is busy), so the bound is written out.
     */
    private static final int QUEUE = Integer.MAX_VALUE;

    private InboxPool() {
    }

    /** A fixed pool of {@code threads} named {@code name}, owned by {@code source} (shut down through Camel). */
    public static ExecutorService create(CamelContext context, Object source, String name, int threads) {
        ThreadPoolProfile profile = new ThreadPoolProfile(name);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(QUEUE);
        profile.setAllowCoreThreadTimeOut(false);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return context.getExecutorServiceManager().newThreadPool(source, name, profile);
    }
}
