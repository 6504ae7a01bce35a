package org.conclave.client.sframe;

/** Completion of one {@link AeadKey} operation: exactly one of the two methods is called, once. */
public interface AeadCallback {
    /** The sealed or opened bytes, laid out as {@link AeadKey} describes. */
    void succeeded(byte[] output);

    void failed(SframeException error);
}
