package org.conclave.client.sframe;

/** Completion of one {@link AeadKey} operation: exactly one of the two methods is called, once. */
public interface AeadCallback {
    void succeeded();

    void failed(SframeException error);
}
