package io.github.camelgeminilive.session.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.connection.EncodedFrame;
import io.github.camelgeminilive.session.delivery.EventQueue;
import io.github.camelgeminilive.session.delivery.OrderedTasks;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/**
 * The phases of a {@link ResilientSession} and the moves between them: one conversation over a succession of plain
 * connections ({@link Link}s), under one lock.
 *
 * <p>Phases: OPEN (sends are written at once), DRAINING (after a go-away or at {@code maxConnectionAge}, until a
 * safe point, i.e. the newest {@code sessionResumptionUpdate} is resumable and no reply or tool call is in
 * progress, or until the hard deadline: audio keeps streaming on the old connection, other sends are held, see
 * {@link Outbox}), RECONNECTING (the old connection is closed or lost; attempts follow the {@link Outage}'s
 * backoff), CLOSED. A new connection takes over ({@link Takeover}): the {@link Outbox} writes again what the
 * resumed state lacks, then the held sends, then {@link LiveEvent.Reconnected} is delivered. A planned move
 * (go-away, {@code maxConnectionAge}) from a proven connection moves at once; from a connection younger than
 * {@link Outage#STABLE_CONNECTION} it counts like a loss, so a service (or a proxy) that says go-away to every new
 * connection is backed off and given up on too. A reply cut off by a lost connection is reported as
 * {@code replyAborted}; its late events are not delivered (the replayed turn may make the model answer again, in
 * full).
 *
 * <p>Threads: a connection hands its events in inline, on the I/O thread that parsed them, so the work per event
 * is short and never blocks: bookkeeping, queueing for the listener ({@link EventQueue}), and writes that only
 * queue frames on a connection. Nothing here waits for an I/O thread while holding the lock (a close completes
 * later, on the pool), and no transport lock is held when a connection calls in.
 */
