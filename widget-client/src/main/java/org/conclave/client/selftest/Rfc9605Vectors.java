package org.conclave.client.selftest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.AeadCallback;
import org.conclave.client.sframe.AeadKey;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.KeyMaterial;
import org.conclave.client.sframe.KeySchedule;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeHeader;
import org.conclave.client.sframe.SframeReceiver;
import org.conclave.client.sframe.SframeSender;
import org.conclave.client.util.Hex;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;

/**
 * The RFC 9605 Appendix C vectors as checks that run anywhere: JUnit on the JVM, and the
 * TeaVM-compiled page in Chromium with either AEAD backend. Each check reports through
 * {@link Outcome}, synchronously or later, so asynchronous backends run the same checks.
 */
public final class Rfc9605Vectors {
    private Rfc9605Vectors() {}

    /** One named vector. */
    public interface Vector {
        /** e.g. {@code sframe suite=4 kid=0x123 ctr=0x4567}. */
        String name();

        void check(Aead aead, Outcome outcome);
    }

    /** The verdict on one vector: exactly one call. */
    public interface Outcome {
        void passed();

        void failed(String why);
    }

    /** Every vector of the file's {@code header}, {@code aes_ctr_hmac} and {@code sframe} arrays, in order. */
    public static List<Vector> parse(String json) {
        JsonObject root = Json.parseObject(json);
        List<Vector> vectors = new ArrayList<>();
        for (JsonValue v : root.getArray("header").items()) {
            vectors.add(new HeaderVector(v.asObject()));
        }
        for (JsonValue v : root.getArray("aes_ctr_hmac").items()) {
            vectors.add(new CtrHmacVector(v.asObject()));
        }
        for (JsonValue v : root.getArray("sframe").items()) {
            vectors.add(new SframeVector(v.asObject()));
        }
        return vectors;
    }

