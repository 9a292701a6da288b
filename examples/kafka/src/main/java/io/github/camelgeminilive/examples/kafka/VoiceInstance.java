package io.github.camelgeminilive.examples.kafka;

import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One member of the consumer group: a Camel context with the {@link VoiceRoutes}, its handle store on the
 * compacted topic {@link VoiceRoutes#HANDLES} and its commit tracker. Run several (threads of one JVM for the demo,
 * processes in the takeover test, machines in production) against the same brokers.
 */
public final class VoiceInstance implements AutoCloseable {

    private final CamelContext context;

    private VoiceInstance(CamelContext context) {
        this.context = context;
    }

    /** Starts an instance named {@code name} (its Kafka client id); {@code apiKey} never appears in a log. */
    public static VoiceInstance start(String name, String bootstrapServers, String baseUrl, String apiKey)
            throws Exception {
        CommitTracker tracker = new CommitTracker();
        KafkaStateRepository handles = new KafkaStateRepository(bootstrapServers, VoiceRoutes.HANDLES,
                (call, value) -> tracker.covered(call, HandleValues.inputPosition(value, Instant.now())));
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", baseUrl);
        context.getPropertiesComponent().addInitialProperty("gemini.apiKey", apiKey);
        context.getRegistry().bind("handles", handles);
        context.getRegistry().bind("trackedCommits", new TrackedCommitFactory(tracker));
        VoiceRoutes routes = new VoiceRoutes(name, bootstrapServers, tracker, handles);
        context.getRegistry().bind("subscribeAdapter", new HandOver(tracker, routes::release, handles::catchUp,
                routes::partitionGone));
        context.addService(handles, true, true);
        context.addRoutes(routes);
        context.start();
        return new VoiceInstance(context);
    }

    /**
     * A process of its own: {@code VoiceInstance <name> <bootstrapServers> <baseUrl>}, the API key from
     * {@code GEMINI_API_KEY} (an emulator takes any). Prints {@code READY <name>} once its routes run; stops politely
     * on SIGTERM.
     */
    public static void main(String[] args) throws Exception {
        String key = System.getenv("GEMINI_API_KEY");
        try (VoiceInstance instance = start(args[0], args[1], args[2], key == null || key.isBlank() ? "emulator"
                : key.strip())) {
            // SIGTERM stops it politely: its consumer leaves the group, handing its calls over (HandOver)
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "stop-" + args[0]));
            System.out.println("READY " + args[0]);
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
