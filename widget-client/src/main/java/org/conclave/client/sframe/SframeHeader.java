package org.conclave.client.sframe;

import org.conclave.client.sframe.SframeException.Reason;

/**
 * The SFrame header of RFC 9605 §4.3: a config byte {@code X|K|Y|C}, then the KID and the CTR in
 * as few big-endian bytes as they need. Values 0–7 sit in the config byte itself ({@code X} or
 * {@code Y} clear); larger ones take 1–8 bytes ({@code X} or {@code Y} set, length − 1 in K or C).
 * KID and CTR are unsigned 64-bit values held in a {@code long}.
 */
public final class SframeHeader {
    /** The longest header: config byte, 8-byte KID, 8-byte CTR. */
    public static final int MAX_SIZE = 17;

    private final long kid;
    private final long ctr;
    private final int size;

    private SframeHeader(long kid, long ctr, int size) {
        this.kid = kid;
        this.ctr = ctr;
        this.size = size;
    }

    /** The header for {@code kid} and {@code ctr}, in its one minimal encoding. */
    public static SframeHeader of(long kid, long ctr) {
        return new SframeHeader(kid, ctr, 1 + extraBytes(kid) + extraBytes(ctr));
    }

    public long kid() {
        return kid;
    }

    public long ctr() {
        return ctr;
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
        int kidBytes = extraBytes(kid);
        int ctrBytes = extraBytes(ctr);
        int config = kidBytes == 0 ? (int) kid << 4 : 0x80 | (kidBytes - 1) << 4;
        config |= ctrBytes == 0 ? (int) ctr : 0x08 | (ctrBytes - 1);
        out[offset] = (byte) config;
        putBigEndian(kid, kidBytes, out, offset + 1);
        putBigEndian(ctr, ctrBytes, out, offset + 1 + kidBytes);
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
        int size = 1 + kidBytes + ctrBytes;
        if (length < size) {
            throw new SframeException(Reason.MALFORMED_HEADER,
                    "header needs " + size + " bytes, frame has " + length);
        }
        long kid = kidBytes == 0 ? (config >> 4) & 0x07 : readField(frame, offset + 1, kidBytes, "KID");
        long ctr = ctrBytes == 0 ? config & 0x07 : readField(frame, offset + 1 + kidBytes, ctrBytes, "CTR");
        return new SframeHeader(kid, ctr, size);
    }

    private static long readField(byte[] in, int offset, int bytes, String name) throws SframeException {
        if (bytes > 1 && in[offset] == 0) {
            throw new SframeException(Reason.NON_MINIMAL_HEADER, name + " has a leading zero byte");
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (in[offset + i] & 0xff);
        }
        if (bytes == 1 && value < 8) {
            throw new SframeException(Reason.NON_MINIMAL_HEADER, name + " below 8 belongs in the config byte");
        }
        return value;
    }

    /** Bytes after the config byte that {@code value} needs: 0 for 0–7, else 1–8. */
    static int extraBytes(long value) {
        if (value >= 0 && value < 8) {
            return 0;
        }
        return 8 - Long.numberOfLeadingZeros(value) / 8;
    }

    private static void putBigEndian(long value, int bytes, byte[] out, int offset) {
        for (int i = bytes - 1; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SframeHeader that && kid == that.kid && ctr == that.ctr;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(kid) * 31 + Long.hashCode(ctr);
    }

    @Override
    public String toString() {
        return "SframeHeader[kid=" + Long.toUnsignedString(kid) + ", ctr=" + Long.toUnsignedString(ctr) + "]";
    }
}
