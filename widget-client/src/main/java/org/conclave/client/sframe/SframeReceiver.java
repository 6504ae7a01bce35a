package org.conclave.client.sframe;

import org.conclave.client.sframe.SframeException.Reason;

/**
 * The unprotect side of SFrame (RFC 9605 §4.4.4): keys held by KID, added and removed as senders
 * and epochs come and go. {@link #unprotect} reports every failure as an {@link SframeException}
 * with a reason, and nothing else: a frame transform can drop and count it.
 */
public final class SframeReceiver {
    private final CipherSuite suite;
    private final Aead aead;
    // A handful of keys at a time: a linear scan of int pairs (a long is a BigInt under TeaVM).
    private int[] kidHighs = new int[4];
    private int[] kidLows = new int[4];
    private KeyMaterial[] materials = new KeyMaterial[4];
    private AeadKey[] aeadKeys = new AeadKey[4];
    private int count;
    // Reused for every frame, as in SframeSender.
    private final byte[] nonce;
    private byte[] aad = new byte[SframeHeader.MAX_SIZE + 64];

    public SframeReceiver(CipherSuite suite, Aead aead) {
        this.suite = suite;
        this.aead = aead;
        this.nonce = new byte[suite.nn()];
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Adds {@code baseKey} under {@code kid}, replacing (and destroying) a key already there. */
    public void addKey(long kid, byte[] baseKey) throws SframeException {
        int at = indexOf((int) (kid >>> 32), (int) kid);
        if (at < 0 && count == SframeLimits.MAX_KEYS) {
            throw new SframeException(Reason.INVALID_KEY, "already holding " + count + " keys");
        }
        KeyMaterial derived = KeySchedule.derive(suite, kid, baseKey);
        AeadKey imported = aead.importKey(suite, derived.key());
        if (at >= 0) {
            destroyAt(at);
        } else {
            at = count++;
            grow();
        }
        kidHighs[at] = (int) (kid >>> 32);
        kidLows[at] = (int) kid;
        materials[at] = derived;
        aeadKeys[at] = imported;
    }

    /** Removes and destroys the key under {@code kid}; false if there was none. */
    public boolean removeKey(long kid) {
        int at = indexOf((int) (kid >>> 32), (int) kid);
        if (at < 0) {
            return false;
        }
        destroyAt(at);
        count--;
        kidHighs[at] = kidHighs[count];
        kidLows[at] = kidLows[count];
        materials[at] = materials[count];
        aeadKeys[at] = aeadKeys[count];
        materials[count] = null;
        aeadKeys[count] = null;
        return true;
    }

    public boolean hasKey(long kid) {
        return indexOf((int) (kid >>> 32), (int) kid) >= 0;
    }

    public int keyCount() {
        return count;
    }

    /**
     * Checks and decrypts {@code frame[offset, offset + length)} ({@code header || ciphertext || tag})
     * with the same {@code metadata} the sender gave; reports the plaintext.
     */
    public void unprotect(byte[] frame, int offset, int length, byte[] metadata, FrameCallback done) {
        Frames.checkBounds(frame, offset, length);
        if (length > SframeLimits.MAX_FRAME_BYTES + SframeHeader.MAX_SIZE + suite.nt()
                || metadata.length > SframeLimits.MAX_METADATA_BYTES) {
            done.failed(new SframeException(Reason.TOO_LARGE,
                    "frame of " + length + " bytes with " + metadata.length + " bytes of metadata"));
            return;
        }
        SframeHeader header;
        try {
            header = SframeHeader.decode(frame, offset, length);
        } catch (SframeException e) {
            done.failed(e);
            return;
        }
        int at = indexOf(header.kidHigh, header.kidLow);
        if (at < 0) {
            done.failed(new SframeException(Reason.UNKNOWN_KEY, "no key for KID " + Long.toUnsignedString(header.kid())));
            return;
        }
        int bodyLength = length - header.size();
        if (bodyLength < suite.nt()) {
            done.failed(new SframeException(Reason.TRUNCATED, "frame ends before its tag"));
            return;
        }
        materials[at].nonce(header.ctrHigh, header.ctrLow, nonce);
        // AAD = header || metadata: with no metadata, that is the frame's own first bytes.
        boolean inFrame = metadata.length == 0;
        if (!inFrame) {
            aad = Frames.aadRoom(aad, metadata.length);
            Frames.copy(frame, offset, aad, 0, header.size());
            Frames.copy(metadata, 0, aad, header.size(), metadata.length);
        }
        byte[] aadBytes = inFrame ? frame : aad;
        int aadOffset = inFrame ? offset : 0;
        int aadLength = header.size() + metadata.length;
        AeadKey key = aeadKeys[at];
        int bodyOffset = offset + header.size();
        Frames.run(callback -> key.open(nonce, aadBytes, aadOffset, aadLength, frame, bodyOffset, bodyLength, callback),
                null, done);
    }

    /** {@link #unprotect(byte[], int, int, byte[], FrameCallback)} on the whole array. */
    public void unprotect(byte[] frame, byte[] metadata, FrameCallback done) {
        unprotect(frame, 0, frame.length, metadata, done);
    }

    private int indexOf(int kidHigh, int kidLow) {
        for (int i = 0; i < count; i++) {
            if (kidLows[i] == kidLow && kidHighs[i] == kidHigh) {
                return i;
            }
        }
        return -1;
    }

    private void destroyAt(int at) {
        aeadKeys[at].destroy();
        materials[at].destroy();
    }

    private void grow() {
        if (count > kidLows.length) {
            int size = Math.min(kidLows.length * 2, SframeLimits.MAX_KEYS);
            kidHighs = java.util.Arrays.copyOf(kidHighs, size);
            kidLows = java.util.Arrays.copyOf(kidLows, size);
            materials = java.util.Arrays.copyOf(materials, size);
            aeadKeys = java.util.Arrays.copyOf(aeadKeys, size);
        }
    }
}
