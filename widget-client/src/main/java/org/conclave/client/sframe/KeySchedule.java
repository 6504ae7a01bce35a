package org.conclave.client.sframe;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.conclave.client.sframe.SframeException.Reason;

/**
 * RFC 9605 §4.4.2 key schedule and §5.1 sender-key ratchet, on Bouncy Castle's HKDF with the
 * suite's hash.
 *
 * <pre>
 * sframe_secret = HKDF-Extract("", base_key)
 * sframe_key    = HKDF-Expand(sframe_secret, "SFrame 1.0 Secret key "  || KID(8) || suite(2), Nk)
 * sframe_salt   = HKDF-Expand(sframe_secret, "SFrame 1.0 Secret salt " || KID(8) || suite(2), Nn)
 * </pre>
 */
public final class KeySchedule {
    // The labels end with a space, as in the RFC (§4.4.2).
    private static final byte[] KEY_LABEL = ascii("SFrame 1.0 Secret key ");
    private static final byte[] SALT_LABEL = ascii("SFrame 1.0 Secret salt ");
    private static final byte[] RATCHET_LABEL = ascii("SFrame 1.0 Ratchet");

    private KeySchedule() {}

    /** Derives the AEAD key and salt that {@code kid} uses under {@code suite}. */
    public static KeyMaterial derive(CipherSuite suite, long kid, byte[] baseKey) throws SframeException {
        checkBaseKey(baseKey);
        byte[] secret = new HKDFBytesGenerator(digest(suite)).extractPRK(new byte[0], baseKey);
        byte[] key = expand(suite, secret, label(KEY_LABEL, kid, suite), suite.nk());
        byte[] salt = expand(suite, secret, label(SALT_LABEL, kid, suite), suite.nn());
        return new KeyMaterial(suite, kid, key, salt);
    }

    /**
     * The next base key of a sender's ratchet (RFC 9605 §5.1):
     * {@code HKDF-Expand(HKDF-Extract("", base_key), "SFrame 1.0 Ratchet", Nh)}.
     */
    public static byte[] ratchet(CipherSuite suite, byte[] baseKey) throws SframeException {
        checkBaseKey(baseKey);
        byte[] secret = new HKDFBytesGenerator(digest(suite)).extractPRK(new byte[0], baseKey);
        return expand(suite, secret, RATCHET_LABEL, suite.nh());
    }

    private static void checkBaseKey(byte[] baseKey) throws SframeException {
        if (baseKey == null || baseKey.length == 0) {
            throw new SframeException(Reason.INVALID_KEY, "empty base key");
        }
        if (baseKey.length > SframeLimits.MAX_BASE_KEY_BYTES) {
            throw new SframeException(Reason.INVALID_KEY, "base key of " + baseKey.length + " bytes");
        }
    }

    private static byte[] expand(CipherSuite suite, byte[] secret, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest(suite));
        hkdf.init(HKDFParameters.skipExtractParameters(secret, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** {@code prefix || KID as 8 bytes || suite id as 2 bytes}, big-endian (the full KID, not the header form). */
    static byte[] label(byte[] prefix, long kid, CipherSuite suite) {
        byte[] label = new byte[prefix.length + 10];
        System.arraycopy(prefix, 0, label, 0, prefix.length);
        int at = prefix.length;
        for (int i = 7; i >= 0; i--) {
            label[at + i] = (byte) kid;
            kid >>>= 8;
        }
        label[at + 8] = (byte) (suite.id() >> 8);
        label[at + 9] = (byte) suite.id();
        return label;
    }

    static byte[] keyLabel(long kid, CipherSuite suite) {
        return label(KEY_LABEL, kid, suite);
    }

    static byte[] saltLabel(long kid, CipherSuite suite) {
        return label(SALT_LABEL, kid, suite);
    }

    private static Digest digest(CipherSuite suite) {
        return suite.usesSha512() ? new SHA512Digest() : new SHA256Digest();
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }
}
