package org.conclave.client.sframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.junit.jupiter.api.Test;

/** The int-only multiplier agrees with Bouncy Castle's reference multiplier. */
class IntGhashMultiplierTest {
    @Test
    void agreesWithBouncyCastleOnRandomInputs() {
        Random random = new Random(9605);
        for (int round = 0; round < 2000; round++) {
            byte[] h = new byte[16];
            byte[] x = new byte[16];
            random.nextBytes(h);
            random.nextBytes(x);
            assertAgrees(h, x);
        }
    }

    @Test
    void agreesOnEdgeValues() {
        byte[][] values = {new byte[16], filled((byte) 0xff), single(0, 0x80), single(15, 0x01), single(15, 0x80)};
        for (byte[] h : values) {
            for (byte[] x : values) {
                assertAgrees(h, x);
            }
        }
    }

    @Test
    void aNewHReplacesEveryTable() {
        Random random = new Random(4096);
        IntGhashMultiplier ours = new IntGhashMultiplier();
        byte[] first = new byte[16];
        random.nextBytes(first);
        ours.init(first);
        byte[] h = new byte[16];
        random.nextBytes(h);
        ours.init(h); // as a key change or a wipe does: nothing of the first H may remain
        BasicGCMMultiplier reference = new BasicGCMMultiplier();
        reference.init(h.clone());
        for (int round = 0; round < 200; round++) {
            byte[] x = new byte[16];
            random.nextBytes(x);
            byte[] expected = x.clone();
            reference.multiplyH(expected);
            ours.multiplyH(x);
            assertThat(x).isEqualTo(expected);
        }
    }

    private static void assertAgrees(byte[] h, byte[] x) {
        byte[] expected = x.clone();
        BasicGCMMultiplier reference = new BasicGCMMultiplier();
        reference.init(h.clone());
        reference.multiplyH(expected);
        IntGhashMultiplier ours = new IntGhashMultiplier();
        ours.init(h.clone());
        byte[] actual = x.clone();
        ours.multiplyH(actual);
        assertThat(actual).as("H=%s X=%s", java.util.HexFormat.of().formatHex(h), java.util.HexFormat.of().formatHex(x))
                .isEqualTo(expected);
    }

    private static byte[] filled(byte value) {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, value);
        return b;
    }

    private static byte[] single(int index, int value) {
        byte[] b = new byte[16];
        b[index] = (byte) value;
        return b;
    }
}