    private static String hexName(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static byte[] bytes(JsonObject o, String field) {
        return Hex.decode(o.getString(field));
    }

    private static long u64(JsonObject o, String field) {
        return Hex.decodeUnsignedLong(o.getString(field));
    }

    /** C.1: encode(kid, ctr) == header, and decode(header) gives (kid, ctr) using every byte. */
    private static final class HeaderVector implements Vector {
        private final long kid;
        private final long ctr;
        private final byte[] header;

        HeaderVector(JsonObject o) {
            kid = u64(o, "kid");
            ctr = u64(o, "ctr");
            header = bytes(o, "header");
        }

        @Override
        public String name() {
            return "header kid=" + hexName(kid) + " ctr=" + hexName(ctr);
        }

        @Override
        public void check(Aead aead, Outcome outcome) {
            byte[] encoded = SframeHeader.of(kid, ctr).encode();
            if (!Arrays.equals(encoded, header)) {
                outcome.failed("encoded " + Hex.encode(encoded) + ", expected " + Hex.encode(header));
                return;
            }
            try {
                SframeHeader decoded = SframeHeader.decode(header, 0, header.length);
                if (decoded.kid() != kid || decoded.ctr() != ctr || decoded.size() != header.length) {
                    outcome.failed("decoded " + decoded + " of " + decoded.size() + " bytes");
                    return;
                }
            } catch (SframeException e) {
                outcome.failed("decode refused: " + e.getMessage());
                return;
            }
            outcome.passed();
        }
    }

    /** C.2: the AES-CTR + HMAC AEAD alone: Encrypt == ct, Decrypt(ct) == pt, a flipped tag bit refused. */
    private static final class CtrHmacVector implements Vector {
        private final CipherSuite suite;
        private final byte[] key;
        private final byte[] nonce;
        private final byte[] aad;
        private final byte[] pt;
        private final byte[] ct;

        CtrHmacVector(JsonObject o) {
            suite = CipherSuite.byId((int) o.getNumber("cipher_suite", 0));
            key = bytes(o, "key");
            nonce = bytes(o, "nonce");
            aad = bytes(o, "aad");
            pt = bytes(o, "pt");
            ct = bytes(o, "ct");
        }

        @Override
        public String name() {
            return "aes_ctr_hmac suite=" + suite.id();
        }

        @Override
        public void check(Aead aead, Outcome outcome) {
            AeadKey k;
            try {
                k = aead.importKey(suite, key);
            } catch (SframeException e) {
                outcome.failed("import refused: " + e.getMessage());
                return;
            }
            k.seal(nonce, aad, 0, aad.length, pt, 0, pt.length, 0, output(outcome, sealed -> {
                if (!Arrays.equals(sealed, ct)) {
                    outcome.failed("sealed " + Hex.encode(sealed) + ", expected " + Hex.encode(ct));
                    return;
                }
                k.open(nonce, aad, 0, aad.length, ct, 0, ct.length, output(outcome, opened -> {
                    if (!Arrays.equals(opened, pt)) {
                        outcome.failed("opened " + Hex.encode(opened));
                        return;
                    }
                    byte[] tampered = ct.clone();
                    tampered[tampered.length - 1] ^= 1;
                    k.open(nonce, aad, 0, aad.length, tampered, 0, tampered.length,
                            refusal(outcome, SframeException.Reason.AUTHENTICATION_FAILED, outcome::passed));
                }));
            }));
        }
    }

    /** C.3: the whole pipeline, protect at the vector's CTR and unprotect with the base key under its KID. */
    private static final class SframeVector implements Vector {
        private final CipherSuite suite;
        private final long kid;
        private final long ctr;
        private final byte[] baseKey;
        private final byte[] sframeKey;
        private final byte[] sframeSalt;
        private final byte[] metadata;
        private final byte[] pt;
        private final byte[] ct;

        SframeVector(JsonObject o) {
            suite = CipherSuite.byId((int) o.getNumber("cipher_suite", 0));
            kid = u64(o, "kid");
            ctr = u64(o, "ctr");
            baseKey = bytes(o, "base_key");
            sframeKey = bytes(o, "sframe_key");
            sframeSalt = bytes(o, "sframe_salt");
            metadata = bytes(o, "metadata");
            pt = bytes(o, "pt");
            ct = bytes(o, "ct");
        }

        @Override
        public String name() {
            return "sframe suite=" + suite.id() + " kid=" + hexName(kid) + " ctr=" + hexName(ctr);
        }

        @Override
        public void check(Aead aead, Outcome outcome) {
            SframeSender sender = new SframeSender(suite, aead);
            SframeReceiver receiver = new SframeReceiver(suite, aead);
            try {
                KeyMaterial derived = KeySchedule.derive(suite, kid, baseKey);
                if (!Arrays.equals(derived.key(), sframeKey) || !Arrays.equals(derived.salt(), sframeSalt)) {
                    outcome.failed("key schedule derived another sframe_key or sframe_salt");
                    return;
                }
                sender.setKey(kid, baseKey, ctr);
                receiver.addKey(kid, baseKey);
            } catch (SframeException e) {
                outcome.failed("key refused: " + e.getMessage());
                return;
            }
            sender.protect(pt, metadata, frame(outcome, protectedFrame -> {
                if (!Arrays.equals(protectedFrame, ct)) {
                    outcome.failed("protected " + Hex.encode(protectedFrame) + ", expected " + Hex.encode(ct));
                    return;
                }
                receiver.unprotect(ct, metadata, frame(outcome, plaintext -> {
                    if (!Arrays.equals(plaintext, pt)) {
                        outcome.failed("unprotected " + Hex.encode(plaintext));
                        return;
                    }
                    byte[] otherMetadata = Arrays.copyOf(metadata, metadata.length + 1);
                    receiver.unprotect(ct, otherMetadata, new FrameCallback() {
                        @Override
                        public void done(byte[] output) {
                            outcome.failed("accepted the frame with other metadata");
                        }

                        @Override
                        public void failed(SframeException error) {
                            outcome.passed();
                        }
                    });
                }));
            }));
        }
    }

    private static AeadCallback output(Outcome outcome, Bytes next) {
        return new AeadCallback() {
            @Override
            public void succeeded(byte[] output) {
                next.accept(output);
            }

            @Override
            public void failed(SframeException error) {
                outcome.failed(error.getMessage());
            }
        };
    }

    private static AeadCallback refusal(Outcome outcome, SframeException.Reason expected, Runnable next) {
        return new AeadCallback() {
            @Override
            public void succeeded(byte[] output) {
                outcome.failed("accepted a tampered tag");
            }

            @Override
            public void failed(SframeException error) {
                if (error.reason() == expected) {
                    next.run();
                } else {
                    outcome.failed("refused for " + error.reason() + ", expected " + expected);
                }
            }
        };
    }

    private interface Bytes {
        void accept(byte[] value);
    }

    private static FrameCallback frame(Outcome outcome, Bytes next) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                next.accept(output);
            }

            @Override
            public void failed(SframeException error) {
                outcome.failed(error.getMessage());
            }
        };
    }
}
