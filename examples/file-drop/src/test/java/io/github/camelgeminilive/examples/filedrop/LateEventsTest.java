package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.audio.Wav;

/**
 * The model's events that come after a file's reply was complete (an answer it began after the settle) are left
 * out of the reply, and counted: in the reply's log line, and by {@link FileDrop#getLateEvents()} once the reply
 * is gone.
 */
class LateEventsTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void eventsAfterTheReplyIsCompleteAreCountedInItsLogLine() throws Exception {
        Path file = Files.write(dir.resolve("late.wav"), Wav.toBytes(new byte[3200], 16_000));
        DropReply reply = new DropReply(file, "late.wav", timers, Duration.ofMillis(10), Duration.ofSeconds(60));
        assertThat(reply.modelAudio(new byte[480])).isTrue();
        assertThat(reply.turnEnded(true)).isTrue();
        reply.audioEnded().get(30, TimeUnit.SECONDS); // complete once the model stayed quiet for the settle

        assertThat(reply.modelAudio(new byte[480])).as("an answer begun after the settle").isFalse();
        assertThat(reply.said(TranscriptLines.MODEL, "And one more thing")).isFalse();
        assertThat(reply.turnEnded(true)).isFalse();
        assertThat(reply.publish()).endsWith(", 3 late events left out (the model went on after the settle)");
    }

    @Test
    void eventsOfASessionWhoseReplyIsGoneAreCounted() {
        FileDrop drop = new FileDrop();
        drop.modelAudio("gone.wav#1", new byte[480]);
        drop.modelSaid("gone.wav#1", "too late");
        drop.turnComplete("gone.wav#1");
        drop.interrupted("gone.wav#1");
        assertThat(drop.getLateEvents()).isEqualTo(4);
    }
}
