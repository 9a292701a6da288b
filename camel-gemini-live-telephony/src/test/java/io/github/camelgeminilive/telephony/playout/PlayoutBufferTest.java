package io.github.camelgeminilive.telephony.playout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayoutBufferTest {

    private static byte[] numbered(int from, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (from + i);
        }
        return data;
    }

    @Test
    void growsAsAudioArrivesAndGivesItBackInOrderWithTheMarksInPlace() {
        PlayoutBuffer buffer = new PlayoutBuffer(1500, (byte) 0xFF); // 30 s; starts at 1 s
        byte[] frame = new byte[PlayoutBuffer.FRAME_BYTES];
        int written = 0;
        int read = 0;
        for (int round = 0; round < 40; round++) { // 40 x 123 ms in, some frames out between: wraps and grows
            assertThat(buffer.write(numbered(written, 987), 0, 987)).isZero();
            written += 987;
            if (round == 20) {
                buffer.mark("m");
                written +=
                        (PlayoutBuffer.FRAME_BYTES - written % PlayoutBuffer.FRAME_BYTES) % PlayoutBuffer.FRAME_BYTES;
            }
            for (int k = 0; k < 2 && buffer.hasFrame(); k++) {
                buffer.readFrame(frame);
                assertThat(frame).isEqualTo(numbered(read, frame.length));
                read += frame.length; // 2 frames a round: the reads stay behind the mark
            }
        }
        assertThat(buffer.buffered()).isEqualTo(written - read);
        while (buffer.hasFrame() && buffer.dueMark() == null) {
            buffer.readFrame(frame);
            read += frame.length;
        }
        assertThat(read).isEqualTo(20_800); // the mark came after 21 rounds' audio (20,727 bytes), padded to a frame
    }

    @Test
    void dropsTheOldestWholeFramesOnlyAtItsCapacity() {
        PlayoutBuffer buffer = new PlayoutBuffer(100, (byte) 0xFF); // 2 s
        assertThat(buffer.write(new byte[16_000], 0, 16_000)).isZero(); // grew to 2 s
        assertThat(buffer.write(new byte[100], 0, 100)).isEqualTo(PlayoutBuffer.FRAME_BYTES);
        assertThat(buffer.buffered()).isEqualTo(16_000 - PlayoutBuffer.FRAME_BYTES + 100);
        assertThat(buffer.clear()).isEqualTo(15_940);
        assertThat(buffer.hasFrame()).isFalse();
    }
}
