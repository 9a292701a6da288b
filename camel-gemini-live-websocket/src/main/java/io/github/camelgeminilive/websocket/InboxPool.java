package io.github.camelgeminilive.websocket;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import io.github.camelgeminilive.ordered.OrderedInbox;

/**
 * The Camel-managed pool shared by the {@link OrderedInbox}es of a component or consumer. Camel's default profile
 * (a queue of 1000, "caller runs") does not suit them: after a shutdown it silently discards a turn, which wedges its
 * inbox with nothing counted, and with its queue full it runs routes on the offering (I/O) thread. This pool throws
 * {@link java.util.concurrent.RejectedExecutionException} instead, which the inbox counts; its queue is unbounded, as
 * an inbox queues at most one turn.
 */
public final class InboxPool {

    private InboxPool() {
    }

    /** A fixed pool of {@code threads} named {@code name}, owned by {@code source} (shut down through Camel). */
    public static ExecutorService create(CamelContext context, Object source, String name, int threads) {
        ThreadPoolProfile profile = new ThreadPoolProfile(name);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(-1);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return context.getExecutorServiceManager().newThreadPool(source, name, profile);
    }
}
