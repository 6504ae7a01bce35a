package org.conclave.client.sframe;

/**
 * Shared pieces of the AES-CTR + HMAC AEAD of RFC 9605 §4.5.1, for every backend that builds it.
 */
public final class CtrHmac {
    private CtrHmac() {}

    /**
     * The bytes the HMAC covers before the ciphertext:
     * {@code len(aad) || len(ct) || Nt || nonce || aad}, each length 8 bytes big-endian.
     */
    public static byte[] authPrefix(byte[] nonce, byte[] aad, int aadOffset, int aadLength, int ctLength,
            int tagLength) {
        byte[] prefix = new byte[24 + nonce.length + aadLength];
        putLength(aadLength, prefix, 0);
        putLength(ctLength, prefix, 8);
        putLength(tagLength, prefix, 16);
        Frames.copy(nonce, 0, prefix, 24, nonce.length);
        Frames.copy(aad, aadOffset, prefix, 24 + nonce.length, aadLength);
        return prefix;
    }

    private static void putLength(int value, byte[] out, int offset) {
        // The high four bytes stay zero: frames are far below 2^32 bytes.
        out[offset + 4] = (byte) (value >>> 24);
        out[offset + 5] = (byte) (value >>> 16);
        out[offset + 6] = (byte) (value >>> 8);
        out[offset + 7] = (byte) value;
    }
}
