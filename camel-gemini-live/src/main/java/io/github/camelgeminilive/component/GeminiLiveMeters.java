package io.github.camelgeminilive.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.camelgeminilive.component.SessionTotals.Count;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * An endpoint's Micrometer meters (names and tags in docs/observability.md). Counters and gauges read the endpoint's
 * totals when the registry is scraped; only the two timers are recorded as things happen, once per reply or
 * reconnect. Loaded only when Micrometer is on the classpath ({@link MeterBinding}).
 */
final class GeminiLiveMeters implements SessionObserver, AutoCloseable {

    static final String PREFIX = "gemini.live.";
    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final GeminiLiveEndpoint endpoint;
    private final List<Meter> meters = new ArrayList<>();
    private final Timer firstAudio;
    private final Timer reconnectGap;

    GeminiLiveMeters(MeterRegistry registry, GeminiLiveEndpoint endpoint) {
        this.registry = registry;
        this.endpoint = endpoint;
        Tags tags = Tags.of("camelContext", endpoint.getCamelContext().getName(), "endpointName",
                endpoint.getEndpointUri()); // camel-micrometer's tag names
        meters.add(Gauge.builder(PREFIX + "sessions.open", endpoint, GeminiLiveEndpoint::getSessionsOpen)
                .description("Sessions the endpoint holds now").tags(tags).register(registry));
        counter(PREFIX + "sessions.opened", GeminiLiveEndpoint::getSessionsOpened, null,
                "Sessions the endpoint made, its own and one per session key", tags);
        count(PREFIX + "connections", Count.CONNECTIONS, null, "Connections opened, resumes included", tags);
        count(PREFIX + "reconnects", Count.RECONNECTS, null, "Moves of a session to a new connection", tags);
        counter(PREFIX + "connect.failures", e -> e.totals()[Count.FAILED_ATTEMPTS.ordinal()] + e.connectFailures(),
                null, "Connection attempts that failed: first connects and reconnect attempts", tags);
        count(PREFIX + "go.aways", Count.GO_AWAYS, null, "goAway messages received", tags);
        count(PREFIX + "replayed.messages", Count.REPLAYED_MESSAGES, null,
                "Client messages sent again after a resume", tags);
        count(PREFIX + "frames.sent", Count.FRAMES_SENT, null, "Client messages taken for writing after setup", tags);
        count(PREFIX + "frames.failed", Count.FAILED_WRITES, null, "Client messages of frames.sent whose write failed",
                tags);
        count(PREFIX + "sent", Count.BYTES_SENT, "bytes", "Bytes of the client messages of frames.sent", tags);
        count(PREFIX + "frames.received", Count.FRAMES_RECEIVED, null, "Messages read from the service", tags);
        count(PREFIX + "received", Count.BYTES_RECEIVED, "bytes", "Size of the messages read", tags);
        seconds(PREFIX + "audio.sent", Count.AUDIO_SENT_NANOS, "Audio sent", tags);
        seconds(PREFIX + "audio.lost", Count.AUDIO_LOST_NANOS, "Audio the service may never have received", tags);
        String dropped = PREFIX + "dropped";
        String description = "Messages or events dropped by a bound or policy";
        count(dropped, Count.DROPPED_EVENTS, null, description, tags.and("reason", "events"));
        count(dropped, Count.DROPPED_SENDS, null, description, tags.and("reason", "heldSends"));
        count(dropped, Count.MALFORMED_MESSAGES, null, description, tags.and("reason", "malformed"));
        count(dropped, Count.CANCELLED_TOOL_CALLS, null, description, tags.and("reason", "toolCalls"));
        count(dropped, Count.UNREPLAYABLE_MESSAGES, null, description, tags.and("reason", "unreplayable"));
        String refused = PREFIX + "refused";
        description = "Requests refused by a bound";
        count(refused, Count.REFUSED_SENDS, null, description, tags.and("reason", "sends"));
        counter(refused, GeminiLiveEndpoint::getSessionsRefused, null, description,
                tags.and("reason", "sessions"));
        counter(refused, GeminiLiveEndpoint::getToolCallsRefused, null, description,
                tags.and("reason", "toolCalls"));
        firstAudio = Timer.builder(PREFIX + "first.audio")
                .description("From the client's explicit end of a turn to the first audio of the reply")
                .tags(tags).register(registry);
        reconnectGap = Timer.builder(PREFIX + "reconnect.gap")
                .description("Time a session was without a usable connection before a reconnect")
                .tags(tags).register(registry);
        meters.add(firstAudio);
        meters.add(reconnectGap);
    }

    private void count(String name, Count count, String unit, String description, Tags tags) {
        counter(name, e -> e.totals()[count.ordinal()], unit, description, tags);
    }

    private void seconds(String name, Count nanos, String description, Tags tags) {
        counter(name, e -> e.totals()[nanos.ordinal()] / NANOS_PER_SECOND, "seconds", description, tags);
    }

    private void counter(String name, ToDoubleFunction<GeminiLiveEndpoint> value, String unit, String description,
            Tags tags) {
        meters.add(FunctionCounter.builder(name, endpoint, value).baseUnit(unit).description(description).tags(tags)
                .register(registry));
    }

    @Override
    public void reconnected(Duration gap) {
        reconnectGap.record(gap);
    }

    @Override
    public void firstAudio(long nanos) {
        firstAudio.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Removes the meters from the registry. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
