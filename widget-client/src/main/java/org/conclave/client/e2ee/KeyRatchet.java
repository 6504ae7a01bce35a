package org.conclave.client.e2ee;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Conclave's one-way media-key ratchet, used on every join (protocol.md §5): the key at the next
 * index is {@code HKDF-SHA-256(salt = "", ikm = key, info = LABEL, 32 bytes)}. Existing receivers
 * derive it themselves; a joiner who gets only the new key cannot go back to the old one.
 */
public final class KeyRatchet {
    /** The HKDF info string, in ASCII. Part of the wire contract: documented in docs/keys.md. */
    public static final String LABEL = "org.conclave.media-key.ratchet.v1";

    private KeyRatchet() {}

    /** The key at {@code (key.index() + 1) mod 256}. */
    public static MediaKey next(MediaKey key) {
        byte[] ikm = key.bytes();
        byte[] info = new byte[LABEL.length()];
        for (int i = 0; i < info.length; i++) {
            info[i] = (byte) LABEL.charAt(i);
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, new byte[0], info));
        byte[] next = new byte[MediaKey.LENGTH];
        hkdf.generateBytes(next, 0, next.length);
        java.util.Arrays.fill(ikm, (byte) 0);
        MediaKey result = new MediaKey((key.index() + 1) & 0xff, next);
        java.util.Arrays.fill(next, (byte) 0);
        return result;
    }
}
