package io.github.camelgeminilive.examples.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.ordered.OrderedInbox;

/**
 * Hands each call's records to its live session in order without holding up the Kafka consumer: one
 * {@link OrderedInbox} per call on a small shared pool, each record started once the call's previous one finished
 * (written, or failed). A call whose session is still connecting (a new call, a resume after a takeover) holds up its
 * own records only, not the other calls of its partition. The outcome of each record is reported (see
 * {@code finished}) before the call's next record starts, so a chunk that failed is known to the commit tracker before
 * any later chunk of its call can reach a session. Memory is bounded: at most {@link #MAX_PER_CALL} chunks and
 * {@link #MAX_CALL_BYTES} of one call, and {@link #MAX_CHUNKS} chunks and {@link #MAX_BYTES} of all calls wait or are
 * under way; one more is refused at once (counted), and its partition waits until its call has room again (see
 * {@link FullLanes}): the consumer never waits for one call. A call's inbox is dropped once it has nothing left to do.
 * A call that is behind may be paced (see {@link CatchUpPace}).
 */
final class CallLanes extends ServiceSupport implements CamelContextAware {

    /** Chunks of one call waiting or under way at most: 10 s of 100 ms chunks. */
    static final int MAX_PER_CALL = 100;
    /** Audio of one call waiting or under way at most: 10 s, whatever the chunks' length. */
    static final int MAX_CALL_BYTES = 10 * Callers.SAMPLE_RATE * 2;
    /** Chunks of all calls waiting or under way at most. */
    static final int MAX_CHUNKS = 10_000;
    /** Audio of all calls waiting or under way at most: 1,000 s, 32 MB. */
    static final long MAX_BYTES = 100L * MAX_CALL_BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(CallLanes.class);
    private static final int THREADS = 2;
    /** How long a release or an end waits for its call's handle saves under way. */
    static final Duration SAVES_TIMEOUT = Duration.ofSeconds(5);
    /** The operation that hands a call's session over (see {@link #offer(Item)}). */
    static final String RELEASE = "release";
    /** 16 kHz 16-bit mono: 31,250 ns of audio per byte. */
    private static final long NANOS_PER_BYTE = 1_000_000_000L / (Callers.SAMPLE_RATE * 2);

    /**
     * A record for a call's session: a chunk (no operation) with its input position, or an operation ({@code close}
     * for the call's end, {@code release} for a hand-over) that completes {@code done}.
     */
    record Item(String call, TopicPartition tp, long offset, byte[] audio, String operation,
            CompletableFuture<Void> done) {

        static Item chunk(String call, TopicPartition tp, long offset, byte[] audio) {
            return new Item(call, tp, offset, audio, null, null);
        }

        static Item operation(String call, TopicPartition tp, long offset, String operation) {
            return new Item(call, tp, offset, null, operation, new CompletableFuture<>());
        }

        boolean isChunk() {
            return operation == null;
        }
    }

    /**
     * One call's inbox, the items in it and its pace; removed from the map when none is left and its pace lets a
     * chunk go at once.
     */
    private static final class Lane {
        OrderedInbox<Item> inbox;
        /** Written in the map's compute only; read by {@link #hasRoom} and {@link #tryOffer} unlocked. */
        volatile int items;
        /** The bytes of its chunks; written in the map's compute only. */
        volatile long bytes;
        /** Null: chunks are sent as soon as they come. */
        CatchUpPace pace;
        /** A release is queued: the chunks before it are not started, but left to the call's next owner. */
        volatile boolean releasing;
        /** Chunks left to the next owner before the queued release (touched by the lane's items in turn only). */
        int handedOn;
    }

    private final String uri;
    /** Seconds of audio per second a call that is behind sends at most; 0: as fast as they come. */
    private final double catchUpPace;
    /** Told of each item's outcome (the failure, or null) before the call's next item starts. */
    private final BiConsumer<Item, Exception> finished;
    /** Completes once the handle saves of a call begun so far are done. */
    private final Function<String, CompletableFuture<Void>> saved;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder refused = new LongAdder();
    private final LongAdder handedOn = new LongAdder();
    private final LongAdder notStarted = new LongAdder();
    private CamelContext context;
    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private AsyncProducer live;
    private Endpoint endpoint;

