package io.github.camelgeminilive.session.delivery;

import io.github.camelgeminilive.session.LiveEvent;

/**
 * Where a connection hands its events, in order, one at a time: a bounded {@link EventQueue} to a listener, or
 * straight to a resilient session's engine ({@link InlineSink}), whose own queue is then the only one.
 */
public interface EventSink {

    /** Hands one event on; never throws. */
    void offer(LiveEvent event);

    /** Runs {@code task} after the events offered so far have been handed on, before the ones after it. */
    void runInOrder(Runnable task);
}
