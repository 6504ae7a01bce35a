package org.conclave.client.sframe;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.conclave.client.sframe.SframeException.Reason;

/**
 * {@link Aead} on Bouncy Castle's lightweight API: synchronous, the same code on the JVM and under
 * TeaVM. GCM suites use {@link IntGhashMultiplier}; CTR+HMAC suites follow RFC 9605 §4.5.1. Each
 * key keeps its initialised ciphers, so per frame only the nonce changes. A key is not thread-safe
 * (one per sender or receiver, as in a media pipeline).
 */
public final class BcAead implements Aead {
    @Override
    public AeadKey importKey(CipherSuite suite, byte[] key) throws SframeException {
        if (key == null || key.length != suite.nk()) {
            throw new SframeException(Reason.INVALID_KEY, suite + " needs a " + suite.nk() + "-byte key");
        }
        return suite.isCtrHmac() ? new CtrHmacKey(suite, key) : new GcmKey(key);
    }

    @Override
    public String name() {
        return "Bouncy Castle";
    }

    private static SframeException destroyed() {
        return new SframeException(Reason.INVALID_KEY, "key was destroyed");
    }

    /** AES-GCM with a 128-bit tag (suites 4 and 5). */
    private static final class GcmKey implements AeadKey {
        private final GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance(), new IntGhashMultiplier());
        private KeyParameter pendingKey;
        private boolean destroyed;

        GcmKey(byte[] key) {
            this.pendingKey = new KeyParameter(key); // copies
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
                AeadCallback done) {
            if (destroyed) {
                done.failed(destroyed());
                return;
            }
            init(true, nonce, aad);
            int written = gcm.processBytes(in, inOffset, inLength, out, outOffset);
            try {
                gcm.doFinal(out, outOffset + written);
            } catch (InvalidCipherTextException e) {
                done.failed(new SframeException(Reason.BACKEND_FAILURE, "GCM encryption failed"));
                return;
            }
            done.succeeded();
        }

        @Override
        public void open(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
                AeadCallback done) {
            if (destroyed) {
                done.failed(destroyed());
                return;
            }
            if (inLength < 16) {
                done.failed(new SframeException(Reason.TRUNCATED, "shorter than a GCM tag"));
                return;
            }
            init(false, nonce, aad);
            int written = gcm.processBytes(in, inOffset, inLength, out, outOffset);
            try {
                gcm.doFinal(out, outOffset + written);
            } catch (InvalidCipherTextException e) {
                // BC streams plaintext out before the tag check: wipe it.
                Arrays.fill(out, outOffset, outOffset + inLength - 16, (byte) 0);
                gcm.reset();
                done.failed(new SframeException(Reason.AUTHENTICATION_FAILED, "GCM tag mismatch"));
                return;
            }
            done.succeeded();
        }

        private void init(boolean encrypt, byte[] nonce, byte[] aad) {
            // The key goes in once; after that BC keeps its schedule and H table.
            gcm.init(encrypt, new AEADParameters(pendingKey, 128, nonce, aad));
            pendingKey = null;
        }

        @Override
        public void destroy() {
            destroyed = true;
            pendingKey = null;
            // Overwrite BC's key schedule and H table with those of an all-zero key.
            gcm.init(true, new AEADParameters(new KeyParameter(new byte[16]), 128, new byte[12]));
        }
    }

    /** AES-128-CTR + HMAC-SHA256 truncated to Nt bytes (suites 1–3, RFC 9605 §4.5.1). */
    private static final class CtrHmacKey implements AeadKey {
        private final int tagLength;
        private final SICBlockCipher ctr = new SICBlockCipher(AESEngine.newInstance());
        private final HMac hmac = new HMac(new SHA256Digest());
        private final byte[] mac = new byte[32];
        private final byte[] counterBlock = new byte[16];
        private final byte[] lengths = new byte[24];
        private KeyParameter pendingKey;
        private boolean destroyed;

        CtrHmacKey(CipherSuite suite, byte[] key) {
            this.tagLength = suite.nt();
            this.pendingKey = new KeyParameter(key, 0, suite.nka());
            hmac.init(new KeyParameter(key, suite.nka(), key.length - suite.nka()));
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
                AeadCallback done) {
            if (destroyed) {
                done.failed(destroyed());
                return;
            }
            crypt(nonce, in, inOffset, inLength, out, outOffset);
            tag(nonce, aad, out, outOffset, inLength);
            System.arraycopy(mac, 0, out, outOffset + inLength, tagLength);
            done.succeeded();
        }

        @Override
        public void open(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
                AeadCallback done) {
            if (destroyed) {
                done.failed(destroyed());
                return;
            }
            int ctLength = inLength - tagLength;
            if (ctLength < 0) {
                done.failed(new SframeException(Reason.TRUNCATED, "shorter than a tag"));
                return;
            }
            tag(nonce, aad, in, inOffset, ctLength);
            int diff = 0;
            for (int i = 0; i < tagLength; i++) { // constant time: no early exit
                diff |= mac[i] ^ in[inOffset + ctLength + i];
            }
            if (diff != 0) {
                done.failed(new SframeException(Reason.AUTHENTICATION_FAILED, "HMAC tag mismatch"));
                return;
            }
            crypt(nonce, in, inOffset, ctLength, out, outOffset);
            done.succeeded();
        }

        /** AES-CTR from the counter block {@code nonce || 0x00000000}. */
        private void crypt(byte[] nonce, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
            System.arraycopy(nonce, 0, counterBlock, 0, 12);
            counterBlock[12] = 0;
            counterBlock[13] = 0;
            counterBlock[14] = 0;
            counterBlock[15] = 0;
            ctr.init(true, new ParametersWithIV(pendingKey, counterBlock));
            pendingKey = null;
            ctr.processBytes(in, inOffset, length, out, outOffset);
        }

        /** HMAC over {@code len(aad) || len(ct) || Nt || nonce || aad || ct}, 8-byte big-endian lengths. */
        private void tag(byte[] nonce, byte[] aad, byte[] ct, int ctOffset, int ctLength) {
            putLength(aad.length, 0);
            putLength(ctLength, 8);
            putLength(tagLength, 16);
            hmac.update(lengths, 0, 24);
            hmac.update(nonce, 0, nonce.length);
            hmac.update(aad, 0, aad.length);
            hmac.update(ct, ctOffset, ctLength);
            hmac.doFinal(mac, 0);
        }

        private void putLength(int value, int offset) {
            // lengths[offset..offset+4) stay zero: our inputs are far below 2^32 bytes.
            lengths[offset + 4] = (byte) (value >>> 24);
            lengths[offset + 5] = (byte) (value >>> 16);
            lengths[offset + 6] = (byte) (value >>> 8);
            lengths[offset + 7] = (byte) value;
        }

        @Override
        public void destroy() {
            destroyed = true;
            pendingKey = null;
            // Overwrite BC's key schedule and HMAC pads with those of an all-zero key.
            ctr.init(true, new ParametersWithIV(new KeyParameter(new byte[16]), new byte[16]));
            hmac.init(new KeyParameter(new byte[32]));
            Arrays.fill(mac, (byte) 0);
        }
    }
}
