package io.github.camelgeminilive.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final byte SILENCE = (byte) 0xFF;

    private final JitterBuffer buffer = new JitterBuffer(16, 3, 480, SILENCE);
    private final byte[] out = new byte[480];

    @Test
    void handsPacketsOnInSequenceOrder() {
        assertThat(offer(100, 0, 1)).isEqualTo(JitterBuffer.Offer.STORED);
        assertThat(poll()).isEqualTo(1);
        assertThat(offer(102, 320, 3)).isEqualTo(JitterBuffer.Offer.STORED);
        assertThat(buffer.poll(out)).as("101 is awaited").isEqualTo(-1);
        offer(101, 160, 2);
        assertThat(poll()).isEqualTo(2);
        assertThat(poll()).isEqualTo(3);
        assertThat(buffer.poll(out)).isEqualTo(-1);
    }

    @Test
    void givesUpAMissingPacketAfterTheWindowAndFillsItsTimeWithSilence() {
        offer(10, 1600, 1);
        poll();
        offer(12, 1600 + 320, 3);
        offer(13, 1600 + 480, 4);
        assertThat(buffer.poll(out)).as("two later packets: still waiting for 11").isEqualTo(-1);
        offer(14, 1600 + 640, 5);
        assertThat(buffer.poll(out)).isEqualTo(160); // 11's 20 ms, from the timestamps
        assertThat(out[0]).isEqualTo(SILENCE);
        assertThat(out[159]).isEqualTo(SILENCE);
        assertThat(buffer.gapsFilled()).isEqualTo(1);
        assertThat(poll()).isEqualTo(3);
        assertThat(offer(11, 1600 + 160, 2)).as("too late now").isEqualTo(JitterBuffer.Offer.LATE);
    }

    @Test
    void theTimestampsSayHowLongAGapLasted() {
        offer(1, 0, 1);
        poll();
        // packets 2 and 3 lost; 4 comes 60 ms after 1 (10 ms packets would say 80 samples each)
        offer(4, 480, 4);
        offer(5, 640, 5);
        offer(6, 800, 6);
        assertThat(buffer.poll(out)).isEqualTo(160);
        assertThat(buffer.poll(out)).isEqualTo(160);
        assertThat(poll()).isEqualTo(4);
    }

    @Test
    void heldPacketsDroppedByARestartOrResetAreCounted() {
        offer(10, 1600, 1);
        poll();
        offer(12, 1600 + 320, 3); // held, waiting for 11
        assertThat(offer(10 + 1000, 0, 9)).as("far ahead").isEqualTo(JitterBuffer.Offer.RESTARTED);
        assertThat(buffer.droppedHeld()).isEqualTo(1);
        offer(1012, 320, 9); // held, waiting for 1011
        buffer.reset();
        assertThat(buffer.droppedHeld()).as("1010 and 1012 were held, never polled").isEqualTo(3);
    }

    @Test
    void dropsDuplicatesAndOversizedPackets() {
        offer(5, 0, 1);
        assertThat(offer(5, 0, 1)).isEqualTo(JitterBuffer.Offer.DUPLICATE);
        assertThat(buffer.offer(6, 160, new byte[481], 0, 481)).isEqualTo(JitterBuffer.Offer.TOO_LARGE);
        assertThat(buffer.held()).isEqualTo(1);
    }

    @Test
    void sequenceNumbersWrapAround() {
        offer(65_535, 0, 1);
        offer(0, 160, 2);
        offer(1, 320, 3);
        assertThat(poll()).isEqualTo(1);
        assertThat(poll()).isEqualTo(2);
        assertThat(poll()).isEqualTo(3);
    }

    @Test
    void aPacketFarAheadRestartsTheOrderFromIt() {
        offer(1, 0, 1);
        offer(3, 320, 3);
        assertThat(offer(1000, 99_000, 9)).isEqualTo(JitterBuffer.Offer.RESTARTED);
        assertThat(buffer.restarts()).isEqualTo(1);
        assertThat(poll()).isEqualTo(9);
        assertThat(buffer.held()).isZero();
    }

    @Test
    void aRunOfLatePacketsRestartsTheOrder() {
        offer(30_000, 0, 1);
        poll();
        for (int i = 0; i < 15; i++) {
            assertThat(offer(100 + i, 160 * i, 2)).isEqualTo(JitterBuffer.Offer.LATE);
        }
        assertThat(offer(115, 160 * 15, 3)).as("the sender started over").isEqualTo(JitterBuffer.Offer.RESTARTED);
        assertThat(poll()).isEqualTo(3);
        assertThat(offer(116, 160 * 16, 4)).isEqualTo(JitterBuffer.Offer.STORED);
    }

    @Test
    void aResetStartsTheOrderFromTheNextPacket() {
        offer(500, 0, 1);
        offer(502, 320, 3);
        buffer.reset();
        assertThat(buffer.held()).isZero();
        assertThat(offer(7, 0, 7)).isEqualTo(JitterBuffer.Offer.STORED);
        assertThat(poll()).isEqualTo(7);
    }

    private JitterBuffer.Offer offer(int sequence, long timestamp, int marker) {
        byte[] payload = new byte[160];
        payload[0] = (byte) marker;
        return buffer.offer(sequence, timestamp, payload, 0, payload.length);
    }

    /** The marker of the next packet handed on. */
    private int poll() {
        assertThat(buffer.poll(out)).isEqualTo(160);
        return out[0];
    }
}
