package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Signals;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** Speaking over a reply that streams in real time interrupts it: the client sees {@code interrupted}. */
class EmulatorBargeInTest {

    @Test
    void speechDuringAReplyInterruptsIt() throws Exception {
        EventRecorder events = new EventRecorder();
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().port(0).pace(1.0).build().start();
                LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "k"));
                LiveSession session = client.connect(SessionOptions.of(
                        Setup.builder("models/gemini-2.5-flash-native-audio-latest").build()), null, events)
                        .get(10, TimeUnit.SECONDS)) {
            session.sendText("Tell me a long story").get(5, TimeUnit.SECONDS);
            events.await(LiveEvent.Audio.class);
            session.sendAudio(Signals.speechThenSilence(16000, 400, 0), MimeTypes.PCM_INPUT).get(5, TimeUnit.SECONDS);
            events.await(LiveEvent.Interrupted.class);
            int interrupted = events.types().indexOf(LiveEventType.INTERRUPTED);
            assertThat(events.types().subList(interrupted, events.size())).doesNotContain(LiveEventType.AUDIO);
            // the interrupted reply was far shorter than the 10 s a "long" prompt gets
            long bytes = events.of(LiveEvent.Audio.class).stream().mapToLong(a -> a.data().length).sum();
            assertThat(bytes / 2.0 / 24000).isLessThan(5);
        }
    }
}
