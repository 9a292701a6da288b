package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Input records a producer could write that must not reach a session, the handle store or the log. */
class InputRecordsTest {

    private static final byte[] CHUNK = new byte[3200];

    @Test
    void aKeyThatIsMissingOverlongOrHoldsControlCharactersIsRefused() {
        assertThat(InputRecords.problem(null, CHUNK, false)).isEqualTo("no key");
        assertThat(InputRecords.problem("", CHUNK, true)).isEqualTo("no key");
        assertThat(InputRecords.problem("c".repeat(InputRecords.MAX_KEY_LENGTH + 1), CHUNK, false))
                .startsWith("key of 129 characters");
        assertThat(InputRecords.problem("call\nFAKE LOG LINE", CHUNK, false)).contains("control characters");
        assertThat(InputRecords.problem("c".repeat(InputRecords.MAX_KEY_LENGTH), CHUNK, false)).isNull();
    }

    @Test
    void aChunkMustBeWhole16BitSamplesButAnEndNeedsNoAudio() {
        assertThat(InputRecords.problem("call-1", new byte[0], false)).isEqualTo("empty audio chunk");
        assertThat(InputRecords.problem("call-1", null, false)).isEqualTo("empty audio chunk");
        assertThat(InputRecords.problem("call-1", new byte[3], false)).contains("odd length 3");
        assertThat(InputRecords.problem("call-1", new byte[0], true)).isNull();
        assertThat(InputRecords.problem("call-1", CHUNK, false)).isNull();
    }

    @Test
    void aChunkLongerThanOneSecondOfAudioIsRefused() {
        assertThat(InputRecords.problem("call-1", new byte[InputRecords.MAX_CHUNK_BYTES], false)).isNull();
        assertThat(InputRecords.problem("call-1", new byte[InputRecords.MAX_CHUNK_BYTES + 2], false))
                .isEqualTo("audio chunk of 32002 bytes (at most 32000)");
    }
}
