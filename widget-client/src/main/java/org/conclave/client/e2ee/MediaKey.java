package org.conclave.client.e2ee;

import java.util.Arrays;

/**
 * One sender's media key at one index (0–255; it becomes the SFrame KID's low byte). Holds a
 * secret: {@link #toString()} shows the index only, and {@link #destroy()} zeroes the bytes.
 */
public final class MediaKey {
    /** Conclave's keys: 32 random bytes. */
    public static final int LENGTH = 32;
    /** Element Call sends 16-byte keys; anything from 16 to 64 bytes is accepted from others. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 64;

    private final int index;
    private final byte[] bytes;

    public MediaKey(int index, byte[] bytes) {
        if (index < 0 || index > 255) {
            throw new IllegalArgumentException("key index outside 0..255");
        }
        if (bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("key of " + bytes.length + " bytes");
        }
        this.index = index;
        this.bytes = bytes.clone();
    }

    public int index() {
        return index;
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "MediaKey[index=" + index + ", REDACTED]";
    }
}
