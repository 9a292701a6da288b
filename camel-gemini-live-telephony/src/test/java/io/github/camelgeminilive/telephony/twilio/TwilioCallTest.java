package io.github.camelgeminilive.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.telephony.playout.PlayoutCounters;

/**
 * Twilio's part of a call, with a clock the test sets: the playout's frames, marks and clears as Twilio messages of
 * the call's stream, and the played time of an echoed mark. Pacing, bounds and drops are the playout's
 * ({@code PlayoutTest}).
 */
class TwilioCallTest {

    private static final long MS = 1_000_000L;

    private final List<String> sent = new ArrayList<>();
    private final PlayoutCounters counters = new PlayoutCounters();
    private final TwilioCodec codec = new TwilioCodec();
    private final TwilioCall call = new TwilioCall("MZ1", "conn-1", 1000, 100 * MS, Duration.ofMillis(20),
            (c, command) -> sent.add(describe(command)), counters);

    private String describe(TwilioCommand command) {
        assertThat(codec.write(command)).contains("\"streamSid\":\"MZ1\"");
        if (command instanceof TwilioCommand.Media media) {
            assertThat(media.payload()).hasSize(160);
            return "media";
        }
        return command instanceof TwilioCommand.Mark mark ? "mark " + mark.name() : "clear";
    }

    @Test
    void aTurnEndsWithAMarkWhoseEchoTellsTheAudioPlayedBeforeIt() {
        call.playout().modelAudio(new byte[30 * 48], 0); // 30 ms of 24 kHz PCM: one whole frame and a part
        call.turnComplete(0);
        assertThat(sent).containsExactly("media", "media", "mark MZ1-turn-1");
        call.playout().modelAudio(new byte[20 * 48], 0);
        call.turnComplete(0);
        assertThat(sent).endsWith("mark MZ1-turn-2");
        assertThat(call.markPlayed("MZ1-turn-1")).isEqualTo(40); // two frames played before it
        assertThat(call.markPlayed("someone-elses")).isEqualTo(-1);
        assertThat(call.markPlayed("MZ1-turn-1")).as("echoed once").isEqualTo(-1);
    }

    @Test
    void bargeInSendsAClearAtOnce() {
        call.playout().modelAudio(new byte[1000 * 48], 0);
        int before = sent.size();
        call.playout().interrupted();
        assertThat(sent.subList(before, sent.size())).containsExactly("clear");
        assertThat(counters.clears()).isEqualTo(1);
    }

    @Test
    void theCallersMulawBecomesPcmAtSixteenKilohertz() {
        assertThat(call.callerAudio(new byte[160])).hasSizeBetween(600, 640); // 20 ms: 640 bytes, less the filter's
        assertThat(call.callerAudio(new byte[80])).as("a short frame goes at once too").hasSize(320);
        assertThat(call.dropCallerAudio()).isZero();
    }

    @Test
    void theCallersAudioGoesToTheModelAChunkAtATimeAndWhatIsKeptAtTheEndIsTold() {
        TwilioCall chunked =
                new TwilioCall("MZ2", "conn-2", 1000, 100 * MS, Duration.ofMillis(40), (c, command) -> {}, counters);
        assertThat(chunked.callerAudio(new byte[160])).as("the first 20 ms of a 40 ms chunk: kept").isNull();
        byte[] first = chunked.callerAudio(new byte[160]);
        assertThat(first).hasSizeBetween(1240, 1280); // 40 ms at 16 kHz, less the filter's delay once
        assertThat(chunked.callerAudio(new byte[160])).isNull();
        assertThat(chunked.callerAudio(new byte[160])).hasSize(1280);
        assertThat(chunked.callerAudio(new byte[480])).as("a frame longer than a chunk goes at once").hasSize(1920);
        assertThat(chunked.callerAudio(new byte[160])).isNull();
        assertThat(chunked.dropCallerAudio()).as("ms kept when the call ended").isEqualTo(20);
        assertThat(chunked.dropCallerAudio()).isZero();
    }
}
