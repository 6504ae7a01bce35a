package org.conclave.client.testing;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.AeadCallback;
import org.conclave.client.sframe.AeadKey;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.SframeException;

/**
 * Bouncy Castle behind a queue, for tests of asynchronous backends: every operation waits until
 * {@link #runAll} gets to it, as WebCrypto's wait for their promises.
 */
public final class DeferredAead implements Aead {
    private final BcAead inner = new BcAead();
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final boolean copies;
    public int maxInFlight;

    /** {@code copies}: copy nonce and AAD at the call, as the contract requires of a deferring backend. */
    public DeferredAead(boolean copies) {
        this.copies = copies;
    }

    public void runAll() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    private byte[] kept(byte[] array, int offset, int length) {
        return copies ? Arrays.copyOfRange(array, offset, offset + length) : array;
    }

    @Override
    public AeadKey importKey(CipherSuite suite, byte[] key) throws SframeException {
        AeadKey real = inner.importKey(suite, key);
        return new AeadKey() {
            @Override
            public void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off, int len,
                    int headroom, AeadCallback done) {
                byte[] n = kept(nonce, 0, nonce.length);
                byte[] a = kept(aad, aadOff, aadLen);
                int aOff = copies ? 0 : aadOff;
                pending.add(() -> real.seal(n, a, aOff, aadLen, in, off, len, headroom, done));
                maxInFlight = Math.max(maxInFlight, pending.size());
            }

            @Override
            public void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off, int len,
                    AeadCallback done) {
                byte[] n = kept(nonce, 0, nonce.length);
                byte[] a = kept(aad, aadOff, aadLen);
                int aOff = copies ? 0 : aadOff;
                pending.add(() -> real.open(n, a, aOff, aadLen, in, off, len, done));
            }

            @Override
            public void destroy() {
                real.destroy();
            }
        };
    }

    @Override
    public String name() {
        return "deferred";
    }
}
