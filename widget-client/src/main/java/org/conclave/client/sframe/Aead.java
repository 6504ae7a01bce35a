package org.conclave.client.sframe;

/**
 * The AEAD behind SFrame: an SPI so the same framing runs on Bouncy Castle (synchronous, JVM and
 * TeaVM) or on WebCrypto (asynchronous, browser). Every implementation produces byte-identical
 * output for every {@link CipherSuite}: {@code ciphertext || tag}, the tag Nt bytes.
 */
public interface Aead {
    /**
     * Prepares {@code key} (Nk bytes) for {@code suite}. Returns at once; an implementation whose
     * key import is asynchronous makes the key's first operations wait for it. The caller keeps
     * ownership of {@code key}: an implementation copies what it keeps.
     */
    AeadKey importKey(CipherSuite suite, byte[] key) throws SframeException;

    /** A human-readable name for benchmarks and logs, e.g. "Bouncy Castle". */
    String name();
}
