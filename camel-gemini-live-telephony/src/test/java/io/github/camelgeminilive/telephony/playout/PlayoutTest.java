package io.github.camelgeminilive.telephony.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.audio.AudioFormat;

class PlayoutTest {

    private static final long MS = 1_000_000L;

    private final List<String> sent = new ArrayList<>();
    private final PlayoutCounters counters = new PlayoutCounters();
    private final Playout playout = new Playout(AudioFormat.ALAW_8K, 50, 40 * MS, false, recording(false), counters);
    private final Playout withSilence = new Playout(AudioFormat.ALAW_8K, 50, 40 * MS, true, recording(true),
            counters);

    /** Records what is sent; {@code silent} tells A-law silence from the (loud) model audio of a test. */
    private Playout.Sink recording(boolean silent) {
        return new Playout.Sink() {
            @Override
            public void frame(byte[] frame) {
                assertThat(frame).hasSize(PlayoutBuffer.FRAME_BYTES);
                sent.add(silent && frame[0] == (byte) 0xD5 && frame[159] == (byte) 0xD5 ? "silence" : "frame");
            }

            @Override
            public void mark(String name) {
                sent.add("mark " + name);
            }

            @Override
            public void clear() {
                sent.add("clear");
            }
        };
    }

    @Test
    void comfortSilenceFillsEvery20MsTheModelLeavesSilentAndTheModelsAudioFollowsOn() {
        withSilence.pump(0);
        withSilence.pump(10 * MS);
        assertThat(sent).as("one frame due at 0, none more by 10 ms").containsExactly("silence");
        withSilence.pump(65 * MS); // a late tick: the frames due at 20, 40 and 60 ms follow on
        assertThat(sent).hasSize(4).containsOnly("silence");
        byte[] loud = new byte[960 * 3];
        Arrays.fill(loud, (byte) 0x40); // every sample 0x4040: far from silence
        withSilence.modelAudio(loud, 70 * MS); // 60 ms: its frames take the slots 80, 100, 120
        assertThat(sent).as("the slots due within the 40 ms lead").hasSize(6).endsWith("frame", "frame");
        withSilence.pump(140 * MS); // the last frame (slot 120), then silence from slot 140 on: never a gap
        assertThat(sent).hasSize(8).endsWith("frame", "silence");
        withSilence.pump(1000 * MS); // a tick far too late: the silence starts again from now, no burst
        assertThat(sent).hasSize(9).endsWith("silence");
        assertThat(counters.silenceFramesOut()).isEqualTo(6);
        assertThat(counters.framesOut()).isEqualTo(3);
        withSilence.end();
        withSilence.pump(2000 * MS);
        assertThat(sent).hasSize(9);
    }

    @Test
    void withoutComfortSilenceNothingIsSentWhileTheModelIsSilent() {
        playout.pump(0);
        playout.pump(1000 * MS);
        assertThat(sent).isEmpty();
    }

    @Test
    void sendsFramesInRealTimeWithItsLeadAndTheMarkAfterTheirAudio() {
        playout.modelAudio(new byte[960 * 10], 0); // 200 ms of 24 kHz PCM
        playout.mark("turn", 0);
        assertThat(sent).as("due now plus 40 ms ahead").hasSize(3);
        playout.pump(50 * MS);
        assertThat(sent).as("frames due by 90 ms").hasSize(5);
        playout.pump(1000 * MS); // the caller ran dry: the rest plays from now, with its lead again
        assertThat(sent).hasSize(8);
        playout.pump(1060 * MS);
        assertThat(sent).hasSize(11).endsWith("frame", "mark turn");
        assertThat(counters.framesOut()).isEqualTo(10);
        assertThat(counters.marksSent()).isEqualTo(1);
    }

    @Test
    void aBargeInDropsTheUnplayedAudioAtOnce() {
        playout.modelAudio(new byte[960 * 10], 0);
        playout.interrupted();
        playout.pump(1000 * MS);
        assertThat(sent).containsExactly("frame", "frame", "frame", "clear");
        assertThat(counters.interruptedAudioBytes()).isEqualTo(7 * 160);
        assertThat(counters.clears()).isEqualTo(1);
    }

    @Test
    void afterTheEndNothingMoreIsSentAndTheAudioIsCounted() {
        playout.modelAudio(new byte[960 * 10], 0);
        playout.end();
        playout.modelAudio(new byte[960], 0);
        playout.pump(1000 * MS);
        assertThat(sent).hasSize(3);
        assertThat(counters.endedAudioBytes()).isEqualTo(7 * 160 + 160);
    }

    @Test
    void aFullBufferDropsItsOldestAudio() {
        playout.modelAudio(new byte[960 * 60], 0); // 60 frames into a buffer of 50: 3 leave at once
        assertThat(counters.overflowAudioBytes()).isEqualTo(10 * 160);
    }

    @Test
    void silencePadsATurnToWholeFramesInTheCodec() {
        PlayoutBuffer mulaw = new PlayoutBuffer(4, (byte) 0xFF);
        mulaw.write(new byte[] {1, 2}, 0, 2);
        mulaw.mark("m");
        byte[] frame = new byte[PlayoutBuffer.FRAME_BYTES];
        mulaw.readFrame(frame);
        assertThat(frame[1]).isEqualTo((byte) 2);
        assertThat(frame[2]).isEqualTo((byte) 0xFF);
        assertThat(mulaw.dueMark().name()).isEqualTo("m");
    }
}
