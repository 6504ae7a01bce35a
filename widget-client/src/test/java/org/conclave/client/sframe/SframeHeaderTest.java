package org.conclave.client.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conclave.client.sframe.SframeException.Reason;
import org.conclave.client.util.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SframeHeaderTest {
    @Test
    void everyFieldLengthRoundTrips() throws SframeException {
        for (int kidBytes = 0; kidBytes <= 8; kidBytes++) {
            for (int ctrBytes = 0; ctrBytes <= 8; ctrBytes++) {
                long kid = valueOfLength(kidBytes);
                long ctr = valueOfLength(ctrBytes);
                byte[] encoded = SframeHeader.of(kid, ctr).encode();
                assertThat(encoded).hasSize(1 + kidBytes + ctrBytes);
                SframeHeader decoded = SframeHeader.decode(encoded, 0, encoded.length);
                assertThat(decoded.kid()).isEqualTo(kid);
                assertThat(decoded.ctr()).isEqualTo(ctr);
            }
        }
    }

    @Test
    void decodeReadsOnlyTheHeaderAtTheOffset() throws SframeException {
        byte[] frame = Hex.decode("ff" + "99012345" + "67" + "aabbcc");
        SframeHeader header = SframeHeader.decode(frame, 1, frame.length - 1);
        assertThat(header).isEqualTo(SframeHeader.of(0x123, 0x4567));
        assertThat(header.size()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'', empty frame",
        "88, KID of 1 byte missing",
        "99, KID of 2 bytes missing",
        "990123, CTR of 2 bytes missing",
        "f7aabbccddeeff00, KID of 8 bytes: one short",
        "ff" + "0102030405060708" + "01020304050607, CTR one byte short",
    })
    void truncatedHeadersAreMalformed(String hex, String what) {
        byte[] bytes = Hex.decode(hex);
        assertThatThrownBy(() -> SframeHeader.decode(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(SframeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "8007",      // KID 7 in a byte: belongs in the config byte
        "8000",      // KID 0 likewise
        "0807",      // CTR 7 in a byte
        "90001200",  // KID 0x12 in 2 bytes, the first zero
        "09000100",  // CTR with a leading zero byte
    })
    void nonMinimalHeadersAreRefused(String hex) {
        assertThat(catchReason(Hex.decode(hex))).isEqualTo(Reason.NON_MINIMAL_HEADER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"77", "8008", "900123", "0808", "88ff08"})
    void minimalHeadersNextToThoseAreAccepted(String hex) {
        assertThat(catchReason(Hex.decode(hex))).isNull();
    }

    @Test
    void everyHeaderHasOneEncoding() throws SframeException {
        // Decoding then re-encoding any accepted 2-byte header gives the same bytes.
        for (int config = 0; config < 256; config++) {
            for (int next = 0; next < 256; next++) {
                byte[] bytes = {(byte) config, (byte) next, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
                SframeHeader header;
                try {
                    header = SframeHeader.decode(bytes, 0, bytes.length);
                } catch (SframeException e) {
                    continue;
                }
                byte[] again = header.encode();
                assertThat(again).isEqualTo(java.util.Arrays.copyOf(bytes, header.size()));
            }
        }
    }

    private static Reason catchReason(byte[] bytes) {
        try {
            SframeHeader.decode(bytes, 0, bytes.length);
            return null;
        } catch (SframeException e) {
            return e.reason();
        }
    }

    /** A value that needs exactly {@code extraBytes} bytes after the config byte. */
    private static long valueOfLength(int extraBytes) {
        return extraBytes == 0 ? 5 : 1L << (8 * extraBytes - 1);
    }
}
