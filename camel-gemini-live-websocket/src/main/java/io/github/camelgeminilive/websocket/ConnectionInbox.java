package io.github.camelgeminilive.websocket;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one connection on their way to the route: one at a time and in order, on a shared pool (no thread
 * per connection), the next one only once the previous exchange completed (also when the route continues
 * asynchronously). Messages waiting are bounded; open, close and error events always get in.
 */
final class ConnectionInbox {

    /** Hands one event to the route; true when it completed before returning (as Camel's AsyncProcessor). */
    interface Delivery {
        boolean deliver(InboundEvent event, AsyncCallback done);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionInbox.class);

    private final Queue<InboundEvent> queue = new ConcurrentLinkedQueue<>();
    /** Events queued or being delivered; whoever raises it from 0 starts the drain. */
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Executor executor;
    private final Delivery delivery;
    private final int maxMessages;
    /** Guarded by this: the close event is queued. */
    private boolean ended;

    ConnectionInbox(Executor executor, Delivery delivery, int maxMessages) {
        this.executor = executor;
        this.delivery = delivery;
        this.maxMessages = maxMessages;
    }

    /**
     * Queues an event; false (nothing queued) when it is a message and {@code maxMessages} already wait. The close
     * event is the last: anything offered after it (such as a read error of the closed channel) is ignored.
     */
    boolean offer(InboundEvent event) {
        synchronized (this) {
            if (ended) {
                return true;
            }
            if (event.type() == GeminiLiveWebsocketEvent.MESSAGE && messages.incrementAndGet() > maxMessages) {
                messages.decrementAndGet();
                return false;
            }
            ended = event.type() == GeminiLiveWebsocketEvent.CLOSE;
            queue.add(event);
        }
        if (pending.getAndIncrement() == 0) {
            schedule();
        }
        return true;
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // the component is stopping: its pool no longer runs anything, so nothing more reaches the routes
            LOG.debug("Events of a connection not delivered: the component is stopping");
        }
    }

    private void drain() {
        do {
            InboundEvent event = queue.poll();
            boolean sync = delivery.deliver(event, doneSync -> {
                if (!doneSync) {
                    delivered(event);
                    if (pending.decrementAndGet() > 0) {
                        schedule();
                    }
                }
            });
            if (!sync) {
                return; // the callback goes on
            }
            delivered(event);
        } while (pending.decrementAndGet() > 0);
    }

    private void delivered(InboundEvent event) {
        if (event.type() == GeminiLiveWebsocketEvent.MESSAGE) {
            messages.decrementAndGet();
        }
    }
}
