package org.conclave.client.sframe;

import org.conclave.client.sframe.SframeException.Reason;

/**
 * The SFrame header of RFC 9605 §4.3: a config byte {@code X|K|Y|C}, then the KID and the CTR in
 * as few big-endian bytes as they need. Values 0–7 sit in the config byte itself ({@code X} or
 * {@code Y} clear); larger ones take 1–8 bytes ({@code X} or {@code Y} set, length − 1 in K or C).
 * KID and CTR are unsigned 64-bit values. Inside, each is two {@code int}s: under TeaVM a
 * {@code long} is a JS BigInt, and this code runs for every frame.
 */
public final class SframeHeader {
    /** The longest header: config byte, 8-byte KID, 8-byte CTR. */
    public static final int MAX_SIZE = 17;

    final int kidHigh;
    final int kidLow;
    final int ctrHigh;
    final int ctrLow;
    private final int size;

    SframeHeader(int kidHigh, int kidLow, int ctrHigh, int ctrLow) {
        this.kidHigh = kidHigh;
        this.kidLow = kidLow;
        this.ctrHigh = ctrHigh;
        this.ctrLow = ctrLow;
        this.size = size(kidHigh, kidLow, ctrHigh, ctrLow);
    }

    /** The header for {@code kid} and {@code ctr} (unsigned), in its one minimal encoding. */
    public static SframeHeader of(long kid, long ctr) {
        return new SframeHeader((int) (kid >>> 32), (int) kid, (int) (ctr >>> 32), (int) ctr);
    }

    public long kid() {
        return join(kidHigh, kidLow);
    }

    public long ctr() {
        return join(ctrHigh, ctrLow);
    }

    /** Encoded length in bytes, 1 to 17. */
    public int size() {
        return size;
    }

    /** The encoded header as a new array. */
    public byte[] encode() {
        byte[] out = new byte[size];
        encodeInto(out, 0);
        return out;
    }

    /** Writes the {@link #size()} encoded bytes at {@code out[offset]}. */
    public void encodeInto(byte[] out, int offset) {
        encode(kidHigh, kidLow, ctrHigh, ctrLow, out, offset);
    }

    /** The encoded size of the header for KID and CTR given as int pairs, without building one. */
    static int size(int kidHigh, int kidLow, int ctrHigh, int ctrLow) {
        return 1 + extraBytes(kidHigh, kidLow) + extraBytes(ctrHigh, ctrLow);
    }

    /** Writes the header for KID and CTR given as int pairs at {@code out[offset]}; returns its size. */
    static int encode(int kidHigh, int kidLow, int ctrHigh, int ctrLow, byte[] out, int offset) {
        int kidBytes = extraBytes(kidHigh, kidLow);
        int ctrBytes = extraBytes(ctrHigh, ctrLow);
        int config = kidBytes == 0 ? kidLow << 4 : 0x80 | (kidBytes - 1) << 4;
        config |= ctrBytes == 0 ? ctrLow : 0x08 | (ctrBytes - 1);
        out[offset] = (byte) config;
        putBigEndian(kidHigh, kidLow, kidBytes, out, offset + 1);
        putBigEndian(ctrHigh, ctrLow, ctrBytes, out, offset + 1 + kidBytes);
        return 1 + kidBytes + ctrBytes;
    }

    /**
     * Reads the header at the start of {@code frame[offset, offset + length)}. Refuses truncation
     * ({@code MALFORMED_HEADER}) and any encoding other than the minimal one
     * ({@code NON_MINIMAL_HEADER}), so each (KID, CTR) has exactly one header and thus one AAD.
     */
    public static SframeHeader decode(byte[] frame, int offset, int length) throws SframeException {
        if (length < 1) {
            throw new SframeException(Reason.MALFORMED_HEADER, "empty frame");
        }
        int config = frame[offset] & 0xff;
        int kidBytes = (config & 0x80) == 0 ? 0 : ((config >> 4) & 0x07) + 1;
        int ctrBytes = (config & 0x08) == 0 ? 0 : (config & 0x07) + 1;
        if (length < 1 + kidBytes + ctrBytes) {
            throw new SframeException(Reason.MALFORMED_HEADER,
                    "header needs " + (1 + kidBytes + ctrBytes) + " bytes, frame has " + length);
        }
        int kidHigh = 0;
        int kidLow = (config >> 4) & 0x07;
        if (kidBytes > 0) {
            checkMinimal(frame, offset + 1, kidBytes, "KID");
            kidHigh = readHigh(frame, offset + 1, kidBytes);
            kidLow = readLow(frame, offset + 1, kidBytes);
        }
        int ctrHigh = 0;
        int ctrLow = config & 0x07;
        if (ctrBytes > 0) {
            int at = offset + 1 + kidBytes;
            checkMinimal(frame, at, ctrBytes, "CTR");
            ctrHigh = readHigh(frame, at, ctrBytes);
            ctrLow = readLow(frame, at, ctrBytes);
        }
        return new SframeHeader(kidHigh, kidLow, ctrHigh, ctrLow);
    }

    private static void checkMinimal(byte[] in, int offset, int bytes, String name) throws SframeException {
        if (bytes > 1 && in[offset] == 0) {
            throw new SframeException(Reason.NON_MINIMAL_HEADER, name + " has a leading zero byte");
        }
        if (bytes == 1 && (in[offset] & 0xff) < 8) {
            throw new SframeException(Reason.NON_MINIMAL_HEADER, name + " below 8 belongs in the config byte");
        }
    }

    /** The value's bits above 32 from a big-endian field of {@code bytes} bytes. */
    private static int readHigh(byte[] in, int offset, int bytes) {
        int value = 0;
        for (int i = 0; i < bytes - 4; i++) {
            value = value << 8 | (in[offset + i] & 0xff);
        }
        return value;
    }

    /** The value's low 32 bits from a big-endian field of {@code bytes} bytes. */
    private static int readLow(byte[] in, int offset, int bytes) {
        int value = 0;
        for (int i = Math.max(0, bytes - 4); i < bytes; i++) {
            value = value << 8 | (in[offset + i] & 0xff);
        }
        return value;
    }

    /** Bytes after the config byte that the value needs: 0 for 0–7, else 1–8. */
    static int extraBytes(int high, int low) {
        if (high != 0) {
            return 8 - Integer.numberOfLeadingZeros(high) / 8;
        }
        if (low >= 0 && low < 8) {
            return 0;
        }
        return 4 - Integer.numberOfLeadingZeros(low) / 8;
    }

    private static void putBigEndian(int high, int low, int bytes, byte[] out, int offset) {
        for (int i = 0; i < bytes; i++) {
            int shift = 8 * (bytes - 1 - i); // bit position of this byte in the 64-bit value
            out[offset + i] = (byte) (shift >= 32 ? high >>> (shift - 32) : low >>> shift);
        }
    }

    private static long join(int high, int low) {
        return (long) high << 32 | (low & 0xffffffffL);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SframeHeader that && kidHigh == that.kidHigh && kidLow == that.kidLow
                && ctrHigh == that.ctrHigh && ctrLow == that.ctrLow;
    }

    @Override
    public int hashCode() {
        return ((kidHigh * 31 + kidLow) * 31 + ctrHigh) * 31 + ctrLow;
    }

    @Override
    public String toString() {
        return "SframeHeader[kid=" + Long.toUnsignedString(kid()) + ", ctr=" + Long.toUnsignedString(ctr()) + "]";
    }
}
