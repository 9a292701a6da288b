package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.Wav;
import io.github.camelgeminilive.component.GeminiLiveEndpoint;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * The example as run.sh starts it (its YAML routes and properties) on a temporary folder, against an emulator on
 * 127.0.0.1 that answers at once: files of several formats dropped together, files that are no audio it reads, and
 * a file the model does not answer.
 */
class FileDropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static RunningFileDrop app;
    private static GeminiLiveEmulator emulator;
    private static DropFolder folder;

    @BeforeAll
    static void start() throws Exception {
        folder = new DropFolder(dir.resolve("drop"));
        // two at a time, two sessions at most (maxSessions): a third session at once would be refused, the file fail
        app = RunningFileDrop.start(GeminiLiveEmulator.builder().pace(0), folder.dir(), Map.of("file-drop.settle",
                "1s", "file-drop.reply-timeout", REPLY_TIMEOUT.toSeconds() + "s", "file-drop.max-files", "2"));
        emulator = app.emulator();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void filesDroppedTogetherAreEachASessionOfTheirOwnWhateverTheirFormatAtMostMaxFilesAtOnce() throws Exception {
        // file -> its samples at 16 kHz, what its session must hear (the fixtures differ in length by 0.2 s)
        Map<String, Long> files = List.of("hello-8k-mulaw.wav", "hello-16k.wav", "hello-44k-stereo.wav",
                "hello-48k-stereo.wav").stream().collect(Collectors.toMap(f -> f, FileDropTest::samplesAt16k));
        Set<String> before = sessionIds();
        for (String f : files.keySet()) {
            folder.drop(f, DropFolder.resource(f));
        }

        await().atMost(WAIT).until(() -> files.keySet().stream()
                .allMatch(f -> folder.names(".done").contains(f) || folder.names(".error").contains(f)));
        assertThat(folder.names(".error")).as("failed").doesNotContainAnyElementsOf(files.keySet());
        Set<String> expected = new HashSet<>(files.keySet());
        for (String f : files.keySet()) {
            String base = f.substring(0, f.length() - ".wav".length());
            expected.add(base + ".reply.wav");
            expected.add(base + ".transcript.jsonl");
            try (PcmStream reply = DropFolder.read(folder.dir().resolve(base + ".reply.wav"))) {
                assertThat(reply.sampleRate()).isEqualTo(24_000);
                assertThat(reply.pcm().readAllBytes()).as("%s: the reply's audio", f).hasSizeGreaterThan(24_000);
            }
            List<TranscriptLines.Line> lines = folder.transcript(base + ".transcript.jsonl");
            assertThat(lines).as("%s: the transcript", f).extracting(TranscriptLines.Line::role)
                    .containsExactly("user", "model");
            assertThat(lines.get(0).text()).startsWith("[speech ");
            assertThat(lines.get(1).text()).isEqualTo("You said: " + lines.get(0).text());
            assertThat(lines.get(0).t()).isBetween(0.0, lines.get(1).t());
        }
        // the inputs moved, the replies are in place, and no part or lock is left behind
        assertThat(folder.names("")).filteredOn(n -> n.contains("hello-")).containsExactlyInAnyOrderElementsOf(
                expected.stream().filter(n -> n.contains(".reply.") || n.endsWith(".jsonl")).toList());
        assertThat(folder.names(".error")).noneMatch(n -> n.contains("hello-"));

        GeminiLiveEndpoint sessionsEndpoint = app.main().getCamelContext().getEndpoints().stream()
                .filter(GeminiLiveEndpoint.class::isInstance).map(GeminiLiveEndpoint.class::cast).findFirst()
                .orElseThrow();
        assertThat(sessionsEndpoint.getSessionsRefused()).as("sessions beyond max-files").isZero();
        List<SessionInfo> sessions = newSessions(before);
        assertThat(sessions).as("one session per file").hasSize(files.size());
        assertThat(sessions).allMatch(s -> s.openConnections() == 0, "closed");
        List<Long> heard = sessions.stream().map(SessionInfo::audioSamplesInState).sorted().toList();
        List<Long> sent = files.values().stream().sorted().toList();
        for (int i = 0; i < sent.size(); i++) { // resampled in 100 ms chunks: a sample more or less at the end
            assertThat(heard.get(i)).as("samples of the file of %d", sent.get(i)).isBetween(sent.get(i) - 2,
                    sent.get(i) + 2);
        }
    }

    @Test
    void aFileThatIsNoAudioItReadsGoesToErrorWithTheReasonBesideIt() throws Exception {
        byte[] hello = DropFolder.resource("hello-16k.wav");
        byte[] floats = Wav.toBytes(new byte[3200], 16_000);
        ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3).putShort(34, (short) 32)
                .putShort(32, (short) 4).putInt(28, 64_000);
        byte[] hugeFmt = Arrays.copyOf(hello, hello.length);
        ByteBuffer.wrap(hugeFmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 100_000);
        Map<String, String> reasons = Map.of(
                "notes.txt", "Not a WAV file: it does not start with a RIFF/WAVE header",
                "float.wav", "Unsupported WAV file: format 3 with 32-bit samples",
                "cut.wav", "Not a valid WAV file: it ends inside its fmt chunk",
                "huge-fmt.wav", "Not a valid WAV file: fmt chunk of 100000 bytes",
                "silent-header.wav", "The WAV file holds no audio");
        Set<String> before = sessionIds();
        folder.drop("notes.txt", "Call me back tomorrow.".getBytes(StandardCharsets.UTF_8));
        folder.drop("float.wav", floats);
        folder.drop("cut.wav", Arrays.copyOf(hello, 30));
        folder.drop("huge-fmt.wav", hugeFmt);
        folder.drop("silent-header.wav", Wav.toBytes(new byte[0], 16_000));

        await().atMost(WAIT).until(() -> reasons.keySet().stream()
                .allMatch(f -> folder.names(".error").containsAll(Set.of(f, f + ".reason.txt"))));
        for (Map.Entry<String, String> r : reasons.entrySet()) {
            assertThat(Files.readString(folder.dir().resolve(".error").resolve(r.getKey() + ".reason.txt")))
                    .as(r.getKey()).startsWith(r.getValue());
        }
        assertThat(folder.names("")).as("no reply, no part").noneMatch(n -> reasons.keySet().stream()
                .anyMatch(r -> n.contains(r.substring(0, r.indexOf('.')))));
        assertThat(newSessions(before)).as("no session opened for them").isEmpty();
    }

    @Test
    void aFileTheModelDoesNotAnswerGoesToErrorAfterTheReplyTimeout() throws Exception {
        Set<String> before = sessionIds();
        folder.drop("silence.wav", Wav.toBytes(new byte[16_000], 16_000)); // 0.5 s of silence

        await().atMost(WAIT).until(() -> folder.names(".error").containsAll(Set.of("silence.wav",
                "silence.wav.reason.txt")));
        assertThat(Files.readString(folder.dir().resolve(".error/silence.wav.reason.txt")))
                .isEqualTo("The model did not answer within " + REPLY_TIMEOUT.toSeconds()
                        + " s after the end of the audio" + System.lineSeparator());
        assertThat(folder.names("")).noneMatch(n -> n.contains("silence"));
        List<SessionInfo> sessions = newSessions(before);
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).audioSamplesInState()).isEqualTo(8_000);
        await().atMost(WAIT).until(() -> emulator.admin().session(sessions.get(0).sessionId()).orElseThrow()
                .openConnections() == 0);
    }

    @Test
    void aFileDroppedAgainUnderANameAlreadyProcessedGetsNumberedResultsAndOverwritesNothing() throws Exception {
        // One file at a time: again.txt and again.wav share the stem their replies would be named after, so two in
        // flight together are numbered in the order the folder happens to list them (either order is right)
        dropAndAwait("again.txt", "not audio".getBytes(StandardCharsets.UTF_8), ".error/again.txt");
        dropAndAwait("again.wav", DropFolder.resource("hello-16k.wav"), ".done/again.wav");
        byte[] firstReply = Files.readAllBytes(folder.dir().resolve("again.reply.wav"));
        String firstTranscript = Files.readString(folder.dir().resolve("again.transcript.jsonl"));

        dropAndAwait("again.txt", "still not audio".getBytes(StandardCharsets.UTF_8), ".error/again-2.txt");
        dropAndAwait("again.wav", DropFolder.resource("hello-8k-mulaw.wav"), ".done/again-2.wav");

        assertThat(folder.names("")).filteredOn(n -> n.contains("again")).containsExactlyInAnyOrder(
                "again.reply.wav", "again.transcript.jsonl", "again-2.reply.wav", "again-2.transcript.jsonl");
        assertThat(folder.names(".done")).filteredOn(n -> n.contains("again")).containsExactlyInAnyOrder("again.wav",
                "again-2.wav");
        assertThat(folder.names(".error")).filteredOn(n -> n.contains("again")).containsExactlyInAnyOrder(
                "again.txt", "again.txt.reason.txt", "again-2.txt", "again-2.txt.reason.txt");
        assertThat(folder.dir().resolve("again.reply.wav")).hasBinaryContent(firstReply);
        assertThat(folder.dir().resolve("again.transcript.jsonl")).hasContent(firstTranscript);
        assertThat(folder.dir().resolve(".done/again.wav")).hasBinaryContent(DropFolder.resource("hello-16k.wav"));
        assertThat(folder.dir().resolve(".done/again-2.wav"))
                .hasBinaryContent(DropFolder.resource("hello-8k-mulaw.wav"));
        assertThat(folder.dir().resolve(".error/again-2.txt")).hasContent("still not audio");
    }

    /**
     * Drops a file and waits until it was moved to {@code movedTo}: the file is done then, and the name its results
     * went under is free again (the route's own completion runs before the file component's move).
     */
    private static void dropAndAwait(String name, byte[] content, String movedTo) throws IOException {
        folder.drop(name, content);
        await().atMost(WAIT).until(() -> Files.exists(folder.dir().resolve(movedTo)));
    }

    private static long samplesAt16k(String fixture) {
        try (PcmStream pcm = DropFolder.read(Path.of("src/test/resources/wav", fixture))) {
            return pcm.pcm().readAllBytes().length / 2 * 16_000L / pcm.sampleRate();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> sessionIds() {
        return emulator.admin().sessions().stream().map(SessionInfo::sessionId).collect(Collectors.toSet());
    }

    private static List<SessionInfo> newSessions(Set<String> before) {
        return new ArrayList<>(emulator.admin().sessions().stream().filter(s -> !before.contains(s.sessionId()))
                .toList());
    }
}
