package org.conclave.client.sframe;

/**
 * The AEAD key and salt derived for one KID. Holds secrets: {@link #toString()} shows only the KID
 * and suite, and {@link #destroy()} zeroes the bytes once the key is retired.
 */
public final class KeyMaterial {
    private final CipherSuite suite;
    private final long kid;
    private final byte[] key;
    private final byte[] salt;

    KeyMaterial(CipherSuite suite, long kid, byte[] key, byte[] salt) {
        this.suite = suite;
        this.kid = kid;
        this.key = key;
        this.salt = salt;
    }

    public CipherSuite suite() {
        return suite;
    }

    public long kid() {
        return kid;
    }

    /** The AEAD key ({@code sframe_key}, Nk bytes). The array itself: do not keep or change it. */
    public byte[] key() {
        return key;
    }

    /** The salt ({@code sframe_salt}, Nn bytes). The array itself: do not keep or change it. */
    public byte[] salt() {
        return salt;
    }

    /**
     * Writes the nonce for {@code ctr} into {@code nonce}: RFC 9605 §4.4.3 (erratum 8321),
     * {@code nonce = sframe_salt XOR ctr} with ctr big-endian in Nn bytes; ctr as two ints.
     */
    void nonce(int ctrHigh, int ctrLow, byte[] nonce) {
        int n = salt.length;
        Frames.copy(salt, 0, nonce, 0, n);
        int hi = ctrHigh;
        int lo = ctrLow;
        for (int i = 0; i < 4; i++) {
            nonce[n - 1 - i] ^= (byte) (lo >>> (8 * i));
            nonce[n - 5 - i] ^= (byte) (hi >>> (8 * i));
        }
    }

    /** Zeroes the key and salt. */
    public void destroy() {
        java.util.Arrays.fill(key, (byte) 0);
        java.util.Arrays.fill(salt, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyMaterial[suite=" + suite + ", kid=" + Long.toUnsignedString(kid) + ", key=REDACTED]";
    }
}
