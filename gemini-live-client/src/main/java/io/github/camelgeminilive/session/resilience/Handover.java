package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.InvalidArgumentException;
import io.github.camelgeminilive.session.LiveSessionException.PolicyViolationException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.connection.EncodedFrame;
import io.github.camelgeminilive.session.connection.Failures;
import io.github.camelgeminilive.session.delivery.EventQueue;
import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.transport.SendRefusedException;

/**
 * The state machine behind a {@link ResilientSession}: one conversation over a succession of plain connections
 * ({@link Link}s).
 *
 * <p>Phases: OPEN (sends are written at once), DRAINING (after a go-away or at {@code maxConnectionAge}, until a
 * safe point, i.e. the newest {@code sessionResumptionUpdate} is resumable and no reply or tool call is in
 * progress, or until the hard deadline: audio keeps streaming on the old connection, so the service hears the
 * caller without delay and a barge-in still ends the reply; other sends are held, and audio behind them too, as
 * a turn started now would keep the old connection busy), RECONNECTING (the old connection is closed or lost; attempts
 * follow the {@link ReconnectPolicy}), CLOSED. On the new connection the messages the resumed state lacks are
 * written again, then the held sends, in call order, then {@link LiveEvent.Reconnected} is delivered.
 *
 * <p>An outage lasts until a connection has proven healthy: it stayed up for {@link Outage#STABLE_CONNECTION}. A connection
 * that is lost sooner, however (a close with any code, 1000 without a go-away too, a drop, a half-open finding),
 * is one more failed attempt of the same outage: the next attempt waits per the backoff, and {@code maxAttempts}
 * and {@code maxElapsed} count on, so a service that accepts the setup and then closes, or a replayed message that
 * makes it close, costs backed-off attempts and ends in a {@link LiveEvent.Closed} with the last error, never a
 * loop. Time is the proof rather than something received: a service in trouble may still send a resumption
 * update, or start answering the replay, before it closes. The first connection's loss starts an outage (there
 * was none before it), as does the loss of a proven one. A planned move (go-away, {@code maxConnectionAge}) from a
 * proven connection moves at once; from a connection younger than that it counts like a loss, so a service (or a
 * proxy) that says go-away to every new connection is backed off and given up on too.
 *
 * <p>Which messages a handle covers: with {@code transparent} resumption the handle's
 * {@code lastConsumedClientMessageIndex} says it exactly, so a resume replays only the messages after it (a
 * transparent update without the index covers no message of its connection). The Gemini API gives no index, and
 * its pongs come 8-30 s late, so two estimates are combined, and a handle covers what either proves:
 * <ul>
 * <li>read proof: the messages written before a ping whose pong arrived before the handle did (one TCP stream in
 * each direction, read in order). Such a ping follows every message but audio, every second of audio and every
 * resumable update. Never wrong, but it lags by the pong delay, and every message behind it is replayed: with
 * pongs 20 s late, a resume would make the model hear up to 20 s of the caller again.</li>
 * <li>time: the messages whose write reached the socket at least {@code coverageLag} before the frame carrying
 * the handle was read (both times taken on the client's I/O path: the write's completion, and the read before
 * any queue). So at most {@code coverageLag} (plus one frame) of audio is heard twice, and a message is lost only
 * if the time from its write to the service reading it, plus the time from the service issuing the handle to the
 * client reading it, exceeded {@code coverageLag}: a network and service backlog that slow. The write completion,
 * not the send call, is the write time: a frame queued behind others has not started towards the service.</li>
 * </ul>
 * A null {@code coverageLag} keeps the read proof only (no loss, duplicates up to the pong delay).
 *
 * <p>Tool responses are never replayed: a call belongs to the connection that asked, its response is written
 * there (even while other sends are held), and calls of a connection that ended unanswered are reported with
 * {@link LiveEvent.ToolCallCancelled}; a later response to them fails. A reply cut off by a lost connection is
 * reported as {@code replyAborted}; its late events are not delivered (the replayed turn may make the model
 * answer again, in full).
 *
 * <p>Handles are saved to the {@link ResumptionHandleStore} on every resumable update and kept when the session
 * closes, so an application restarted within the handle's validity resumes the conversation.
 */
