package org.conclave.client.sframe;

/**
 * One imported AEAD key. Both operations read {@code in[inOffset, inOffset + inLength)} and write
 * into {@code out} at {@code outOffset}, then report to {@code done} exactly once: synchronously for
 * Bouncy Castle, later for WebCrypto. Input and output may not overlap; the caller does not touch
 * either until {@code done} has been called.
 */
public interface AeadKey {
    /** Writes {@code inLength + Nt} bytes: the ciphertext, then the tag. */
    void seal(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
            AeadCallback done);

    /**
     * Checks the tag at the end of the input and, only if it matches, writes {@code inLength − Nt}
     * plaintext bytes. A mismatch reports {@code AUTHENTICATION_FAILED}, having written nothing the
     * caller may use.
     */
    void open(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
            AeadCallback done);

    /** Forgets the key; later calls fail. */
    void destroy();
}
