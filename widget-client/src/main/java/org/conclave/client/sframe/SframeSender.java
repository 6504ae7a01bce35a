package org.conclave.client.sframe;

import org.conclave.client.sframe.SframeException.Reason;

/**
 * The protect side of SFrame for one sender (RFC 9605 §4.4.3). Holds the current key and its
 * counter: each frame takes the next CTR, so a (key, nonce) pair is never used twice. CTR is an
 * unsigned 64-bit value; when every value has been used the sender refuses to go on
 * ({@code COUNTER_EXHAUSTED}) rather than wrap. A new key starts a fresh counter.
 */
public final class SframeSender {
    private final CipherSuite suite;
    private final Aead aead;
    private KeyMaterial material;
    private AeadKey aeadKey;
    private int kidHigh;
    private int kidLow;
    // The next CTR, unsigned 64-bit, as two ints (a long is a BigInt under TeaVM).
    private int nextCtrHigh;
    private int nextCtrLow;
    private boolean exhausted;
    // Reused for every frame (the AeadKey contract allows it): fresh small arrays cost the
    // browser an allocation each time they reach WebCrypto.
    private final byte[] nonce;
    private byte[] aad = new byte[SframeHeader.MAX_SIZE + 64];

    public SframeSender(CipherSuite suite, Aead aead) {
        this.suite = suite;
        this.aead = aead;
        this.nonce = new byte[suite.nn()];
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Switches to {@code baseKey} under {@code kid}, counting from 0. The previous key is destroyed. */
    public void setKey(long kid, byte[] baseKey) throws SframeException {
        setKey(kid, baseKey, 0);
    }

    /**
     * As {@link #setKey(long, byte[])}, counting from {@code firstCtr} (unsigned). For a sender that
     * resumes a key it used before, and for the RFC's test vectors.
     */
    public void setKey(long kid, byte[] baseKey, long firstCtr) throws SframeException {
        KeyMaterial derived = KeySchedule.derive(suite, kid, baseKey);
        AeadKey imported = aead.importKey(suite, derived.key());
        clearKey();
        material = derived;
        aeadKey = imported;
        kidHigh = (int) (kid >>> 32);
        kidLow = (int) kid;
        nextCtrHigh = (int) (firstCtr >>> 32);
        nextCtrLow = (int) firstCtr;
        exhausted = false;
    }

    /** The KID frames are protected under now, if there is a key. */
    public boolean hasKey() {
        return material != null;
    }

    public long kid() {
        return material == null ? -1 : material.kid();
    }

    /** Destroys the current key; {@code protect} then fails with {@code NO_SENDER_KEY}. */
    public void clearKey() {
        if (aeadKey != null) {
            aeadKey.destroy();
            material.destroy();
        }
        aeadKey = null;
        material = null;
    }

    /**
     * Protects {@code plaintext[offset, offset + length)} with {@code metadata} authenticated
     * alongside (AAD = header || metadata, §4.4.3). The output is {@code header || ciphertext || tag}.
     * The counter is taken before this returns, so overlapping asynchronous calls never share one.
     */
    public void protect(byte[] plaintext, int offset, int length, byte[] metadata, FrameCallback done) {
        protect(plaintext, offset, length, metadata, false, done);
    }

    /**
     * As {@link #protect(byte[], int, int, byte[], FrameCallback)}, with the metadata also sent in
     * clear in front: {@code metadata || header || ciphertext || tag}. For media, where the codec's
     * header bytes are the metadata and must lead the frame; one array, no extra copy of the payload.
     */
    public void protectBehindMetadata(byte[] plaintext, int offset, int length, byte[] metadata,
            FrameCallback done) {
        protect(plaintext, offset, length, metadata, true, done);
    }

    private void protect(byte[] plaintext, int offset, int length, byte[] metadata, boolean metadataFirst,
            FrameCallback done) {
        Frames.checkBounds(plaintext, offset, length);
        if (material == null) {
            done.failed(new SframeException(Reason.NO_SENDER_KEY, "no key to protect with"));
            return;
        }
        if (length > SframeLimits.MAX_FRAME_BYTES || metadata.length > SframeLimits.MAX_METADATA_BYTES) {
            done.failed(new SframeException(Reason.TOO_LARGE,
                    "frame of " + length + " bytes with " + metadata.length + " bytes of metadata"));
            return;
        }
        if (exhausted) {
            done.failed(new SframeException(Reason.COUNTER_EXHAUSTED, "every CTR under this key is used"));
            return;
        }
        int ctrHigh = nextCtrHigh;
        int ctrLow = nextCtrLow;
        if (++nextCtrLow == 0 && ++nextCtrHigh == 0) {
            exhausted = true; // wrapped past 2^64 − 1
        }
        material.nonce(ctrHigh, ctrLow, nonce);
        aad = Frames.aadRoom(aad, metadata.length);
        int headerSize = SframeHeader.encode(kidHigh, kidLow, ctrHigh, ctrLow, aad, 0);
        Frames.copy(metadata, 0, aad, headerSize, metadata.length);
        AeadKey key = aeadKey;
        byte[] aadBytes = aad;
        int aadLength = headerSize + metadata.length;
        int frameKidHigh = kidHigh;
        int frameKidLow = kidLow;
        // The AEAD leaves room in front of ciphertext || tag for what precedes it: one array, no copy.
        // The header is written again from the counter when the output arrives: by then the scratch
        // AAD may hold a later frame's.
        int clear = metadataFirst ? metadata.length : 0;
        Frames.run(callback -> key.seal(nonce, aadBytes, 0, aadLength, plaintext, offset, length, clear + headerSize,
                callback), out -> {
                    Frames.copy(metadata, 0, out, 0, clear);
                    SframeHeader.encode(frameKidHigh, frameKidLow, ctrHigh, ctrLow, out, clear);
                }, done);
    }

    /** {@link #protect(byte[], int, int, byte[], FrameCallback)} on the whole array. */
    public void protect(byte[] plaintext, byte[] metadata, FrameCallback done) {
        protect(plaintext, 0, plaintext.length, metadata, done);
    }
}
