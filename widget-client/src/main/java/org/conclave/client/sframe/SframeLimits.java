package org.conclave.client.sframe;

/**
 * Size limits applied before any crypto work, so an oversized input costs nothing. Generous for
 * media: a 4K key frame is well under a megabyte; codec metadata (the clear header) is tens of bytes.
 */
public final class SframeLimits {
    /** Largest plaintext {@code protect} accepts and largest frame {@code unprotect} accepts. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    /** Largest metadata (authenticated, not encrypted). */
    public static final int MAX_METADATA_BYTES = 4096;
    /** Largest base key; RFC 9605 leaves the size open, HKDF takes any. */
    public static final int MAX_BASE_KEY_BYTES = 1024;
    /** Keys one receiver holds at once. */
    public static final int MAX_KEYS = 256;

    private SframeLimits() {}
}
