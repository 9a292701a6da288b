package io.github.camelgeminilive.examples.kafka;

import static org.apache.camel.support.builder.PredicateBuilder.and;
import static org.apache.camel.support.builder.PredicateBuilder.not;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.TopicPartition;

import io.github.camelgeminilive.component.GeminiLiveConstants;

/**
 * One instance of the Kafka-to-voice pipeline. Audio chunks keyed by call id come from {@link #INPUT}; each call is a
 * live session of its own (the key is the session key); the session's audio, transcripts and turn ends go to
 * {@link #OUTPUT} under the same key, and a {@code closed} event when the session ends (an {@code error} record when
 * its session stops taking its audio). The instances of the consumer group {@link #GROUP} share the calls by
 * partition. Each chunk carries its offset as the input position, so each stored
 * handle says how far it covers the call, and offsets are committed only that far ({@link CommitTracker}); a new owner
 * of a partition resumes each call from the handle store and skips the re-read chunks the handle already has. When
 * partitions are revoked in a polite rebalance, {@link HandOver} releases their calls' sessions first.
 */
public final class VoiceRoutes extends RouteBuilder {

    public static final String INPUT = "calls-audio";
    public static final String OUTPUT = "calls-replies";
    public static final String HANDLES = "calls-handles";
    public static final String GROUP = "voice";
    /** A record with this header (any value) ends its call. */
    public static final String CALL_END = "callEnd";
    /** Headers of the output records: the event type, the live session's id, the instance that sent it. */
    public static final String EVENT = "event";
    public static final String SESSION_ID = "sessionId";
    public static final String INSTANCE = "instance";

    /** Most calls (live sessions) an instance holds unless the property {@code gemini.maxSessions} says otherwise. */
    public static final int MAX_SESSIONS = 200;
    /**
     * The calls' live sessions: one per {@code CamelGeminiLiveSessionKey}, the call id; at most
     * {@code gemini.maxSessions}, so that a producer writing ever new keys cannot open sessions without bound.
     * {@code gemini.transparentResumption=true} (Vertex AI) makes the service say which messages each handle covers;
     * the Gemini API refuses it, and the client estimates instead (see the README).
     */
    public static final String LIVE = "gemini-live:calls?openOnStart=false&resumptionHandleRepository=#handles"
            + "&baseUrl={{gemini.baseUrl}}&apiKey={{gemini.apiKey}}&idleTimeout=10m"
            + "&maxSessions={{gemini.maxSessions:" + MAX_SESSIONS + "}}"
            + "&transparentResumption={{gemini.transparentResumption:false}}";

    private static final String ERRORS = "direct:call-errors";
    /**
     * Seconds of audio per second a call that is behind sends at most, without transparent resumption, unless the
     * property {@code kafka.catchUpPace} says otherwise (0: wire speed): a takeover then hears at most 4/3 of the
     * client's coverageLag (300 ms) twice, plus a chunk: 0.5 s.
     */
    static final double CATCH_UP_PACE = 4.0 / 3;
    /** The reason of the {@code closed} event of a session released here (documented by the component). */
    private static final String RELEASED = "released by the route (release operation)";
    /** The reason of the {@code closed} event of a session closed by a call's end record. */
    private static final String CLOSED = "closed by the route (close operation)";

    private final String instance;
    private final String bootstrapServers;
    private final CommitTracker tracker;
    private final KafkaStateRepository handles;
    private final FailedCalls failures = new FailedCalls();
    private CallLanes lanes;
    /** Holds back the partition of a call whose lane is full; told of partitions that go by {@link HandOver}. */
    private final FullLanes fullLanes = new FullLanes(call -> lanes.hasRoom(call));
    private ProducerTemplate errorRecords;
    /** Re-read chunks that the call's session already had, so were not sent again. */
    private final AtomicLong skipped = new AtomicLong();
    /** Malformed input records, dropped. */
    private final AtomicLong dropped = new AtomicLong();
    /** Calls whose session ended without an end record (idle, or the service ended it). */
    private final AtomicLong endedUnannounced = new AtomicLong();
    /** Records the call's session did not take (e.g. it could not be opened). */
    private final AtomicLong undelivered = new AtomicLong();
    /** Chunks not sent because their call's session failed a moment ago (see {@link FailedCalls}). */
    private final AtomicLong backedOff = new AtomicLong();
    /** Error records published: one per call each time its session stops taking audio. */
    private final AtomicLong errors = new AtomicLong();

    public VoiceRoutes(String instance, String bootstrapServers, CommitTracker tracker, KafkaStateRepository handles) {
        this.instance = instance;
        this.bootstrapServers = bootstrapServers;
        this.tracker = tracker;
        this.handles = handles;
    }