final class SessionPhases {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPhases.class);
    /** How long a proactive move (maxConnectionAge) waits for a safe point. */
    private static final Duration AGE_DRAIN = Duration.ofSeconds(30);

    private enum Phase { CONNECTING, OPEN, DRAINING, RECONNECTING, CLOSING, CLOSED }

    private final Object lock = new Object();
    private final ResilientSession self;
    private final ScheduledExecutorService scheduler;
    private final Executor pool;
    private final SessionOptions options;
    private final ResilienceOptions resilience;
    private final EventQueue events;
    private final Outage outage;
    private final ResumptionHandles handles;
    private final Attempts attempts;
    private final ReplayCoverage coverage;
    private final ToolCalls toolCalls = new ToolCalls(this::toolCallsOverflow);
    private final ConversationLog conversation = new ConversationLog();
    private final TurnTracker tracker = new TurnTracker(toolCalls, conversation);
    private final Outbox outbox;
    private final PhaseTimer timer;
    private final Takeover takeover;
    private final SessionCounters sessionCounters;
    private final ResilienceCounters counters = new ResilienceCounters();
    private final CompletableFuture<ResilientSession> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    // all below guarded by lock
    private Phase phase = Phase.CONNECTING;
    /** What {@link ResilientSession#inputPosition} set last; -1: none. */
    private long inputPosition = -1;
    /** The active connection (null while reconnecting). */
    private Link current;
    private String sessionId;
    /** When the current gap began (the loss, or the drain's start): what Reconnected reports as downtime. */
    private long gapStartNanos;
    private String cause;
    private boolean replyAborted;
    private LiveSessionException lastError;
    /** Why the session ended (null after a normal close). */
    private LiveSessionException endError;

    /**
     * @param self     the session the caller gets once connected
     * @param counters drops and malformed messages, shared with the connections {@code connector} opens
     */
    SessionPhases(ResilientSession self, Connector connector, ScheduledExecutorService scheduler, Executor pool,
            SessionOptions options, ResilienceOptions resilience, LiveSessionListener listener,
            SessionCounters counters) {
        this.self = self;
        this.scheduler = scheduler;
        this.pool = pool;
        this.options = ResumableSetup.of(options, resilience.transparent());
        this.resilience = resilience;
        this.sessionCounters = counters;
        this.events = new EventQueue(listener, options.eventExecutor() != null ? options.eventExecutor() : pool,
                options.maxQueuedEvents(), options.maxQueuedEventBytes(), "resilient session", counters,
                this::listenerFellBehind);
        this.outage = new Outage(resilience.reconnect());
        // the store is the caller's code: off the I/O thread that reads the update, in order
        this.handles = new ResumptionHandles(resilience.handleStore(), resilience.handleKey(), Clock.systemUTC(),
                new OrderedTasks(pool));
        this.attempts = new Attempts(connector, pool, this.options, resilience, outage, handles, this::onLinkEvent,
                this::halfOpen, this::attemptFailed);
        ReplayBuffer replay = new ReplayBuffer(resilience.replayBufferBytes(), resilience.replayBufferDuration());
        this.coverage = new ReplayCoverage(replay, resilience.transparent(), resilience.coverageLag());
        this.outbox = new Outbox(lock, resilience, replay, coverage, toolCalls, conversation);
        this.timer = new PhaseTimer(scheduler);
        this.takeover = new Takeover(toolCalls, handles, outbox, outage, this.counters, events);
    }

    /** Connects the first time, from the stored handle when there is a usable one. */
    CompletableFuture<ResilientSession> start() {
        synchronized (lock) {
            handles.load();
            gapStartNanos = System.nanoTime();
            outage.begin(gapStartNanos);
            attempts.start();
        }
        return ready;
    }

    /** Completes once the session has ended for good and the listener has had its last event. */
    CompletableFuture<Void> endedFuture() {
        return ended;
    }

    /** The model's rules (how a text turn is sent). */
    ModelRules rules() {
        return options.rules();
    }

    // ---- connecting ----

    private void attemptFailed(Link link, Throwable error) {
        synchronized (lock) {
            if (!attempts.isNewest(link) || phase == Phase.CLOSED || phase == Phase.CLOSING) {
                return;
            }
            counters.failedAttempts++;
            LiveSessionException e = Attempts.failure(error);
            lastError = e;
            LOG.debug("Connection attempt {} failed: {}", outage.attempts(), e.getMessage());
            switch (attempts.judge(e, phase == Phase.CONNECTING, System.nanoTime())) {
                case FRESH_SESSION -> {
                    LOG.info("Resumption handle refused ({}): starting a fresh session", e.reason());
                    handles.refused();
                    attempts.start();
                }
                case GIVE_UP -> finish(e.closeCode(), e.reason(), e);
                case RETRY -> retryLater();
            }
        }
    }

    private void retryLater() {
        timer.at(System.nanoTime() + outage.nextDelay().toNanos(), () -> {
            synchronized (lock) {
                if (phase == Phase.RECONNECTING) {
                    attempts.start();
                }
            }
        });
    }

    // ---- events of the connections ----

    /** An event of {@code link}, on the thread that parsed it. */
    private void onLinkEvent(Link link, LiveEvent event) {
        synchronized (lock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (event instanceof LiveEvent.SetupCompleted setup) {
                activate(link, setup);
                return;
            }
            if (link != current) {
                return; // a connection we left: its late events would duplicate or confuse
            }
            if (event instanceof LiveEvent.GoAwayReceived g) {
                counters.goAways++;
                link.goneAway = true;
                events.offer(g);
                Duration left = g.timeLeft() == null ? Duration.ZERO : g.timeLeft();
                drain("goAway", left.minus(resilience.goAwayMargin()));
                return;
            }
            if (event instanceof LiveEvent.Closed c) {
                lost(link, c.code(), c.reason(), c.error());
                return;
            }
            tracker.track(event, link.generation);
            if (event instanceof LiveEvent.ResumptionUpdate u && u.resumable() && u.newHandle() != null
                    && !u.newHandle().isBlank()) {
                handles.issued(u.newHandle(), coverage.handleArrived(link, u));
            }
            events.offer(event);
            if (event instanceof LiveEvent.ResumptionUpdate && phase == Phase.DRAINING && tracker.safePoint()) {
                move();
            }
        }
    }

    /** The new connection's setup completed: resume the conversation on it. */
    private void activate(Link link, LiveEvent.SetupCompleted setup) {
        if (!attempts.isNewest(link) || phase == Phase.CLOSING) {
            link.session.closeAsync();
            return;
        }
        current = link;
        link.upSinceNanos = System.nanoTime();
        counters.connections++;
        link.keepalive.start(scheduler, resilience.pingInterval());
        sessionId = setup.sessionId();
        tracker.newConnection();
        if (phase == Phase.CONNECTING) {
            phase = Phase.OPEN;
            outage.firstConnected();
            events.offer(setup);
            scheduleAgeLimit();
            pool.execute(() -> ready.complete(self)); // code chained to it must not run under this lock
            return;
        }
        phase = Phase.OPEN;
        takeover.takeOver(link, gapStartNanos, cause, replyAborted);
        replyAborted = false;
        scheduleAgeLimit();
    }

    private void scheduleAgeLimit() {
        timer.cancel();
        Duration age = resilience.maxConnectionAge();
        if (age != null) {
            Link link = current;
            timer.at(System.nanoTime() + age.toNanos(), () -> {
                synchronized (lock) {
                    if (current == link) {
                        drain("maxConnectionAge", AGE_DRAIN);
                    }
                }
            });
        }
    }

    // ---- moving to a new connection ----

    /**
     * Waits for a safe point, at most {@code deadline}, then moves. A go-away during a proactive drain brings its
     * deadline forward.
     */
    private void drain(String why, Duration deadline) {
        long at = System.nanoTime() + Math.max(0, deadline.toNanos());
        if (phase == Phase.DRAINING && at < timer.dueNanos()) {
            cause = why;
            scheduleDrainDeadline(at);
            return;
        }
        if (phase != Phase.OPEN) {
            return;
        }
        phase = Phase.DRAINING;
        cause = why;
        gapStartNanos = System.nanoTime();
        if (tracker.safePoint()) {
            move();
        } else {
            scheduleDrainDeadline(at);
        }
    }

    private void scheduleDrainDeadline(long atNanos) {
        Link link = current;
        timer.at(atNanos, () -> {
            synchronized (lock) {
                if (phase == Phase.DRAINING && current == link) {
                    LOG.debug("No safe point before the deadline: moving on with the newest handle");
                    move();
                }
            }
        });
    }

    /** Closes the current connection, then resumes on a new one (the service refuses a resume while it is open). */
    private void move() {
        timer.cancel();
        Link old = current;
        current = null;
        phase = Phase.RECONNECTING;
        replyAborted = tracker.replyInProgress();
        lastError = null; // a planned move: no error behind it
        old.keepalive.stop();
        old.session.closeAsync().whenCompleteAsync((v, e) -> {
            synchronized (lock) {
                if (phase == Phase.RECONNECTING && current == null) {
                    reconnectAfter(old); // a service that says goAway to every new connection is backed off too
                }
            }
        }, pool); // off the I/O thread that reported the close
    }

    /** The keepalive found the connection half-open: drop it and move on. */
    private void halfOpen(Link link) {
        synchronized (lock) {
            if (link == current) {
                String reason = "no pong within " + resilience.pingTimeout();
                lost(link, LiveSessionException.ABNORMAL, reason, new LiveSessionException.ConnectionLostException(
                        "Live API connection is half-open: " + reason, LiveSessionException.ABNORMAL, reason, null));
                // after: should the abort report the close on this thread (events come inline), the link is left
                link.session.abort();
            }
        }
    }

    private void lost(Link link, int code, String reason, LiveSessionException error) {
        if (link != current) {
            return;
        }
        current = null;
        link.keepalive.stop();
        timer.cancel();
        if (phase == Phase.CLOSING) {
            finish(code, reason, null);
            return;
        }
        // after a goAway the service ends the connection itself when the time left runs out, with 1011 or 1008
        // ("failed to close the connection after receiving a GoAway"): an expected end, the session resumes
        if (error != null && !Attempts.retryable(error) && !link.goneAway) {
            finish(code, reason, error);
            return;
        }
        if (phase != Phase.DRAINING) {
            gapStartNanos = System.nanoTime();
            cause = code + (reason == null || reason.isEmpty() ? "" : " " + reason);
        }
        // an unplanned 1000 (no go-away) is a loss like any other, and the give-up reports it
        lastError = error != null ? error : LiveSessionException.forClose(code, reason);
        replyAborted = tracker.replyInProgress();
        phase = Phase.RECONNECTING;
        reconnectAfter(link);
    }

    /**
     * The next attempt after {@code ended} was lost or left (lock held): at once when it had proven healthy (or was
     * the first), as a new outage; else the outage goes on, with the backoff's delay, unless it is exhausted.
     */
    private void reconnectAfter(Link ended) {
        long now = System.nanoTime();
        if (outage.endedBy(ended.upSinceNanos, now)) {
            outage.begin(now);
            attempts.start();
            return;
        }
        if (outage.exhausted(now)) {
            LiveSessionException e = lastError != null ? lastError
                    : new LiveSessionException.ConnectionLostException("Live API connections kept ending within "
                            + Outage.STABLE_CONNECTION + " of their setup (" + cause + ")", 0, cause, null);
            LOG.debug("Giving up after {} attempt(s): {}", outage.attempts(), e.getMessage());
            finish(e.closeCode(), e.reason(), e);
            return;
        }
        retryLater();
    }

    // ---- sending ----

    /**
     * Sends (or holds) a message; {@code log} notes what the user said for a seeded fresh session. Encoding and
     * validation run on the caller's thread; a bad message fails the future.
     */
    CompletableFuture<Void> submit(Supplier<EncodedFrame> encode, Consumer<ConversationLog> log) {
        EncodedFrame frame;
        try {
            frame = encode.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        OutboundMessage m = new OutboundMessage(frame);
        synchronized (lock) {
            if (phase == Phase.CLOSING || phase == Phase.CLOSED) {
                return CompletableFuture.failedFuture(new SessionClosedException(
                        "Cannot send: the resilient Live API session is closed"
                                + (endError == null ? "" : " (" + endError.getMessage() + ")"),
                        endError));
            }
            m.inputPosition = inputPosition;
            return outbox.send(m, log, current, phase == Phase.DRAINING, lastError);
        }
    }

    /** The input position the messages sent from now on come from. */
    void inputPosition(long position) {
        synchronized (lock) {
            inputPosition = position;
        }
    }

    // ---- state and closing ----

    ResilienceMetrics metrics() {
        synchronized (lock) {
            return outbox.metrics(counters, sessionCounters);
        }
    }

    /** Calls pushed out by the pending-call bound (lock held): the listener hears they are cancelled. */
    private void toolCallsOverflow(List<String> ids) {
        events.offer(new LiveEvent.ToolCallCancelled(ids));
    }

    /**
     * The listener fell behind beyond the bounds with only state queued: the session ends with that error. Not
     * from inside the offer, which may run midway through a transition: afterwards, on the pool.
     */
    private void listenerFellBehind(LiveSessionException error) {
        Runnable end = () -> {
            synchronized (lock) {
                if (phase != Phase.CLOSED) {
                    finish(error.closeCode(), error.reason(), error);
                }
            }
        };
        try {
            pool.execute(end);
        } catch (RejectedExecutionException e) { // the client is closing: end it here
            end.run();
        }
    }

    String sessionId() {
        synchronized (lock) {
            return sessionId;
        }
    }

    Optional<String> resumptionHandle() {
        synchronized (lock) {
            return Optional.ofNullable(handles.current());
        }
    }

    /** True until the session is closed for good (also while it moves to a new connection). */
    boolean isOpen() {
        synchronized (lock) {
            return phase != Phase.CLOSING && phase != Phase.CLOSED;
        }
    }

    /** Closes for good (1000). The stored handle is kept, so a restarted application can resume. */
    CompletableFuture<Void> closeAsync() {
        synchronized (lock) {
            if (phase == Phase.CLOSING || phase == Phase.CLOSED) {
                return closed.copy();
            }
            phase = Phase.CLOSING;
            timer.cancel();
            outbox.failHeld("The resilient Live API session was closed before this send could be written");
            if (current != null) {
                current.keepalive.stop();
                current.session.closeAsync();
            } else {
                attempts.abandon();
                finish(1000, "", null);
            }
        }
        return closed.copy();
    }

    /** The session ends for good (lock held): fail what is pending, deliver the final Closed. */
    private void finish(int code, String reason, LiveSessionException error) {
        phase = Phase.CLOSED;
        endError = error;
        timer.cancel();
        Link link = current;
        current = null;
        if (link != null) {
            link.keepalive.stop();
            link.session.closeAsync();
        }
        outbox.failAll(error == null ? "The resilient Live API session closed" : error.getMessage(), error);
        if (counters.connections > 0) { // the caller has (or is about to get) the session: tell its listener
            events.offer(new LiveEvent.Closed(code, reason, error));
        } else {
            ready.completeExceptionally(error != null ? error
                    : new SessionClosedException("The resilient session was closed while connecting"));
        }
        closed.complete(null);
        events.runInOrder(() -> ended.complete(null));
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ResilientSession[sessionId=" + sessionId + ", phase=" + phase + ", connection "
                    + attempts.newest() + "]";
        }
    }
}
