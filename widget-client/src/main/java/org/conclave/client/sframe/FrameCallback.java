package org.conclave.client.sframe;

/** The result of protecting or unprotecting one frame: exactly one method is called, once. */
public interface FrameCallback {
    /** The protected SFrame ({@code header || ciphertext || tag}) or the recovered plaintext. */
    void done(byte[] output);

    void failed(SframeException error);
}
