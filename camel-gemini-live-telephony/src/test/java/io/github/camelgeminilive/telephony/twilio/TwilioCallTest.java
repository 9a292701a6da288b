package io.github.camelgeminilive.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The per-call pacing, marks, barge-in and bounds, with a clock the test sets (no network, no waiting). */
class TwilioCallTest {

    private static final long MS = 1_000_000L;
    private static final long LEAD = 100 * MS;

    private final List<String> sent = new ArrayList<>();
    private final TwilioCounters counters = new TwilioCounters();
    private final TwilioCodec codec = new TwilioCodec();

    private TwilioCall call(int bufferFrames) {
        return new TwilioCall("MZ1", "conn-1", bufferFrames, LEAD, (c, command) -> sent.add(describe(command)),
                counters);
    }

    /** {@code ms} of the model's 24 kHz PCM: 48 bytes per ms. */
    private static byte[] modelAudio(int ms) {
        byte[] pcm = new byte[ms * 48];
        for (int i = 0; i < pcm.length; i += 2) {
            short sample = (short) (8000 * Math.sin(i / 2 * 2 * Math.PI * 440 / 24000));
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }

    private String describe(TwilioCommand command) {
        if (command instanceof TwilioCommand.Media media) {
            assertThat(media.payload()).hasSize(160);
            return "media";
        }
        assertThat(codec.write(command)).contains("\"streamSid\":\"MZ1\"");
        return command instanceof TwilioCommand.Mark mark ? "mark " + mark.name() : "clear";
    }

    @Test
    void audioIsSentInRealTimeAtMostTheLeadAhead() {
        TwilioCall call = call(1000);
        long t0 = 1_000 * MS;
        call.modelAudio(modelAudio(1000), t0); // 1 s arrives at once
        // 20 ms frames up to 100 ms ahead: the frames due at 0, 20, ... 100 ms
        assertThat(sent).hasSize(6);
        call.pump(t0 + 10 * MS);
        assertThat(sent).hasSize(6);
        for (long t = 20; t <= 500; t += 20) { // the pacer's ticks: one frame each
            call.pump(t0 + t * MS);
        }
        assertThat(sent).hasSize(31);
        // a tick 1.5 s late: Twilio has played everything by then, so it starts again from now, the lead ahead
        call.pump(t0 + 2_000 * MS);
        assertThat(sent).hasSize(37);
        for (long t = 2_020; t <= 4_000; t += 20) {
            call.pump(t0 + t * MS);
        }
        assertThat(counters.framesOut()).isBetween(49L, 50L); // 1 s, less what the resampler still holds
    }

    @Test
    void aTurnEndsWithAMarkAfterItsLastFramePaddedToTwentyMilliseconds() {
        TwilioCall call = call(1000);
        call.modelAudio(modelAudio(30), 0); // 30 ms: one whole frame and a part
        call.turnComplete(0);
        assertThat(sent).containsExactly("media", "media", "mark MZ1-turn-1");
        assertThat(call.markPlayed("MZ1-turn-1")).isEqualTo(40); // two frames played before it
        assertThat(call.markPlayed("someone-elses")).isEqualTo(-1);
        assertThat(counters.marksSent()).isEqualTo(1);
    }

    @Test
    void bargeInClearsAtOnceAndDropsTheUnplayedAudio() {
        TwilioCall call = call(1000);
        call.modelAudio(modelAudio(1000), 0);
        call.turnComplete(0);
        int before = sent.size();
        call.interrupted();
        assertThat(sent.subList(before, sent.size())).containsExactly("clear");
        assertThat(counters.interruptedAudioMs()).isBetween(880L, 900L); // 1 s less the 120 ms sent ahead
        call.pump(10_000 * MS);
        assertThat(sent).hasSize(before + 1); // nothing of the old turn, not even its mark
        // the next turn plays from now
        call.modelAudio(modelAudio(40), 20_000 * MS);
        assertThat(sent.subList(before + 1, sent.size())).containsOnly("media").isNotEmpty();
    }

    @Test
    void aFullBufferDropsTheOldestAudioAndCountsIt() {
        TwilioCall call = call(10); // 200 ms
        call.modelAudio(modelAudio(1000), 0);
        // the buffer kept the newest 200 ms of the second that came at once
        assertThat(counters.overflowAudioMs()).isBetween(790L, 800L);
        for (long t = 20; t <= 1_000; t += 20) {
            call.pump(t * MS);
        }
        assertThat(counters.framesOut()).isEqualTo(10);
    }

    @Test
    void anEndedCallSendsNothingAndCountsWhatItDropped() {
        TwilioCall call = call(1000);
        call.modelAudio(modelAudio(1000), 0);
        call.end();
        int before = sent.size();
        call.pump(10_000 * MS);
        call.modelAudio(modelAudio(100), 10_000 * MS);
        call.interrupted();
        assertThat(sent).hasSize(before);
        assertThat(counters.endedAudioMs()).isBetween(960L, 1000L);
    }
}
