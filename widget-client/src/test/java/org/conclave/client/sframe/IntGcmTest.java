package org.conclave.client.sframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** {@link IntGcm} against Bouncy Castle's own GCMBlockCipher, on random keys, lengths and AAD. */
class IntGcmTest {
    @Test
    void sealsExactlyAsBouncyCastleDoesAndOpensItsOutput() throws Exception {
        Random random = new Random(38_000);
        for (int round = 0; round < 600; round++) {
            byte[] key = bytes(random, round % 2 == 0 ? 16 : 32);
            byte[] nonce = bytes(random, 12);
            byte[] aad = bytes(random, random.nextInt(40));
            byte[] plaintext = bytes(random, round < 100 ? round : random.nextInt(3000));

            GCMModeCipher reference = GCMBlockCipher.newInstance(AESEngine.newInstance());
            reference.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
            byte[] expected = new byte[plaintext.length + 16];
            int n = reference.processBytes(plaintext, 0, plaintext.length, expected, 0);
            reference.doFinal(expected, n);

            IntGcm gcm = new IntGcm(key);
            byte[] sealed = new byte[3 + plaintext.length + 16];
            // The AAD sits inside a larger array, as the receiver's does (it is the frame's header).
            byte[] framed = new byte[aad.length + 5];
            System.arraycopy(aad, 0, framed, 2, aad.length);
            gcm.seal(nonce, framed, 2, aad.length, plaintext, 0, plaintext.length, sealed, 3);
            assertThat(java.util.Arrays.copyOfRange(sealed, 3, sealed.length)).as("round %d", round).isEqualTo(expected);

            byte[] opened = new byte[plaintext.length];
            assertThat(gcm.open(nonce, framed, 2, aad.length, expected, 0, plaintext.length, opened, 0)).isTrue();
            assertThat(opened).isEqualTo(plaintext);
            expected[random.nextInt(expected.length)] ^= 0x10;
            assertThat(gcm.open(nonce, aad, 0, aad.length, expected, 0, plaintext.length, new byte[plaintext.length], 0))
                    .isFalse();
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