final class Handover {

    private static final Logger LOG = LoggerFactory.getLogger(Handover.class);
    /** Handles are documented to stay valid for about 2 hours. */
    static final Duration HANDLE_VALIDITY = Duration.ofHours(2);
    /** How long a proactive move (maxConnectionAge) waits for a safe point. */
    private static final Duration AGE_DRAIN = Duration.ofSeconds(30);

    private enum Phase { CONNECTING, OPEN, DRAINING, RECONNECTING, CLOSING, CLOSED }

    private final Object lock = new Object();
    private final ResilientSession self;
    private final Connector connector;
    private final ScheduledExecutorService scheduler;
    private final Executor pool;
    private final SessionOptions options;
    private final ResilienceOptions resilience;
    private final EventQueue events;
    private final Outage outage;
    private final ReplayBuffer replay;
    private final HeldSends held;
    private final ToolCalls toolCalls = new ToolCalls(this::toolCallsOverflow);
    private final SessionCounters sessionCounters;
    private final ConversationLog conversation = new ConversationLog();
    private final TurnTracker tracker = new TurnTracker(toolCalls, conversation);
    private final ResilienceCounters counters = new ResilienceCounters();
    private final CompletableFuture<ResilientSession> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    // all below guarded by lock
    private Phase phase = Phase.CONNECTING;
    private int generation;
    /** The active connection (null while reconnecting). */
    private Link current;
    private String sessionId;
    private String handle;
    private Instant handleIssuedAt;
    private Duration audioSent = Duration.ZERO;
    /** The age limit, the drain deadline or the next retry: one at a time. */
    private ScheduledFuture<?> timer;
    private long drainDeadlineNanos;
    /** When the current gap began (the loss, or the drain's start): what Reconnected reports as downtime. */
    private long gapStartNanos;
    private String cause;
    private boolean replyAborted;
    private boolean fresh;
    private LiveSessionException lastError;
    /** Why the session ended (null after a normal close). */
    private LiveSessionException endError;

    /**
     * @param self     the session the caller gets once connected
     * @param counters drops and malformed messages, shared with the connections {@code connector} opens
     */
    Handover(ResilientSession self, Connector connector, ScheduledExecutorService scheduler,
            Executor pool, SessionOptions options, ResilienceOptions resilience, LiveSessionListener listener,
            SessionCounters counters) {
        this.self = self;
        this.connector = connector;
        this.scheduler = scheduler;
        this.pool = pool;
        this.options = ResumableSetup.of(options, resilience.transparent());
        this.resilience = resilience;
        this.sessionCounters = counters;
        this.events = new EventQueue(listener, options.eventExecutor() != null ? options.eventExecutor() : pool,
                options.maxQueuedEvents(), options.maxQueuedEventBytes(), "resilient session", counters,
                this::listenerFellBehind);
        this.outage = new Outage(resilience.reconnect());
        this.replay = new ReplayBuffer(resilience.replayBufferBytes(), resilience.replayBufferDuration());
        this.held = new HeldSends(resilience.heldSendLimit(), resilience.heldSendBytes(), resilience.overflowPolicy());
    }

