package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.github.camelgeminilive.protocol.Setup;

/**
 * What one session is: its {@code setup}, the model rules it follows, where its events are delivered and how long
 * to wait for {@code setupComplete}.
 *
 * @param setup         the setup message (a resumption handle, if any, is set by the session itself)
 * @param rules         the model family's rules; null: looked up in {@link ModelRulesTable#defaults()}
 * @param eventExecutor runs the listener; events of one session stay serial and ordered on it. Null: the
 *                      client's shared pool
 * @param setupTimeout  how long to wait for {@code setupComplete}
 * @param maxQueuedEvents most events a {@link ResilientSession} queues for a slow listener before dropping the
 *                      oldest audio (then other content) events; 0 or less: {@value #DEFAULT_MAX_QUEUED_EVENTS}
 * @param maxQueuedEventBytes most bytes (payloads) of events queued for a slow listener, with the same policy as
 *                      {@code maxQueuedEvents}; 0 or less: {@value #DEFAULT_MAX_QUEUED_EVENT_BYTES}
 */
public record SessionOptions(Setup setup, ModelRules rules, Executor eventExecutor, Duration setupTimeout,
        int maxQueuedEvents, long maxQueuedEventBytes) {

    public static final int DEFAULT_MAX_QUEUED_EVENTS = 10_000;
    public static final long DEFAULT_MAX_QUEUED_EVENT_BYTES = 32L * 1024 * 1024;

    public SessionOptions {
        Objects.requireNonNull(setup, "setup");
        rules = rules == null ? ModelRulesTable.defaults().forModel(setup.model()) : rules;
        setupTimeout = setupTimeout == null ? Duration.ofSeconds(30) : setupTimeout;
        maxQueuedEvents = maxQueuedEvents <= 0 ? DEFAULT_MAX_QUEUED_EVENTS : maxQueuedEvents;
        maxQueuedEventBytes = maxQueuedEventBytes <= 0 ? DEFAULT_MAX_QUEUED_EVENT_BYTES : maxQueuedEventBytes;
    }

    public SessionOptions(Setup setup, ModelRules rules, Executor eventExecutor, Duration setupTimeout) {
        this(setup, rules, eventExecutor, setupTimeout, 0, 0);
    }

    public SessionOptions withMaxQueuedEvents(int max) {
        return new SessionOptions(setup, rules, eventExecutor, setupTimeout, max, maxQueuedEventBytes);
    }

    public SessionOptions withMaxQueuedEventBytes(long max) {
        return new SessionOptions(setup, rules, eventExecutor, setupTimeout, maxQueuedEvents, max);
    }

    public static SessionOptions of(Setup setup) {
        return new SessionOptions(setup, null, null, null);
    }
}
