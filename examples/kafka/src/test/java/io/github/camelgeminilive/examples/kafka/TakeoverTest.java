package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * Two instances of the pipeline, each a JVM of its own, share four calls by partition; one is killed
 * ({@code destroyForcibly}, no shutdown) mid-call. The other takes its partitions over, resumes each of its calls
 * from the handle store on the compacted topic and re-reads from the committed offsets: the emulator's session of
 * every call then holds every sample the caller sent (none lost), at most 0.5 s of them twice (as against the Gemini
 * API). Likewise when an instance joins mid-call and partitions move to it politely, with transparent resumption:
 * each sample once.
 */
class TakeoverTest {

    private static final int PARTITIONS = 4;
    /** 15 s of audio per call at least, in real time (then on until the survivor answered each): three turns. */
    private static final int KILL_CHUNKS = 150;
    /** 24 s of audio per call at least, in real time: four turns. */
    private static final int JOIN_CHUNKS = 240;
    /** The kill comes once the first call's session had 10 s of its audio: in its second turn. */
    private static final long KILL_AT_SAMPLES = 10L * Callers.SAMPLE_RATE;
    /**
     * How a stored handle's coverage is known. The kill runs as against the Gemini API (what its users get): "covered"
     * is the client's coverageLag estimate, and a backlog is paced to 4/3 of real time, so a takeover hears at most
     * 0.5 s twice. The join-and-leave runs with transparent resumption (Vertex AI's; the emulator grants it on any
     * endpoint): the service says which messages each handle covers, so nothing may be heard twice, however loaded
     * the machine. {@code -Dkafka.coverage=estimate} or {@code exact} runs both so.
     */
    private static final String COVERAGE = System.getProperty("kafka.coverage", "");
    private static final boolean KILL_EXACT = COVERAGE.equals("exact");
    private static final boolean JOIN_EXACT = !COVERAGE.equals("estimate");
    /** Heard twice at most per hand-over with the estimate: 4/3 x coverageLag (300 ms) + a 100 ms chunk. */
    private static final long MOST_DOUBLED_PER_HAND_OVER = Callers.SAMPLE_RATE / 2;

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static GeminiLiveEmulator emulator;
    private final List<Process> instances = new ArrayList<>();
    private String testName;

    @BeforeEach
    void name(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
    }

