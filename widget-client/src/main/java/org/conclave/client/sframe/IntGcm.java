package org.conclave.client.sframe;

/**
 * AES-GCM (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag, on Bouncy Castle's AES engine
 * and {@link IntGhashMultiplier}. BC's {@code GCMBlockCipher} keeps its byte counts in
 * {@code long}s and updates them per block; under TeaVM every such update is a BigInt operation.
 * Here all per-block state is {@code int}s, and the key schedule and H table are built once per key.
 * Checked against BC's {@code GCMBlockCipher} and the RFC 9605 vectors.
 */
final class IntGcm {
    static final int TAG_LENGTH = 16;

    private final AesCtr aes;
    private final IntGhashMultiplier ghash = new IntGhashMultiplier();
    private final byte[] j0 = new byte[16];
    private final byte[] mask = new byte[16];
    private final byte[] hash = new byte[16];
    private final int[] state = new int[4];
    private final byte[] partial = new byte[16];

    IntGcm(byte[] key) {
        aes = new AesCtr(key, 0, key.length);
        byte[] h = new byte[16];
        aes.encryptBlock(h, h); // H = E(K, 0^128)
        ghash.init(h);
    }

    /** Writes {@code ciphertext || tag} ({@code length + 16} bytes) at {@code out[outOffset]}. */
    void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length, byte[] out,
            int outOffset) {
        aes.crypt(nonce, 2, in, inOffset, length, out, outOffset); // from inc32(J0)
        computeTag(nonce, aad, aadOffset, aadLength, out, outOffset, length);
        Frames.copy(hash, 0, out, outOffset + length, TAG_LENGTH);
    }

    /**
     * Checks the tag after {@code in[inOffset, inOffset + ctLength)} in constant time; only if it
     * matches, writes the plaintext at {@code out[outOffset]}. Returns whether it matched.
     */
    boolean open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int ctLength, byte[] out,
            int outOffset) {
        computeTag(nonce, aad, aadOffset, aadLength, in, inOffset, ctLength);
        int diff = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= hash[i] ^ in[inOffset + ctLength + i];
        }
        if (diff != 0) {
            return false;
        }
        aes.crypt(nonce, 2, in, inOffset, ctLength, out, outOffset);
        return true;
    }

    /** Overwrites the key schedule and H table with those of an all-zero key. */
    void wipe() {
        aes.wipe();
        ghash.init(new byte[16]);
    }

    /** {@code hash = GHASH(aad, ct) XOR E(K, J0)}. */
    private void computeTag(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] ct, int ctOffset, int ctLength) {
        int[] s = state;
        s[0] = 0;
        s[1] = 0;
        s[2] = 0;
        s[3] = 0;
        absorb(aad, aadOffset, aadLength);
        absorb(ct, ctOffset, ctLength);
        // The lengths block: bit lengths of AAD and ciphertext, 64 bits each, big-endian.
        s[0] ^= aadLength >>> 29;
        s[1] ^= aadLength << 3;
        s[2] ^= ctLength >>> 29;
        s[3] ^= ctLength << 3;
        ghash.multiply(s);
        Frames.copy(nonce, 0, j0, 0, 12);
        j0[15] = 1; // J0 = nonce || 0^31 || 1
        aes.encryptBlock(j0, mask);
        for (int i = 0; i < 4; i++) {
            IntGhashMultiplier.writeInt(s[i] ^ IntGhashMultiplier.readInt(mask, 4 * i), hash, 4 * i);
        }
    }

    /** GHASH over {@code data}, zero-padded to whole blocks, into {@link #state}. */
    private void absorb(byte[] data, int offset, int length) {
        int[] s = state;
        int end = offset + length;
        int at = offset;
        for (; at + 16 <= end; at += 16) {
            s[0] ^= IntGhashMultiplier.readInt(data, at);
            s[1] ^= IntGhashMultiplier.readInt(data, at + 4);
            s[2] ^= IntGhashMultiplier.readInt(data, at + 8);
            s[3] ^= IntGhashMultiplier.readInt(data, at + 12);
            ghash.multiply(s);
        }
        if (at < end) {
            java.util.Arrays.fill(partial, (byte) 0);
            Frames.copy(data, at, partial, 0, end - at);
            for (int i = 0; i < 4; i++) {
                s[i] ^= IntGhashMultiplier.readInt(partial, 4 * i);
            }
            ghash.multiply(s);
        }
    }
}
