package io.github.camelgeminilive.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelephoneEventsTest {

    private final TelephoneEvents events = new TelephoneEvents();

    @Test
    void reportsEachKeyOnceThoughItsPacketsRepeat() {
        assertThat(events.read(event(5, false), 0, 4, 1000)).isEqualTo('5');
        assertThat(events.read(event(5, false), 0, 4, 1000)).isEqualTo(TelephoneEvents.NONE);
        assertThat(events.read(event(5, true), 0, 4, 1000)).isEqualTo(TelephoneEvents.NONE);
        assertThat(events.read(event(5, true), 0, 4, 1000)).isEqualTo(TelephoneEvents.NONE);
        assertThat(events.read(event(5, false), 0, 4, 2000)).as("pressed again").isEqualTo('5');
        assertThat(events.read(event(11, false), 0, 4, 3000)).isEqualTo('#');
        assertThat(events.read(event(10, false), 0, 4, 4000)).isEqualTo('*');
        assertThat(events.read(event(15, false), 0, 4, 5000)).isEqualTo('D');
    }

    @Test
    void eventsThatAreNotKeysAndShortPayloads() {
        assertThat(events.read(event(16, false), 0, 4, 1000)).as("flash").isEqualTo(TelephoneEvents.NONE);
        assertThat(events.read(new byte[3], 0, 3, 2000)).isEqualTo(TelephoneEvents.INVALID);
    }

    private static byte[] event(int event, boolean end) {
        return new byte[] {(byte) event, (byte) (end ? 0x8A : 0x0A), 0, (byte) 160};
    }
}
