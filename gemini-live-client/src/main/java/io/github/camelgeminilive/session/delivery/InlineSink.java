package io.github.camelgeminilive.session.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;

/**
 * Hands each event to its consumer at once, on the calling thread (a connection's I/O thread, or the pool thread
 * that parses while it is busy): no queue and no thread hand-off. Only for a consumer that returns quickly and
 * never blocks, as a resilient session's engine, which queues for the caller's listener itself. A consumer that
 * throws, even an {@link Error}, is logged and the next event handed on.
 */
public final class InlineSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(InlineSink.class);

    private final LiveSessionListener consumer;
    private final String name;

    public InlineSink(LiveSessionListener consumer, String name) {
        this.consumer = consumer;
        this.name = name;
    }

    @Override
    public void offer(LiveEvent event) {
        try {
            consumer.onEvent(event);
        } catch (RuntimeException | Error e) {
            LOG.error("The consumer of {} failed on {}; handing on the next event", name, event.type(), e);
        }
    }

    /** Runs at once: the events offered so far have been handed on already. */
    @Override
    public void runInOrder(Runnable task) {
        task.run();
    }
}
