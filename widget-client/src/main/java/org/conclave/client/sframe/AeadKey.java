package org.conclave.client.sframe;

/**
 * One imported AEAD key. Each operation reads {@code in[inOffset, inOffset + inLength)} and reports
 * to {@code done} exactly once: synchronously for Bouncy Castle, later for WebCrypto. Results are
 * new arrays, so a backend can hand over its own buffer instead of copying (WebCrypto's plaintext
 * goes back without a copy). The caller does not change {@code in} until {@code done} is called.
 *
 * <p>{@code nonce} (Nn bytes) and {@code aad[aadOffset, aadOffset + aadLength)} are read before
 * the call returns and never kept, so a caller may reuse them for its next frame straight away:
 * SFrame's sender and receiver do, because every fresh array handed to WebCrypto costs an
 * allocation the browser cannot skip.
 */
public interface AeadKey {
    /**
     * Reports a new array of {@code headroom + inLength + Nt} bytes: {@code headroom} zero bytes
     * for the caller (SFrame puts its header there), then the ciphertext, then the tag.
     */
    void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int inLength, int headroom,
            AeadCallback done);

    /**
     * Checks the tag at the end of the input and, only if it matches, reports the plaintext
     * ({@code inLength − Nt} bytes). A mismatch reports {@code AUTHENTICATION_FAILED}.
     */
    void open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int inLength,
            AeadCallback done);

    /** Forgets the key; later calls fail. */
    void destroy();
}