    /**
     * @param uri         the live endpoint the items go to
     * @param finished    told of each item's outcome (its failure, or null) before the call's next item starts
     * @param saved       completes once the handle saves of a call begun so far are done
     * @param catchUpPace seconds of audio per second a call that is behind sends at most (see {@link CatchUpPace});
     *                    0: chunks are sent as soon as they come
     */
    CallLanes(String uri, BiConsumer<Item, Exception> finished, Function<String, CompletableFuture<Void>> saved,
            double catchUpPace) {
        this.uri = uri;
        this.finished = finished;
        this.saved = saved;
        this.catchUpPace = catchUpPace;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    protected void doStart() throws Exception {
        endpoint = context.getEndpoint(uri);
        live = endpoint.createAsyncProducer();
        ServiceHelper.startService(live);
        // an unbounded queue (a call has at most one turn queued) and no "caller runs": see OrderedInbox
        pool = context.getExecutorServiceManager().newThreadPool(this, "call-lanes",
                new ThreadPoolProfileBuilder("call-lanes").poolSize(THREADS).maxPoolSize(THREADS)
                        .maxQueueSize(Integer.MAX_VALUE)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "call-lanes-pace");
    }

    @Override
    protected void doStop() {
        if (pool != null) {
            context.getExecutorServiceManager().shutdown(pool);
            context.getExecutorServiceManager().shutdown(timer);
        }
        ServiceHelper.stopService(live);
        // after the pool's shutdown: the items whose turn it refused while stopping are counted by then
        if (notStarted.sum() > 0) {
            LOG.info("{} records not sent to their sessions: the instance stopped first", notStarted.sum());
        }
    }

    /**
     * Queues an operation behind the call's earlier items (operations always get in). A release (a hand-over) goes at
     * once: the call's chunks queued before it and not started yet are not sent (counted) but left to the call's next
     * owner, which reads them again, as they were not committed (no handle covers them).
     */
    void offer(Item operation) {
        if (RELEASE.equals(operation.operation())) {
            lanes.computeIfPresent(operation.call(), (call, l) -> {
                l.releasing = true;
                return l;
            });
        }
        if (!tryOffer(operation)) {
            throw new IllegalStateException("An operation was refused: " + operation.operation());
        }
    }

    /**
     * Queues a chunk behind the call's earlier items, unless its call, or all calls, have as many chunks waiting as
     * allowed: false then (nothing queued, counted).
     */
    boolean offerChunk(Item chunk) {
        if (tryOffer(chunk)) {
            return true;
        }
        refused.increment();
        return false;
    }

    /**
     * Chunks are offered on the consumer's thread only, and the counts only fall meanwhile: a check before adding
     * keeps the bounds.
     */
    private boolean tryOffer(Item item) {
        int size = size(item);
        if (item.isChunk()) {
            Lane held = lanes.get(item.call());
            if ((held != null && held.bytes + size > MAX_CALL_BYTES) || bytes.get() + size > MAX_BYTES
                    || chunks.get() >= MAX_CHUNKS) {
                return false;
            }
            chunks.incrementAndGet();
            bytes.addAndGet(size);
        }
        Lane lane = lanes.compute(item.call(), (call, l) -> {
            Lane held = l == null ? newLane() : l;
            held.items++;
            held.bytes += size;
            return held;
        });
        if (lane.inbox.offer(item)) {
            return true;
        }
        left(item);
        return false;
    }

    private static int size(Item item) {
        return item.isChunk() ? item.audio().length : 0;
    }

    /**
     * Whether the call has room for half a lane of chunks again, and all calls for a full lane more: a partition held
     * back for the call then reads a batch of its records, not one at a time.
     */
    boolean hasRoom(String call) {
        Lane lane = lanes.get(call);
        return (lane == null || lane.items <= MAX_PER_CALL / 2 && lane.bytes <= MAX_CALL_BYTES / 2)
                && chunks.get() <= MAX_CHUNKS - MAX_PER_CALL && bytes.get() <= MAX_BYTES - MAX_CALL_BYTES;
    }

    /** Chunks refused so far: their call, or all calls, had as many waiting as allowed. */
    long refused() {
        return refused.longValue();
    }

    /** Chunks waiting or under way now. */
    int chunks() {
        return chunks.get();
    }

    /** Bytes of the chunks waiting or under way now. */
    long bytes() {
        return bytes.get();
    }

    /** Calls with items waiting or under way now. */
    int calls() {
        return lanes.size();
    }

    private Lane newLane() {
        Lane lane = new Lane();
        lane.pace = catchUpPace > 0 ? new CatchUpPace(catchUpPace) : null;
        lane.inbox = new OrderedInbox<>(pool, (item, done) -> paced(lane, item, done), 1, Item::isChunk,
                MAX_PER_CALL, notStarted);
        return lane;
    }

    /** Sends the item when the call's pace lets it (a chunk of a call that is behind waits its turn, on a timer). */
    private void paced(Lane lane, Item item, Consumer<Item> done) {
        if (handedOn(lane, item, done)) {
            return;
        }
        long now = System.nanoTime();
        long at = lane.pace == null || !item.isChunk() ? now
                : lane.pace.startAt(now, item.audio().length * NANOS_PER_BYTE);
        if (at - now <= 0) {
            send(item, done);
            return;
        }
        try {
            timer.schedule(() -> {
                if (!handedOn(lane, item, done)) {
                    lane.pace.started(at, System.nanoTime());
                    send(item, done);
                }
            }, at - now, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // stopping: the session closes anyway
            send(item, done);
        }
    }

    /**
     * Whether an empty lane stays while its pace holds the call's next chunk back (a lane made afresh would send it
     * at once, above the pace); it goes once the pace lets a chunk start at once again.
     */
    private boolean keptForItsPace(String call, Lane lane) {
        long ahead = lane.pace == null ? 0 : lane.pace.ahead(System.nanoTime());
        if (ahead <= 0) {
            return false;
        }
        try {
            timer.schedule(() -> lanes.computeIfPresent(call, (c, l) -> l.items == 0 && l == lane ? null : l), ahead,
                    TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) { // stopping
            return false;
        }
    }

    /**
     * Whether the item was a chunk queued before a release, not sent but left to the call's next owner; the release
     * itself ends that (chunks after it are sent).
     */
    private boolean handedOn(Lane lane, Item item, Consumer<Item> done) {
        if (!lane.releasing) {
            return false;
        }
        if (item.isChunk()) {
            lane.handedOn++;
            handedOn.increment();
            left(item);
            done.accept(item);
            return true;
        }
        if (RELEASE.equals(item.operation())) {
            lane.releasing = false;
            if (lane.handedOn > 0) {
                LOG.info("Call {} handed over: {} chunks queued for it left to its next owner ({} so far)",
                        item.call(), lane.handedOn, handedOn.sum());
                lane.handedOn = 0;
            }
        }
        return false;
    }

    /** Chunks not sent so far because their call was handed over first: its next owner reads them again. */
    long handedOn() {
        return handedOn.longValue();
    }

    private void send(Item item, Consumer<Item> done) {
        Exchange exchange = endpoint.createExchange();
        Message m = exchange.getMessage();
        m.setHeader(GeminiLiveConstants.SESSION_KEY, item.call());
        if (item.isChunk()) {
            m.setHeader(GeminiLiveConstants.INPUT_POSITION, item.offset());
            m.setBody(item.audio());
        } else {
            m.setHeader(GeminiLiveConstants.OPERATION, item.operation());
        }
        live.process(exchange, doneSync -> {
            Exception failure = exchange.getException();
            if (item.isChunk()) {
                finish(item, failure, done);
                return;
            }
            // a release or an end waits (bounded) for the call's handle saves under way: the next owner then reads
            // the newest handle, and nothing is committed or handed over before it is stored
            saved.apply(item.call()).copy().completeOnTimeout(null, SAVES_TIMEOUT.toNanos(),
                    TimeUnit.NANOSECONDS).whenCompleteAsync((v, e) -> finish(item, failure, done),
                            OrderedInbox.callerRunsWhenRejected(pool));
        });
    }

    private void finish(Item item, Exception failure, Consumer<Item> done) {
        try {
            finished.accept(item, failure);
        } finally {
            if (failure == null && !item.isChunk()) {
                item.done().complete(null);
            } else if (!item.isChunk()) {
                item.done().completeExceptionally(failure);
            }
            left(item);
            done.accept(item);
        }
    }

    /** The item is no longer waiting or under way: its call's inbox goes once it has none left. */
    private void left(Item item) {
        int size = size(item);
        if (item.isChunk()) {
            chunks.decrementAndGet();
            bytes.addAndGet(-size);
        }
        lanes.computeIfPresent(item.call(), (call, l) -> {
            l.bytes -= size;
            return --l.items == 0 && !keptForItsPace(call, l) ? null : l;
        });
    }
}
