package org.conclave.client.sframe;

import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;

/**
 * GHASH multiplication by H in GF(2^128) using only {@code int} arithmetic, for Bouncy Castle's
 * {@code GCMBlockCipher}. BC's own multipliers work on {@code long}s, which TeaVM turns into JS
 * BigInts (toolchain.md: 30–60× slower); this one stays on 32-bit integers.
 *
 * <p>Shoup's method with a table per byte position, as BC's {@code Tables64kGCMMultiplier}:
 * {@code T_i[b] = b·H·x^(8i)} for each of the 16 byte positions and every byte value, so a product
 * is the XOR of 16 table entries with no shifting or reduction in the hot path (64 KB per key).
 * A 128-bit value is four ints, most significant first, in GCM's reflected bit order (multiplying
 * by x is a right shift).
 */
public final class IntGhashMultiplier implements GCMMultiplier {
    /** {@code R[b]}: the top 16 bits to XOR in after shifting {@code b} out of the low byte. */
    private static final int[] REDUCE = reductionTable();
    /** Ints per table: 256 entries of four. */
    private static final int TABLE = 256 * 4;

    /** {@code T_i[b]} at {@code i * TABLE + b * 4}. */
    private final int[] table = new int[16 * TABLE];

    @Override
    public void init(byte[] h) {
        int[] t = table;
        int at = 0x80 * 4; // the byte 0x80 is the polynomial 1: T_0[0x80] = H
        t[at] = readInt(h, 0);
        t[at + 1] = readInt(h, 4);
        t[at + 2] = readInt(h, 8);
        t[at + 3] = readInt(h, 12);
        for (int bit = 0x40; bit > 0; bit >>= 1) {
            multiplyByX(t, bit * 2 * 4, bit * 4); // T_0[bit] = T_0[2·bit]·x
        }
        for (int i = 0; i < 4; i++) {
            t[i] = 0;
        }
        for (int bit = 2; bit <= 0x80; bit <<= 1) {
            for (int low = 1; low < bit; low++) {
                int to = (bit + low) * 4;
                int a = bit * 4;
                int b = low * 4;
                t[to] = t[a] ^ t[b];
                t[to + 1] = t[a + 1] ^ t[b + 1];
                t[to + 2] = t[a + 2] ^ t[b + 2];
                t[to + 3] = t[a + 3] ^ t[b + 3];
            }
        }
        for (int from = 0; from < 15 * TABLE; from += 4) {
            multiplyByX8(t, from, from + TABLE); // T_{i+1}[b] = T_i[b]·x^8
        }
    }

    @Override
    public void multiplyH(byte[] x) {
        int[] z = {readInt(x, 0), readInt(x, 4), readInt(x, 8), readInt(x, 12)};
        multiply(z);
        writeInt(z[0], x, 0);
        writeInt(z[1], x, 4);
        writeInt(z[2], x, 8);
        writeInt(z[3], x, 12);
    }

    /** {@code z = z·H}, the 128-bit value held as four big-endian ints; GCM's hot path. */
    void multiply(int[] z) {
        int[] t = table;
        int z0 = 0;
        int z1 = 0;
        int z2 = 0;
        int z3 = 0;
        for (int w = 0; w < 4; w++) {
            int word = z[w];
            // Byte 4w + k of the value is bits 24 − 8k of word w; its table is T_{4w+k}.
            int base = 4 * w * TABLE;
            int a = base + (word >>> 24) * 4;
            int b = base + TABLE + ((word >>> 16) & 0xff) * 4;
            int c = base + 2 * TABLE + ((word >>> 8) & 0xff) * 4;
            int d = base + 3 * TABLE + (word & 0xff) * 4;
            z0 ^= t[a] ^ t[b] ^ t[c] ^ t[d];
            z1 ^= t[a + 1] ^ t[b + 1] ^ t[c + 1] ^ t[d + 1];
            z2 ^= t[a + 2] ^ t[b + 2] ^ t[c + 2] ^ t[d + 2];
            z3 ^= t[a + 3] ^ t[b + 3] ^ t[c + 3] ^ t[d + 3];
        }
        z[0] = z0;
        z[1] = z1;
        z[2] = z2;
        z[3] = z3;
    }

    /** {@code t[to..to+4) = t[from..from+4)·x^8}: a right shift by a byte, folding the dropped byte back in. */
    private static void multiplyByX8(int[] t, int from, int to) {
        int z0 = t[from];
        int z1 = t[from + 1];
        int z2 = t[from + 2];
        int z3 = t[from + 3];
        t[to + 3] = (z3 >>> 8) | (z2 << 24);
        t[to + 2] = (z2 >>> 8) | (z1 << 24);
        t[to + 1] = (z1 >>> 8) | (z0 << 24);
        t[to] = (z0 >>> 8) ^ REDUCE[z3 & 0xff];
    }

    /** {@code t[to..to+4) = t[from..from+4)·x}: a right shift, reducing by x^128 = x^7+x^2+x+1 (0xE1). */
    private static void multiplyByX(int[] t, int from, int to) {
        int carry = t[from + 3] & 1;
        t[to + 3] = (t[from + 3] >>> 1) | (t[from + 2] << 31);
        t[to + 2] = (t[from + 2] >>> 1) | (t[from + 1] << 31);
        t[to + 1] = (t[from + 1] >>> 1) | (t[from] << 31);
        t[to] = (t[from] >>> 1) ^ (carry == 0 ? 0 : 0xE1000000);
    }

    private static int[] reductionTable() {
        int[] reduce = new int[256];
        int[] v = new int[8];
        for (int b = 0; b < 256; b++) {
            // Shift the lone low byte b out bit by bit; what is left in the top word is R[b].
            v[0] = 0;
            v[1] = 0;
            v[2] = 0;
            v[3] = b;
            for (int i = 0; i < 8; i++) {
                multiplyByX(v, 0, 4);
                System.arraycopy(v, 4, v, 0, 4);
            }
            reduce[b] = v[0];
        }
        return reduce;
    }

    static int readInt(byte[] in, int offset) {
        return (in[offset] & 0xff) << 24 | (in[offset + 1] & 0xff) << 16 | (in[offset + 2] & 0xff) << 8
                | (in[offset + 3] & 0xff);
    }

    static void writeInt(int value, byte[] out, int offset) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }
}