    @BeforeAll
    static void startKafkaAndEmulator() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopics(PARTITIONS, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT), List.of(VoiceRoutes.HANDLES));
        emulator = GeminiLiveEmulator.builder().pace(1.0).build().start();
    }

    @AfterAll
    static void stopThem() {
        if (emulator != null) {
            emulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theSurvivingInstanceContinuesTheCallsOfAKilledOneWithNoAudioLost() throws Exception {
        Process a = instance("instance-a", KILL_EXACT);
        Process b = instance("instance-b", KILL_EXACT);
        List<String> calls = onePerPartition("call-");
        try (ReplyReader replies = new ReplyReader(kafka.bootstrapServers());
                Callers callers = new Callers(kafka.bootstrapServers())) {
            awaitAssigned(2);
            long startedAt = System.nanoTime();
            // the calls go on until the survivor has answered each after the kill, however far behind the callers a
            // busy machine keeps the instances
            AtomicReference<Predicate<ReplyReader.Reply>> afterKill = new AtomicReference<>();
            CompletableFuture<Long> played = CompletableFuture.supplyAsync(() -> {
                try {
                    return callers.play(calls, KILL_CHUNKS, () -> answered(replies, calls, afterKill.get()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the kill comes at a fixed point of the first call, however loaded the machine: once its session has
            // had KILL_AT of its audio (its first turn was answered by then, so a handle covering part of it is
            // stored); its first reply names its session. The victim is the member the group assigned its partition:
            // the calls of the victim's partitions are the ones that move
            await().atMost(Duration.ofSeconds(120)).until(() -> replies.replies().stream()
                    .anyMatch(r -> r.call().equals(calls.get(0))));
            String first = sessionId(replies, calls.get(0));
            await().atMost(Duration.ofSeconds(120)).until(() -> emulator.admin().session(first).orElseThrow()
                    .audioSamplesReceived() >= KILL_AT_SAMPLES);
            long killPoint = emulator.admin().session(first).orElseThrow().audioSamplesReceived();
            Map<String, Set<Integer>> assigned = assignment();
            String victim = assigned.entrySet().stream().filter(e -> e.getValue().contains(partition(calls.get(0))))
                    .findFirst().orElseThrow().getKey();
            Set<String> moved = new HashSet<>();
            calls.stream().filter(c -> assigned.get(victim).contains(partition(c))).forEach(moved::add);
            Process killed = victim.equals("instance-a") ? a : b;
            String survivor = victim.equals("instance-a") ? "instance-b" : "instance-a";

            long killedAt = System.nanoTime();
            assertThat(killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS)).as("%s killed", victim).isTrue();
            afterKill.set(r -> r.instance().equals(survivor) && r.readNanos() > killedAt);
            assertThat(played).as("killed mid-call").isNotDone();
            long sent = played.get(120, TimeUnit.SECONDS);
            callers.hangUp(calls);

            System.out.printf("Killed %s %.1f s into the calls, %.1f s of audio into %s%n", victim,
                    (killedAt - startedAt) / 1e9, killPoint / (double) Callers.SAMPLE_RATE, calls.get(0));
            // the survivor ends every call once it has sent each chunk before the end
            await().atMost(Duration.ofSeconds(120)).until(() -> calls.stream().allMatch(c -> replies.replies()
                    .stream().anyMatch(r -> r.call().equals(c) && "closed".equals(r.event())
                            && survivor.equals(r.instance()))));
            Map<String, String> sessions = new HashMap<>();
            calls.forEach(c -> sessions.put(c, sessionId(replies, c)));
            long firstReplyAfterKill = Long.MAX_VALUE;
            for (String call : calls) {
                SessionInfo s = checkAudio(call, sessions.get(call), sent, KILL_EXACT ? 0 : MOST_DOUBLED_PER_HAND_OVER,
                        moved.contains(call)
                                ? "on " + victim + ", taken over by " + survivor
                                : "on " + survivor);
                if (moved.contains(call)) {
                    assertThat(s.connectionsOpened()).as("%s resumed on a new connection", call).isGreaterThan(1);
                    List<ReplyReader.Reply> after = replies.replies().stream().filter(r -> r.call().equals(call)
                            && r.instance().equals(survivor) && r.readNanos() > killedAt).toList();
                    // a reply may be interrupted by the caller's next turn (a backlog arrives at once after a
                    // takeover), so an answer is audio, not necessarily a completed turn
                    assertThat(after).as("%s answered by %s after the kill", call, survivor)
                            .anyMatch(r -> "audio".equals(r.event()));
                    assertThat(after).allMatch(r -> sessions.get(call).equals(r.sessionId()));
                    firstReplyAfterKill = Math.min(firstReplyAfterKill, after.get(0).readNanos());
                }
            }
            System.out.printf("Takeover gap (kill to the first reply of a moved call from %s): %.1f s%n", survivor,
                    (firstReplyAfterKill - killedAt) / 1e9);
        }
    }

    @Test
    void anInstanceJoiningMidCallTakesCallsOverAndHandsThemBackWhenItStopsWithNoAudioLost() throws Exception {
        instance("instance-a", JOIN_EXACT);
        List<String> calls = onePerPartition("joined-call-");
        try (ReplyReader replies = new ReplyReader(kafka.bootstrapServers());
                Callers callers = new Callers(kafka.bootstrapServers())) {
            awaitAssigned(1);
            // the calls go on until instance-a has answered each again after the second instance left, however long
            // that takes to start and stop on a busy machine
            AtomicReference<Predicate<ReplyReader.Reply>> afterLeaving = new AtomicReference<>();
            CompletableFuture<Long> played = CompletableFuture.supplyAsync(() -> {
                try {
                    return callers.play(calls, JOIN_CHUNKS, () -> answered(replies, calls, afterLeaving.get()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // every call has been answered on instance-a (a handle follows the answer's end)
            await().atMost(Duration.ofSeconds(120)).until(() -> calls.stream().allMatch(c -> replies.replies()
                    .stream().anyMatch(r -> r.call().equals(c) && "audio".equals(r.event()))));
            Map<String, String> sessions = new HashMap<>();
            calls.forEach(c -> sessions.put(c, sessionId(replies, c)));

            long joinedAt = System.nanoTime();
            Process b = instance("instance-b", JOIN_EXACT);
            awaitAssigned(2);
            long assignedAt = System.nanoTime();
            // instance-b answers a moved call, then stops politely (SIGTERM: its context stops, its consumer leaves
            // the group): its partitions go back to instance-a, which resumes their calls again
            await().atMost(Duration.ofSeconds(120)).until(() -> replies.replies().stream().anyMatch(r -> calls.contains(
                    r.call()) && r.instance().equals("instance-b") && "audio".equals(r.event())));
            long leftAt = System.nanoTime();
            b.destroy();
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).as("instance-b stopped").isTrue();
            awaitAssigned(1);
            afterLeaving.set(r -> r.instance().equals("instance-a") && r.readNanos() > leftAt);
            assertThat(played).as("joined and left mid-call").isNotDone();
            long sent = played.get(120, TimeUnit.SECONDS);
            callers.hangUp(calls);

            System.out.printf("instance-b assigned partitions %.1f s after it started, stopped %.1f s later%n",
                    (assignedAt - joinedAt) / 1e9, (leftAt - assignedAt) / 1e9);
            await().atMost(Duration.ofSeconds(120)).until(() -> calls.stream().allMatch(c -> replies.replies()
                    .stream().anyMatch(r -> r.call().equals(c) && "closed".equals(r.event())
                            && r.instance().equals("instance-a"))));
            int moved = 0;
            for (String call : calls) {
                List<ReplyReader.Reply> onB = replies.replies().stream().filter(r -> r.call().equals(call)
                        && r.instance().equals("instance-b")).toList();
                List<ReplyReader.Reply> backOnA = replies.replies().stream().filter(r -> r.call().equals(call)
                        && r.instance().equals("instance-a") && r.readNanos() > leftAt).toList();
                long lastOnA = replies.replies().stream().filter(r -> r.call().equals(call)
                        && r.instance().equals("instance-a") && r.readNanos() < (onB.isEmpty() ? Long.MAX_VALUE
                                : onB.get(0).readNanos()))
                        .mapToLong(ReplyReader.Reply::readNanos).max().orElse(joinedAt);
                // a moved call is handed over twice
                SessionInfo s = checkAudio(call, sessions.get(call), sent, JOIN_EXACT ? 0
                        : 2 * MOST_DOUBLED_PER_HAND_OVER,
                        onB.isEmpty() ? "stayed on instance-a"
                                : String.format(
                                        "moved to instance-b: its first reply %.1f s after the last from instance-a,"
                                                + " %.1f s after the group assigned it; back on instance-a: its first"
                                                + " reply %.1f s after instance-b was told to stop",
                                        (onB.get(0).readNanos() - lastOnA) / 1e9,
                                        (onB.get(0).readNanos() - assignedAt) / 1e9,
                                        backOnA.isEmpty() ? Double.NaN : (backOnA.get(0).readNanos() - leftAt) / 1e9));
                assertThat(replies.replies()).filteredOn(r -> r.call().equals(call))
                        .allMatch(r -> sessions.get(call).equals(r.sessionId()));
                if (!onB.isEmpty()) {
                    // instance-b may have been stopped before it answered this one (it is stopped once it answered
                    // one); back on instance-a it was answered again
                    moved++;
                    assertThat(backOnA).as("%s answered by instance-a again", call)
                            .anyMatch(r -> "audio".equals(r.event()));
                    assertThat(s.connectionsOpened()).as("%s resumed twice", call).isGreaterThanOrEqualTo(3);
                }
            }
            assertThat(moved).as("calls moved to instance-b").isPositive();
            assertThat(replies.replies()).as("a moved call answered by instance-b").anyMatch(r -> calls.contains(
                    r.call()) && r.instance().equals("instance-b") && "audio".equals(r.event()));
        }
    }

    /**
     * Prints what the call's session holds of the {@code sent} samples and checks that none is lost and at most
     * {@code mostDoubled} are heard twice; {@code where} says where the call went.
     */
    private static SessionInfo checkAudio(String call, String sessionId, long sent, long mostDoubled, String where) {
        SessionInfo s = emulator.admin().session(sessionId).orElseThrow();
        long doubled = s.audioSamplesInState() - sent;
        System.out.printf("%s (session %s): sent %d samples, in the session's state %d: lost %d, doubled %d"
                + " (%.3f s); %d connections; %s%n", call, s.sessionId(), sent, s.audioSamplesInState(),
                Math.max(0, -doubled), Math.max(0, doubled), Math.max(0, doubled) / (double) Callers.SAMPLE_RATE,
                s.connectionsOpened(), where);
        assertThat(s.audioSamplesInState()).as("no audio of %s lost", call).isGreaterThanOrEqualTo(sent);
        assertThat(doubled).as("audio of %s heard twice", call).isLessThanOrEqualTo(mostDoubled);
        return s;
    }

    /** Whether every call has had an audio reply that {@code after} accepts (none while it is null). */
    private static boolean answered(ReplyReader replies, List<String> calls, Predicate<ReplyReader.Reply> after) {
        return after != null && calls.stream().allMatch(c -> replies.replies().stream()
                .anyMatch(r -> r.call().equals(c) && "audio".equals(r.event()) && after.test(r)));
    }

    /** Call ids that the default partitioner puts on distinct partitions, one per partition. */
    private static List<String> onePerPartition(String prefix) {
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; byPartition.size() < PARTITIONS; i++) {
            String call = prefix + i;
            byPartition.putIfAbsent(partition(call), call);
        }
        return List.copyOf(byPartition.values());
    }

    /** The input partition of {@code call}'s records (the default partitioner's, by key). */
    private static int partition(String call) {
        return Utils.toPositive(Utils.murmur2(call.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private Process instance(String name, boolean exact) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // kept for a look after a failure, one per test and instance
        File log = Path.of("target", testName + "-" + name + ".log").toFile();
        Process p = new ProcessBuilder(java, "-Dgemini.transparentResumption=" + exact, "-cp",
                System.getProperty("java.class.path"), VoiceInstance.class.getName(), name, kafka.bootstrapServers(),
                emulator.baseUrl().toString())
                .redirectErrorStream(true).redirectOutput(log).start();
        instances.add(p);
        return p;
    }

    /** Waits until the group has {@code members}, each with partitions. */
    private static void awaitAssigned(int members) {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
            Map<String, Set<Integer>> assigned = assignment();
            return assigned.size() == members && assigned.values().stream().noneMatch(Set::isEmpty);
        });
    }

    /** The group's members now (their client ids: the instances' names) and their input partitions. */
    private static Map<String, Set<Integer>> assignment() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(VoiceRoutes.GROUP)).all()
                    .get(30, TimeUnit.SECONDS).get(VoiceRoutes.GROUP);
            Map<String, Set<Integer>> assigned = new HashMap<>();
            g.members().forEach(m -> assigned.put(m.clientId(), m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(VoiceRoutes.INPUT)).map(TopicPartition::partition)
                    .collect(Collectors.toSet())));
            return assigned;
        }
    }

    private static String sessionId(ReplyReader replies, String call) {
        return replies.replies().stream().filter(r -> r.call().equals(call)).findFirst().orElseThrow().sessionId();
    }

    @AfterEach
    void killInstances() throws InterruptedException {
        for (Process p : instances) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
