package org.conclave.client.sframe;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.conclave.client.sframe.SframeException.Reason;

/**
 * {@link Aead} on Bouncy Castle's lightweight API: synchronous, the same code on the JVM and under
 * TeaVM. GCM suites run {@link IntGcm} (BC's AES engine, int-only GHASH); CTR+HMAC suites follow
 * RFC 9605 §4.5.1 on BC's AES engine and HMAC-SHA256. A key builds its AES schedule and tables once.
 * Keys are not thread-safe: one per sender or receiver, as in a media pipeline.
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

    private static SframeException mismatch() {
        return new SframeException(Reason.AUTHENTICATION_FAILED, "tag mismatch");
    }

    /** AES-GCM with a 128-bit tag (suites 4 and 5). */
    private static final class GcmKey implements AeadKey {
        private IntGcm gcm;

        GcmKey(byte[] key) {
            this.gcm = new IntGcm(key);
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                int inLength, int headroom, AeadCallback done) {
            if (gcm == null) {
                done.failed(destroyed());
                return;
            }
            byte[] out = new byte[headroom + inLength + IntGcm.TAG_LENGTH];
            gcm.seal(nonce, aad, aadOffset, aadLength, in, inOffset, inLength, out, headroom);
            done.succeeded(out);
        }

        @Override
        public void open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                int inLength, AeadCallback done) {
            if (gcm == null) {
                done.failed(destroyed());
                return;
            }
            int ctLength = inLength - IntGcm.TAG_LENGTH;
            if (ctLength < 0) {
                done.failed(new SframeException(Reason.TRUNCATED, "shorter than a GCM tag"));
                return;
            }
            byte[] out = new byte[ctLength];
            if (gcm.open(nonce, aad, aadOffset, aadLength, in, inOffset, ctLength, out, 0)) {
                done.succeeded(out);
            } else {
                done.failed(mismatch());
            }
        }

        @Override
        public void destroy() {
            if (gcm != null) {
                gcm.wipe();
                gcm = null;
            }
        }
    }

    /** AES-128-CTR + HMAC-SHA256 truncated to Nt bytes (suites 1–3, RFC 9605 §4.5.1). */
    private static final class CtrHmacKey implements AeadKey {
        private final int tagLength;
        private final AesCtr ctr;
        private final HMac hmac = new HMac(new SHA256Digest());
        private final byte[] mac = new byte[32];
        private boolean destroyed;

        CtrHmacKey(CipherSuite suite, byte[] key) {
            this.tagLength = suite.nt();
            this.ctr = new AesCtr(key, 0, suite.nka());
            hmac.init(new KeyParameter(key, suite.nka(), key.length - suite.nka()));
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                int inLength, int headroom, AeadCallback done) {
            if (destroyed) {
                done.failed(destroyed());
                return;
            }
            byte[] out = new byte[headroom + inLength + tagLength];
            ctr.crypt(nonce, 0, in, inOffset, inLength, out, headroom); // counter block nonce || 0^32
            tag(nonce, aad, aadOffset, aadLength, out, headroom, inLength);
            Frames.copy(mac, 0, out, headroom + inLength, tagLength);
            done.succeeded(out);
        }

        @Override
        public void open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                int inLength, AeadCallback done) {
            if (destroyed) {
                done.failed(destroyed());
                return;
            }
            int ctLength = inLength - tagLength;
            if (ctLength < 0) {
                done.failed(new SframeException(Reason.TRUNCATED, "shorter than a tag"));
                return;
            }
            tag(nonce, aad, aadOffset, aadLength, in, inOffset, ctLength);
            int diff = 0;
            for (int i = 0; i < tagLength; i++) { // constant time: no early exit
                diff |= mac[i] ^ in[inOffset + ctLength + i];
            }
            if (diff != 0) {
                done.failed(mismatch());
                return;
            }
            byte[] out = new byte[ctLength];
            ctr.crypt(nonce, 0, in, inOffset, ctLength, out, 0);
            done.succeeded(out);
        }

        /** HMAC over {@code len(aad) || len(ct) || Nt || nonce || aad || ct}, into {@code mac}. */
        private void tag(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] ct, int ctOffset,
                int ctLength) {
            byte[] prefix = CtrHmac.authPrefix(nonce, aad, aadOffset, aadLength, ctLength, tagLength);
            hmac.update(prefix, 0, prefix.length);
            hmac.update(ct, ctOffset, ctLength);
            hmac.doFinal(mac, 0);
        }

        @Override
        public void destroy() {
            destroyed = true;
            // Overwrite BC's key schedule and HMAC pads with those of an all-zero key.
            ctr.wipe();
            hmac.init(new KeyParameter(new byte[32]));
            Arrays.fill(mac, (byte) 0);
        }
    }
}
