package org.conclave.client.sframe;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES in counter mode with a 96-bit nonce and a 32-bit big-endian block counter, on Bouncy
 * Castle's AES engine, all in {@code int}s (BC's {@code SICBlockCipher} works byte by byte and
 * tracks its position in {@code long}s, which TeaVM makes BigInts). Serves GCM (counting from 2)
 * and RFC 9605's CTR+HMAC suites (counting from 0).
 */
final class AesCtr {
    private final BlockCipher aes = AESEngine.newInstance();
    private final byte[] counter = new byte[16];
    private final byte[] keystream = new byte[16];

    AesCtr(byte[] key, int offset, int length) {
        aes.init(true, new KeyParameter(key, offset, length));
    }

    /** {@code E(K, block)} into {@code out}; for GCM's H and tag mask. */
    void encryptBlock(byte[] block, byte[] out) {
        aes.processBlock(block, 0, out, 0);
    }

    /** XORs {@code in} with the keystream of counter blocks {@code nonce || firstBlock}, {@code nonce || firstBlock + 1}, … */
    void crypt(byte[] nonce, int firstBlock, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        Frames.copy(nonce, 0, counter, 0, 12);
        byte[] k = keystream;
        int block = firstBlock;
        int whole = length & ~15;
        for (int done = 0; done < whole; done += 16) {
            next(block++);
            int at = inOffset + done;
            int to = outOffset + done;
            // Whole blocks: no Math.min per block, the byte loop unrolled by four.
            for (int i = 0; i < 16; i += 4) {
                out[to + i] = (byte) (in[at + i] ^ k[i]);
                out[to + i + 1] = (byte) (in[at + i + 1] ^ k[i + 1]);
                out[to + i + 2] = (byte) (in[at + i + 2] ^ k[i + 2]);
                out[to + i + 3] = (byte) (in[at + i + 3] ^ k[i + 3]);
            }
        }
        if (whole < length) {
            next(block);
            for (int i = whole; i < length; i++) {
                out[outOffset + i] = (byte) (in[inOffset + i] ^ k[i - whole]);
            }
        }
    }

    /** The keystream block for counter {@code block}, into {@link #keystream}. */
    private void next(int block) {
        counter[12] = (byte) (block >>> 24);
        counter[13] = (byte) (block >>> 16);
        counter[14] = (byte) (block >>> 8);
        counter[15] = (byte) block;
        aes.processBlock(counter, 0, keystream, 0);
    }

    /** Overwrites the key schedule with that of an all-zero key. */
    void wipe() {
        aes.init(true, new KeyParameter(new byte[16]));
    }
}