    /** Connects the first time, from the stored handle when there is a usable one. */
    CompletableFuture<ResilientSession> start() {
        synchronized (lock) {
            if (resilience.handleKey() != null) {
                resilience.handleStore().load(resilience.handleKey())
                        .filter(h -> h.issuedAt().plus(HANDLE_VALIDITY).isAfter(Instant.now()))
                        .ifPresent(h -> {
                            handle = h.handle();
                            handleIssuedAt = h.issuedAt();
                        });
            }
            gapStartNanos = System.nanoTime();
            outage.begin(gapStartNanos);
            attempt();
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

    /**
     * Starts the next connection attempt (lock held). It runs on the pool, outside the lock: a failure reported
     * at once must not re-enter this attempt's bookkeeping (the client connects on its own connect pool).
     */
    private void attempt() {
        outage.attempt();
        int gen = ++generation;
        String resumeWith = usableHandle();
        pool.execute(() -> {
            Link link = new Link(gen, connector, options, this::onLinkEvent, resilience, this::halfOpen);
            link.session.setupFuture().whenComplete((s, e) -> {
                if (e != null) {
                    attemptFailed(link, Failures.unwrap(e));
                }
            });
            connector.start(link.session, resumeWith);
        });
    }

    private String usableHandle() {
        boolean valid = handle != null && !fresh
                && (handleIssuedAt == null || handleIssuedAt.plus(HANDLE_VALIDITY).isAfter(Instant.now()));
        return valid ? handle : null;
    }

    private void attemptFailed(Link link, Throwable error) {
        synchronized (lock) {
            if (link.generation != generation || phase == Phase.CLOSED || phase == Phase.CLOSING) {
                return;
            }
            counters.failedAttempts++;
            LiveSessionException e = error instanceof LiveSessionException l ? l
                    : new LiveSessionException.ConnectionLostException(String.valueOf(error.getMessage()), 0, null,
                            error);
            lastError = e;
            LOG.debug("Connection attempt {} failed: {}", outage.attempts(), e.getMessage());
            if (e instanceof InvalidArgumentException && usableHandle() != null
                    && (resilience.seedFreshSession() || phase == Phase.CONNECTING)) {
                // the service refused the handle (expired or unknown): start a fresh session instead
                LOG.info("Resumption handle refused ({}): starting a fresh session", e.reason());
                fresh = true;
                attempt();
                return;
            }
            if (phase == Phase.CONNECTING || !retryable(e)
                    || outage.exhausted(System.nanoTime())) {
                finish(e.closeCode(), e.reason(), e);
                return;
            }
            Duration delay = outage.nextDelay();
            timer = scheduler.schedule(this::retry, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void retry() {
        synchronized (lock) {
            if (phase == Phase.RECONNECTING) {
                attempt();
            }
        }
    }

    private static boolean retryable(LiveSessionException e) {
        return !(e instanceof InvalidArgumentException || e instanceof PolicyViolationException
                || e instanceof LiveSessionException.MalformedMessageException);
    }

    // ---- events of the connections ----

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
            if (event instanceof LiveEvent.ResumptionUpdate u) {
                resumptionUpdate(link, u);
            }
            events.offer(event);
            if (event instanceof LiveEvent.ResumptionUpdate && phase == Phase.DRAINING && tracker.safePoint()) {
                handover();
            }
        }
    }

    private void resumptionUpdate(Link link, LiveEvent.ResumptionUpdate u) {
        if (!u.resumable() || u.newHandle() == null || u.newHandle().isBlank()) {
            return;
        }
        handle = u.newHandle();
        handleIssuedAt = Instant.now();
        fresh = false;
        if (resilience.handleKey() != null) {
            resilience.handleStore().save(resilience.handleKey(), new StoredHandle(handle, handleIssuedAt));
        }
        int connection = link.generation;
        Long read = link.readTime(u.newHandle()); // taken in every mode, so read times do not pile up
        if (resilience.transparent()) {
            Long consumed = u.lastConsumedClientMessageIndex();
            long last = consumed == null ? -1 : consumed;
            replay.covered(m -> m.upTo(connection, last));
            return;
        }
        long proven = link.keepalive.readUpTo() - 1;
        replay.covered(m -> m.upTo(connection, proven));
        Duration lag = resilience.coverageLag();
        if (read != null && lag != null) {
            long cutoff = read - lag.toNanos();
            replay.covered(m -> m.writtenBy(connection, cutoff));
        }
        link.keepalive.probe(); // so the next handle can trim what was written up to now
    }

    /** The new connection's setup completed: resume the conversation on it. */
    private void activate(Link link, LiveEvent.SetupCompleted setup) {
        if (link.generation != generation || phase == Phase.CLOSING) {
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
        List<String> cancelled = toolCalls.orphaned(link.generation);
        if (!cancelled.isEmpty()) {
            events.offer(new LiveEvent.ToolCallCancelled(cancelled));
        }
        Duration lost = replay.takeLost();
        long replayed = 0;
        if (fresh) {
            // the new session heard none of the audio before the buffer; the transcripts carry its meaning
            lost = lost.plus(audioSent.minus(replay.audio()));
            if (!conversation.turns().isEmpty()) {
                write(new OutboundMessage(EncodedFrame.clientContent(conversation.turns(), false),
                        new CompletableFuture<>()), false);
            }
        }
        for (OutboundMessage m : replay.toReplay()) {
            write(m, false);
            replayed++;
        }
        for (OutboundMessage m; (m = held.poll()) != null;) {
            write(m, true);
        }
        phase = Phase.OPEN;
        Duration downtime = Duration.ofNanos(link.upSinceNanos - gapStartNanos);
        int tries = outage.connected(); // the outage goes on until this connection proves healthy
        counters.reconnects++;
        counters.replayedMessages += replayed;
        counters.audioLost = counters.audioLost.plus(lost);
        counters.lastGap = downtime;
        LOG.debug("Session {} reconnected after {} ({}, {} attempt(s), {} replayed)", sessionId, downtime, cause,
                tries, replayed);
        events.offer(new LiveEvent.Reconnected(tries, downtime, !fresh, replayed, lost, replyAborted, cause));
        replyAborted = false;
        scheduleAgeLimit();
    }

    private void scheduleAgeLimit() {
        cancelTimer();
        Duration age = resilience.maxConnectionAge();
        if (age != null) {
            Link link = current;
            timer = scheduler.schedule(() -> {
                synchronized (lock) {
                    if (current == link) {
                        drain("maxConnectionAge", AGE_DRAIN);
                    }
                }
            }, age.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    // ---- moving to a new connection ----

    /**
     * Waits for a safe point, at most {@code deadline}, then hands over. A go-away during a proactive drain brings
     * its deadline forward.
     */
    private void drain(String why, Duration deadline) {
        long at = System.nanoTime() + Math.max(0, deadline.toNanos());
        if (phase == Phase.DRAINING && at < drainDeadlineNanos) {
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
            handover();
        } else {
            scheduleDrainDeadline(at);
        }
    }

    private void scheduleDrainDeadline(long atNanos) {
        cancelTimer();
        drainDeadlineNanos = atNanos;
        Link link = current;
        timer = scheduler.schedule(() -> {
            synchronized (lock) {
                if (phase == Phase.DRAINING && current == link) {
                    LOG.debug("No safe point before the deadline: moving on with the newest handle");
                    handover();
                }
            }
        }, atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Closes the current connection, then resumes on a new one (the service refuses a resume while it is open). */
    private void handover() {
        cancelTimer();
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
                link.session.abort();
                lost(link, LiveSessionException.ABNORMAL, reason, new LiveSessionException.ConnectionLostException(
                        "Live API connection is half-open: " + reason, LiveSessionException.ABNORMAL, reason, null));
            }
        }
    }

    private void lost(Link link, int code, String reason, LiveSessionException error) {
        if (link != current) {
            return;
        }
        current = null;
        link.keepalive.stop();
        cancelTimer();
        if (phase == Phase.CLOSING) {
            finish(code, reason, null);
            return;
        }
        if (error != null && !retryable(error)) {
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
            attempt();
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
        Duration delay = outage.nextDelay();
        timer = scheduler.schedule(this::retry, delay.toNanos(), TimeUnit.NANOSECONDS);
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
        CompletableFuture<Void> done = new CompletableFuture<>();
        OutboundMessage m = new OutboundMessage(frame, done);
        synchronized (lock) {
            if (phase == Phase.CLOSING || phase == Phase.CLOSED) {
                return CompletableFuture.failedFuture(new SessionClosedException(
                        "Cannot send: the resilient Live API session is closed"
                                + (endError == null ? "" : " (" + endError.getMessage() + ")"), endError));
            }
            if (!m.replayable()) {
                return answerToolCalls(m);
            }
            log.accept(conversation);
            audioSent = audioSent.plus(frame.audio());
            if (held.isEmpty() && (phase == Phase.OPEN || phase == Phase.DRAINING && !frame.audio().isZero())) {
                write(m, true);
            } else {
                held.hold(m);
            }
        }
        return done.copy();
    }

    /** Tool responses go to the connection that asked, at once, or fail: never replayed, never sent twice. */
    private CompletableFuture<Void> answerToolCalls(OutboundMessage m) {
        if (current == null || (phase != Phase.OPEN && phase != Phase.DRAINING)) {
            toolCalls.orphaned(-1);
            return CompletableFuture.failedFuture(new LiveSessionException("Cannot send the tool response: the "
                    + "connection that asked for the call ended; the call was cancelled", 0, null, lastError));
        }
        try {
            toolCalls.answer(m.frame.toolResponseIds(), current.generation);
        } catch (LiveSessionException e) {
            return CompletableFuture.failedFuture(e);
        }
        write(m, true);
        return m.done.copy();
    }

    /** Writes on the current connection (lock held); replayable messages are kept until a handle covers them. */
    private void write(OutboundMessage m, boolean record) {
        Link link = current;
        long index = link.nextIndex++;
        m.writing(link.generation, index);
        if (m.replayable() && record) {
            replay.add(m);
        }
        boolean probe = !resilience.transparent() && link.probeAfter(m.frame);
        link.session.sendFrame(m.frame).whenComplete((v, e) -> {
            if (e == null) {
                link.written(index);
                m.written(link.generation);
                m.done.complete(null);
                if (probe) {
                    link.keepalive.probe(); // behind the frame: its pong proves the service read it
                }
            } else if (!m.replayable()) {
                m.done.completeExceptionally(e);
            } else if (Failures.unwrap(e) instanceof SendRefusedException refused) {
                // the connection is fine but its outgoing bound was reached: the send fails, and is never replayed
                synchronized (lock) {
                    replay.discard(m);
                }
                m.done.completeExceptionally(refused);
            } else {
                m.writeFailed(e); // replayed on the next connection unless the buffer forgot it
            }
        });
    }

    // ---- state and closing ----

    ResilienceMetrics metrics() {
        synchronized (lock) {
            return counters.snapshot(held, sessionCounters, toolCalls, replay);
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
            return Optional.ofNullable(handle);
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
            cancelTimer();
            held.failAll("The resilient Live API session was closed before this send could be written", null);
            if (current != null) {
                current.keepalive.stop();
                current.session.closeAsync();
            } else {
                generation++; // a pending attempt is now stale
                finish(1000, "", null);
            }
        }
        return closed.copy();
    }

    /** The session ends for good (lock held): fail what is pending, deliver the final Closed. */
    private void finish(int code, String reason, LiveSessionException error) {
        phase = Phase.CLOSED;
        endError = error;
        cancelTimer();
        Link link = current;
        current = null;
        if (link != null) {
            link.keepalive.stop();
            link.session.closeAsync();
        }
        String why = error == null ? "The resilient Live API session closed" : error.getMessage();
        held.failAll(why, error);
        for (OutboundMessage m : replay.clear()) {
            m.done.completeExceptionally(new SessionClosedException(
                    "The session ended before this message could be written: " + why, error));
        }
        toolCalls.clear();
        if (counters.connections > 0) { // the caller has (or is about to get) the session: tell its listener
            events.offer(new LiveEvent.Closed(code, reason, error));
        } else {
            ready.completeExceptionally(error != null ? error
                    : new SessionClosedException("The resilient session was closed while connecting"));
        }
        closed.complete(null);
        events.runInOrder(() -> ended.complete(null));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ResilientSession[sessionId=" + sessionId + ", phase=" + phase + ", connection " + generation
                    + "]";
        }
    }
}