    /**
     * Lets go of the call's session here (the {@code release} operation: the connection closes, the stored handle
     * stays) after the chunk under way; the chunks queued for it are left to its next owner. Completes when done.
     */
    CompletableFuture<Void> release(String call) {
        CallLanes.Item release = CallLanes.Item.operation(call, null, -1, CallLanes.RELEASE);
        lanes.offer(release);
        return release.done();
    }

    @Override
    public void configure() throws Exception {
        // with transparent resumption each handle says exactly what it covers: a backlog may go at wire speed
        boolean exact = getContext().getPropertiesComponent().resolveProperty("gemini.transparentResumption")
                .map(Boolean::parseBoolean).orElse(false);
        double pace = getContext().getPropertiesComponent().resolveProperty("kafka.catchUpPace")
                .map(Double::parseDouble).orElse(CATCH_UP_PACE);
        if (pace != 0 && !(pace > 1 && pace < 100)) { // a clear start-up failure, not one per call later
            throw new IllegalArgumentException("kafka.catchUpPace must be 0 (wire speed) or above 1 and below 100, got "
                    + pace);
        }
        lanes = new CallLanes(LIVE, this::finished, handles::saved, exact ? 0 : pace);
        getContext().addService(lanes, true, true);
        errorRecords = getContext().createProducerTemplate();
        String replies = "kafka:" + OUTPUT + "?brokers=" + bootstrapServers
                + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer";
        from("kafka:" + INPUT + "?brokers=" + bootstrapServers + "&groupId=" + GROUP + "&clientId=" + instance
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#trackedCommits&maxPollRecords=100"
                + "&sessionTimeoutMs=3000&heartbeatIntervalMs=500"
                // FullLanes resumes a held-back partition after a poll: an idle poll must not wait 5 s for it
                + "&pollTimeoutMs=500"
                // only the partitions that move are revoked, so only their calls are handed over
                + "&partitionAssignor=org.apache.kafka.clients.consumer.CooperativeStickyAssignor"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("audio-in")
                .pausable(fullLanes, ignored -> true) // binds FullLanes to the consumer; it pauses per partition
                .process(this::admit)
                .process(this::commit);

        // one error record when a call's session stops taking its audio
        from(ERRORS).routeId("call-errors")
                .removeHeaders("*", GeminiLiveConstants.SESSION_KEY)
                .setHeader(KafkaConstants.KEY, header(GeminiLiveConstants.SESSION_KEY))
                .setHeader(EVENT, constant("error"))
                .setHeader(INSTANCE, constant(instance))
                .convertBodyTo(byte[].class)
                .to(replies);

        from(LIVE).routeId("replies-out")
                .process(this::sessionClosed)
                .filter(and(header(GeminiLiveConstants.EVENT_TYPE).in("audio", "outputTranscription",
                        "inputTranscription", "turnComplete", "closed"),
                        not(header(GeminiLiveConstants.CLOSE_REASON).isEqualTo(RELEASED)))) // handed over, not ended
                .setHeader(KafkaConstants.KEY, header(GeminiLiveConstants.SESSION_KEY))
                .setHeader(EVENT, header(GeminiLiveConstants.EVENT_TYPE))
                .setHeader(SESSION_ID, header(GeminiLiveConstants.SESSION_ID))
                .setHeader(INSTANCE, constant(instance))
                .convertBodyTo(byte[].class)
                .to(replies);
    }

    /**
     * {@code tp} is no longer this instance's (revoked or lost, after the hand-over's commit): it is not held back any
     * more, and the end markers its commit passed go.
     */
    void partitionGone(TopicPartition tp) {
        fullLanes.forget(tp);
        removeEndsPassed(tp);
    }

    /** Commits what the tracker allows; an end marker the commit passed goes (a tombstone on the handle topic). */
    private void commit(Exchange exchange) {
        Message m = exchange.getMessage();
        m.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
        removeEndsPassed(partition(m));
    }

    /**
     * Removes the end markers of the calls of {@code tp} whose end records the group's committed offset passed: no
     * owner reads their records again, so the markers would only pile up (one per call ever made).
     */
    private void removeEndsPassed(TopicPartition tp) {
        for (String call : tracker.endsPassed(tp)) {
            handles.remove(call);
        }
    }

    /**
     * A session closed other than by a hand-over: its call is over here, whether by its end record or not (idle
     * close, the service ended it), so its uncovered chunks no longer hold commits back. Without this, a call that
     * never gets an end record would hold its partition's commits back for good.
     */
    void sessionClosed(Exchange exchange) {
        Message m = exchange.getMessage();
        String reason = m.getHeader(GeminiLiveConstants.CLOSE_REASON, String.class);
        if (!"closed".equals(m.getHeader(GeminiLiveConstants.EVENT_TYPE)) || RELEASED.equals(reason)) {
            return;
        }
        String call = m.getHeader(GeminiLiveConstants.SESSION_KEY, String.class);
        if (call != null && tracker.knows(call) && !CLOSED.equals(reason)) {
            log.info("Call {} ended without an end record ({} so far): {}", call, endedUnannounced.incrementAndGet(),
                    reason);
        }
        if (call != null) {
            tracker.ended(call);
            failures.clear(call);
        }
    }

    /**
     * What became of a record handed to its call's session ({@link CallLanes}), told before the call's next record
     * starts. A chunk that failed (e.g. the session could not be opened): no later handle may commit it, so it holds
     * its partition back, and the call's next chunks wait out a back-off. An end that went through: the session
     * closed, having had every chunk sent to it, so its uncovered chunks no longer hold commits back (had the close
     * failed, they still would).
     */
    void finished(CallLanes.Item item, Exception failure) {
        String call = item.call();
        if (failure == null) {
            failures.clear(call);
            if ("close".equals(item.operation())) {
                tracker.ended(call);
                handles.ended(call, item.offset());
                tracker.endMarked(item.tp(), call, item.offset());
                log.info("Call {} ended; re-read chunks its session already had, all calls so far: {}", call,
                        skipped.get());
            }
            return;
        }
        if (item.isChunk()) {
            tracker.failed(item.tp(), call, item.offset());
            if (failures.failed(call, System.nanoTime())) {
                log.warn("Call {}: its session does not take its audio; error records so far: {}", call,
                        errors.incrementAndGet());
                String why = "The session of call " + call + " does not take its audio: " + failure;
                errorRecords.asyncSend(ERRORS, e -> {
                    e.getMessage().setBody(why);
                    e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
                });
            }
        }
        log.warn("The session of call {} did not take the record at {} offset {} ({} so far; its chunks wait out a"
                + " back-off, {} so far): {}", call, item.tp(), item.offset(), undelivered.incrementAndGet(),
                backedOff.get(), String.valueOf(failure));
    }

    private static TopicPartition partition(Message m) {
        return new TopicPartition(m.getHeader(KafkaConstants.TOPIC, String.class),
                m.getHeader(KafkaConstants.PARTITION, Integer.class));
    }

    /**
     * Decides what the record means for its call (a chunk to send, a chunk the stored handle has, or the end) and
     * hands what goes to the session to the call's lane: the consumer goes on at once, whether the session is
     * connected or still connecting.
     */
    private void admit(Exchange exchange) {
        Message m = exchange.getMessage();
        String call = m.getHeader(KafkaConstants.KEY, String.class);
        long offset = m.getHeader(KafkaConstants.OFFSET, Long.class);
        TopicPartition tp = partition(m);
        if (fullLanes.holds(tp)) { // read again from the refused record once the partition resumes
            return;
        }
        String problem = InputRecords.problem(call, m.getBody(byte[].class), m.getHeader(CALL_END) != null);
        if (problem != null) { // the key is not logged: it may be the problem
            tracker.dropped(tp, offset);
            log.warn("Dropped the record at {} offset {}: {}; malformed records dropped so far: {}", tp, offset,
                    problem, dropped.incrementAndGet());
            return;
        }
        if (!tracker.knows(call)) { // first sight here: another instance may have stored a handle for it, or ended it
            String value = handles.getState(call);
            long covered = HandleValues.done(value, Instant.now());
            tracker.found(tp, call, offset, covered);
            if (HandleValues.isEnded(value)) { // ended elsewhere: its marker goes once the commits pass its end
                tracker.endMarked(tp, call, covered);
            }
            if (covered >= 0) {
                log.info("Call {} taken over at {} offset {}: its stored handle covers up to offset {}", call, tp,
                        offset, covered);
            }
        }
        if (tracker.has(call, offset)) { // also the records of a call that ended up to its end record
            tracker.done(tp, call, offset);
            skipped.incrementAndGet();
        } else if (m.getHeader(CALL_END) != null) {
            // the call's chunks hold commits back until the close is done (see finished)
            tracker.done(tp, call, offset);
            lanes.offer(CallLanes.Item.operation(call, tp, offset, "close"));
        } else if (failures.backingOff(call, System.nanoTime())) {
            // its session failed a moment ago: not sent, held back like a chunk the session did not take
            tracker.sent(tp, call, offset);
            tracker.failed(tp, call, offset);
            backedOff.incrementAndGet();
        } else if (lanes.offerChunk(CallLanes.Item.chunk(call, tp, offset, m.getBody(byte[].class)))) {
            tracker.sent(tp, call, offset);
        } else { // too many chunks wait: the partition waits, the other partitions' calls go on
            fullLanes.hold(tp, call, offset);
        }
    }
}
