package org.conclave.client.platform;

import java.util.Arrays;
import org.conclave.client.jso.SubtleCrypto;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.AeadCallback;
import org.conclave.client.sframe.AeadKey;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.CtrHmac;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeException.Reason;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * {@link Aead} on the browser's WebCrypto: asynchronous, keys non-extractable. AES-GCM suites map
 * straight onto {@code AES-GCM}; the CTR+HMAC suites are built from {@code AES-CTR} and
 * {@code HMAC} exactly as RFC 9605 §4.5.1 says, so the output equals {@code BcAead}'s byte for byte.
 */
public final class WebCryptoAead implements Aead {
    @Override
    public AeadKey importKey(CipherSuite suite, byte[] key) throws SframeException {
        if (key == null || key.length != suite.nk()) {
            throw new SframeException(Reason.INVALID_KEY, suite + " needs a " + suite.nk() + "-byte key");
        }
        if (!suite.isCtrHmac()) {
            return new Key(suite, SubtleCrypto.importAesKey("AES-GCM", Int8Array.copyFromJavaArray(key)), null);
        }
        byte[] aes = Arrays.copyOfRange(key, 0, suite.nka());
        byte[] mac = Arrays.copyOfRange(key, suite.nka(), suite.nk());
        return new Key(suite, SubtleCrypto.importAesKey("AES-CTR", Int8Array.copyFromJavaArray(aes)),
                SubtleCrypto.importHmacKey(Int8Array.copyFromJavaArray(mac)));
    }

    @Override
    public String name() {
        return "WebCrypto";
    }

    private static final class Key implements AeadKey {
        private final CipherSuite suite;
        private JSObject aesKey;
        private JSObject macKey;
        // One completion for the key's life, and the callbacks waiting on WebCrypto by ticket: a
        // JS function made per operation costs more than the crypto of an audio frame. A ticket
        // is slot * 2 + (1 when sealing).
        private final SubtleCrypto.Completion completion = this::complete;
        private AeadCallback[] waiting = new AeadCallback[8];
        private int[] free = {7, 6, 5, 4, 3, 2, 1, 0};
        private int freeCount = 8;

        Key(CipherSuite suite, JSObject aesKey, JSObject macKey) {
            this.suite = suite;
            this.aesKey = aesKey;
            this.macKey = macKey;
        }

        private int park(AeadCallback done, boolean seal) {
            if (freeCount == 0) {
                int size = waiting.length;
                waiting = Arrays.copyOf(waiting, 2 * size);
                free = new int[2 * size];
                for (int i = 0; i < size; i++) {
                    free[freeCount++] = 2 * size - 1 - i;
                }
            }
            int slot = free[--freeCount];
            waiting[slot] = done;
            return slot * 2 + (seal ? 1 : 0);
        }

        private void complete(int ticket, String errorName, Int8Array result) {
            int slot = ticket >> 1;
            AeadCallback done = waiting[slot];
            waiting[slot] = null;
            free[freeCount++] = slot;
            if (errorName == null) {
                done.succeeded(result.toJavaArray()); // wraps WebCrypto's buffer, no copy
            } else if ((ticket & 1) == 0 && errorName.equals("OperationError")) {
                done.failed(new SframeException(Reason.AUTHENTICATION_FAILED, "tag mismatch"));
            } else {
                done.failed(new SframeException(Reason.BACKEND_FAILURE, "WebCrypto: " + errorName));
            }
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                int inLength, int headroom, AeadCallback done) {
            if (aesKey == null) {
                done.failed(destroyed());
                return;
            }
            int ticket = park(done, true);
            if (!suite.isCtrHmac()) {
                SubtleCrypto.aesGcm(true, aesKey, Int8Array.fromJavaArray(nonce), Int8Array.fromJavaArray(aad), aadOffset,
                        aadLength, Int8Array.fromJavaArray(in), inOffset, inLength, headroom, ticket, completion);
                return;
            }
            byte[] prefix = CtrHmac.authPrefix(nonce, aad, aadOffset, aadLength, inLength, suite.nt());
            SubtleCrypto.ctrHmacSeal(aesKey, macKey, Int8Array.fromJavaArray(nonce), Int8Array.fromJavaArray(prefix),
                    Int8Array.fromJavaArray(in), inOffset, inLength, suite.nt(), headroom, ticket, completion);
        }

        @Override
        public void open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                int inLength, AeadCallback done) {
            if (aesKey == null) {
                done.failed(destroyed());
                return;
            }
            if (inLength < suite.nt()) {
                done.failed(new SframeException(Reason.TRUNCATED, "shorter than a tag"));
                return;
            }
            int ticket = park(done, false);
            if (!suite.isCtrHmac()) {
                SubtleCrypto.aesGcm(false, aesKey, Int8Array.fromJavaArray(nonce), Int8Array.fromJavaArray(aad), aadOffset,
                        aadLength, Int8Array.fromJavaArray(in), inOffset, inLength, 0, ticket, completion);
                return;
            }
            byte[] prefix = CtrHmac.authPrefix(nonce, aad, aadOffset, aadLength, inLength - suite.nt(), suite.nt());
            SubtleCrypto.ctrHmacOpen(aesKey, macKey, Int8Array.fromJavaArray(nonce), Int8Array.fromJavaArray(prefix),
                    Int8Array.fromJavaArray(in), inOffset, inLength, suite.nt(), ticket, completion);
        }

        private static SframeException destroyed() {
            return new SframeException(Reason.INVALID_KEY, "key was destroyed");
        }

        @Override
        public void destroy() {
            // Non-extractable CryptoKeys: dropping the last reference is all WebCrypto offers.
            aesKey = null;
            macKey = null;
        }
    }
}
