package org.conclave.client.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.conclave.client.sframe.SframeException.Reason;
import org.conclave.client.testing.DeferredAead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Protect and unprotect together: round trips, counters, keys, and every refusal. */
class SframeContextTest {
    private static final byte[] BASE_KEY = "conclave base key 0123456789abcd".getBytes();
    private static final byte[] METADATA = {(byte) 0x9d, 0x01, 0x2a};
    private final BcAead aead = new BcAead();

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void framesRoundTripInEverySuite(CipherSuite suite) throws SframeException {
        SframeSender sender = sender(suite, 0x1234);
        SframeReceiver receiver = receiver(suite, 0x1234);
        for (int size : new int[] {0, 1, 15, 16, 17, 100, 5000, 30_000}) {
            byte[] plaintext = pattern(size);
            byte[] frame = Sync.protect(sender, plaintext, METADATA);
            assertThat(frame).hasSize(SframeHeader.of(0x1234, 0).size() + size + suite.nt());
            assertThat(Sync.unprotect(receiver, frame, METADATA)).isEqualTo(plaintext);
        }
    }

    @Test
    void metadataCanLeadTheFrameInClear() throws SframeException {
        SframeSender sender = sender(CipherSuite.AES_128_GCM_SHA256_128, 0x1234);
        byte[] plaintext = pattern(300);
        byte[] frame = Sync.call(cb -> sender.protectBehindMetadata(plaintext, 0, plaintext.length, METADATA, cb));
        assertThat(Arrays.copyOf(frame, METADATA.length)).isEqualTo(METADATA);
        byte[] sframe = Arrays.copyOfRange(frame, METADATA.length, frame.length);
        assertThat(Sync.unprotect(receiver(CipherSuite.AES_128_GCM_SHA256_128, 0x1234), sframe, METADATA))
                .isEqualTo(plaintext);
    }

    @Test
    void theCounterRisesByOneAndEachFrameHasItsOwnCiphertext() throws SframeException {
        SframeSender sender = sender(CipherSuite.AES_128_GCM_SHA256_128, 7);
        byte[] plaintext = pattern(64);
        byte[] first = Sync.protect(sender, plaintext, METADATA);
        byte[] second = Sync.protect(sender, plaintext, METADATA);
        assertThat(SframeHeader.decode(first, 0, first.length).ctr()).isEqualTo(0);
        assertThat(SframeHeader.decode(second, 0, second.length).ctr()).isEqualTo(1);
        assertThat(Arrays.copyOfRange(first, 1, first.length)).isNotEqualTo(Arrays.copyOfRange(second, 1, second.length));
    }

    @Test
    void theCounterIsExhaustedNotWrapped() throws SframeException {
        SframeSender sender = new SframeSender(CipherSuite.AES_128_GCM_SHA256_128, aead);
        sender.setKey(1, BASE_KEY, -2); // 2^64 − 2
        byte[] last = Sync.protect(sender, pattern(10), METADATA);
        assertThat(SframeHeader.decode(last, 0, last.length).ctr()).isEqualTo(-2);
        last = Sync.protect(sender, pattern(10), METADATA);
        assertThat(SframeHeader.decode(last, 0, last.length).ctr()).isEqualTo(-1);
        assertReason(() -> Sync.protect(sender, pattern(10), METADATA), Reason.COUNTER_EXHAUSTED);
        sender.setKey(2, BASE_KEY);
        assertThat(Sync.protect(sender, pattern(10), METADATA)).isNotEmpty();
    }

    @Test
    void aSenderWithoutAKeyRefuses() {
        SframeSender sender = new SframeSender(CipherSuite.AES_128_GCM_SHA256_128, aead);
        assertReason(() -> Sync.protect(sender, pattern(10), METADATA), Reason.NO_SENDER_KEY);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aFrameUnderAnUnknownKidIsRefused(CipherSuite suite) throws SframeException {
        byte[] frame = Sync.protect(sender(suite, 1), pattern(100), METADATA);
        assertReason(() -> Sync.unprotect(receiver(suite, 2), frame, METADATA), Reason.UNKNOWN_KEY);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aFrameUnderTheRightKidButAnotherKeyFailsAuthentication(CipherSuite suite) throws SframeException {
        byte[] frame = Sync.protect(sender(suite, 1), pattern(100), METADATA);
        SframeReceiver receiver = new SframeReceiver(suite, aead);
        receiver.addKey(1, "another base key".getBytes());
        assertReason(() -> Sync.unprotect(receiver, frame, METADATA), Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everyFlippedBitIsCaught(CipherSuite suite) throws SframeException {
        byte[] frame = Sync.protect(sender(suite, 0x42), pattern(40), METADATA);
        SframeReceiver receiver = receiver(suite, 0x42);
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] tampered = frame.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> Sync.unprotect(receiver, tampered, METADATA)).isInstanceOf(SframeException.class);
        }
        assertThat(Sync.unprotect(receiver, frame, METADATA)).isEqualTo(pattern(40));
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void metadataIsAuthenticated(CipherSuite suite) throws SframeException {
        byte[] frame = Sync.protect(sender(suite, 3), pattern(40), METADATA);
        byte[] otherMetadata = METADATA.clone();
        otherMetadata[0] ^= 1;
        assertReason(() -> Sync.unprotect(receiver(suite, 3), frame, otherMetadata), Reason.AUTHENTICATION_FAILED);
        assertReason(() -> Sync.unprotect(receiver(suite, 3), frame, new byte[0]), Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everyTruncationIsRefused(CipherSuite suite) throws SframeException {
        byte[] frame = Sync.protect(sender(suite, 0x1234), pattern(20), METADATA);
        SframeReceiver receiver = receiver(suite, 0x1234);
        for (int length = 0; length < frame.length; length++) {
            byte[] cut = Arrays.copyOf(frame, length);
            Reason reason = catchReason(() -> Sync.unprotect(receiver, cut, METADATA));
            Reason expected = length < 3 ? Reason.MALFORMED_HEADER
                    : length < 3 + suite.nt() ? Reason.TRUNCATED : Reason.AUTHENTICATION_FAILED;
            assertThat(reason).as("length %d", length).isEqualTo(expected);
        }
    }

    @Test
    void oversizedInputsAreRefusedBeforeAnyWork() throws SframeException {
        SframeSender sender = sender(CipherSuite.AES_128_GCM_SHA256_128, 1);
        SframeReceiver receiver = receiver(CipherSuite.AES_128_GCM_SHA256_128, 1);
        byte[] huge = new byte[SframeLimits.MAX_FRAME_BYTES + 1];
        assertReason(() -> Sync.protect(sender, huge, METADATA), Reason.TOO_LARGE);
        assertReason(() -> Sync.protect(sender, pattern(10), new byte[SframeLimits.MAX_METADATA_BYTES + 1]),
                Reason.TOO_LARGE);
        byte[] hugeFrame = new byte[SframeLimits.MAX_FRAME_BYTES + SframeHeader.MAX_SIZE + 17];
        assertReason(() -> Sync.unprotect(receiver, hugeFrame, METADATA), Reason.TOO_LARGE);
        assertReason(() -> Sync.unprotect(receiver, pattern(40), new byte[SframeLimits.MAX_METADATA_BYTES + 1]),
                Reason.TOO_LARGE);
    }

    @Test
    void removedAndReplacedKeysStopWorking() throws SframeException {
        CipherSuite suite = CipherSuite.AES_128_CTR_HMAC_SHA256_80;
        byte[] frame = Sync.protect(sender(suite, 9), pattern(10), METADATA);
        SframeReceiver receiver = receiver(suite, 9);
        assertThat(receiver.removeKey(9)).isTrue();
        assertThat(receiver.removeKey(9)).isFalse();
        assertReason(() -> Sync.unprotect(receiver, frame, METADATA), Reason.UNKNOWN_KEY);
        receiver.addKey(9, BASE_KEY);
        receiver.addKey(9, "a newer key".getBytes());
        assertThat(receiver.keyCount()).isEqualTo(1);
        assertReason(() -> Sync.unprotect(receiver, frame, METADATA), Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void aReceiverHoldsManyKeysAndFindsEachByKid() throws SframeException {
        CipherSuite suite = CipherSuite.AES_128_GCM_SHA256_128;
        SframeReceiver receiver = new SframeReceiver(suite, aead);
        for (long kid = 0; kid < SframeLimits.MAX_KEYS; kid++) {
            receiver.addKey(kid * 1000, key(kid));
        }
        assertReason(() -> receiver.addKey(-1, BASE_KEY), Reason.INVALID_KEY);
        for (long kid : new long[] {0, 7000, 255_000}) {
            SframeSender sender = new SframeSender(suite, aead);
            sender.setKey(kid, key(kid / 1000));
            assertThat(Sync.unprotect(receiver, Sync.protect(sender, pattern(5), METADATA), METADATA)).isEqualTo(pattern(5));
        }
        receiver.removeKey(7000);
        assertThat(receiver.hasKey(255_000)).isTrue();
        assertThat(receiver.hasKey(7000)).isFalse();
    }

    @Test
    void baseKeysMustHaveBytes() {
        SframeSender sender = new SframeSender(CipherSuite.AES_128_GCM_SHA256_128, aead);
        assertReason(() -> sender.setKey(1, new byte[0]), Reason.INVALID_KEY);
        assertReason(() -> sender.setKey(1, new byte[SframeLimits.MAX_BASE_KEY_BYTES + 1]), Reason.INVALID_KEY);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void overlappingFramesOnADeferringBackendAllOpen(CipherSuite suite) throws SframeException {
        // Sender and receiver reuse one nonce and one AAD array for every frame; a backend that
        // answers later (as WebCrypto does) copies them during the call, as AeadKey requires.
        DeferredAead deferred = new DeferredAead(true);
        SframeSender sender = new SframeSender(suite, deferred);
        sender.setKey(0x1234, BASE_KEY);
        SframeReceiver receiver = new SframeReceiver(suite, deferred);
        receiver.addKey(0x1234, BASE_KEY);
        int[] sizes = {100, 5000, 7, 30_000};
        byte[][] metadata = {METADATA, new byte[0], {1}, METADATA};
        byte[][] frames = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            int at = i;
            sender.protect(pattern(sizes[i]), metadata[i], Sync.into(frame -> frames[at] = frame));
        }
        deferred.runAll();
        byte[][] opened = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            int at = i;
            receiver.unprotect(frames[i], metadata[i], Sync.into(plaintext -> opened[at] = plaintext));
        }
        deferred.runAll();
        for (int i = 0; i < sizes.length; i++) {
            assertThat(opened[i]).as("frame %d", i).isEqualTo(pattern(sizes[i]));
        }
    }

    @Test
    void aBackendThatKeepsTheNonceAfterTheCallBreaksOverlappingFrames() throws SframeException {
        // Why the AeadKey contract matters: kept past the call, the shared nonce is the last frame's.
        DeferredAead careless = new DeferredAead(false);
        SframeSender sender = new SframeSender(CipherSuite.AES_128_GCM_SHA256_128, careless);
        sender.setKey(0x1234, BASE_KEY);
        byte[][] frames = new byte[2][];
        sender.protect(pattern(100), METADATA, Sync.into(frame -> frames[0] = frame));
        sender.protect(pattern(100), METADATA, Sync.into(frame -> frames[1] = frame));
        careless.runAll();
        SframeReceiver receiver = receiver(CipherSuite.AES_128_GCM_SHA256_128, 0x1234);
        assertReason(() -> Sync.unprotect(receiver, frames[0], METADATA), Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void aDestroyedAeadKeyRefusesWork() throws SframeException {
        AeadKey key = aead.importKey(CipherSuite.AES_128_GCM_SHA256_128, new byte[16]);
        key.destroy();
        assertReason(() -> Sync.call(cb -> key.seal(new byte[12], new byte[0], 0, 0, new byte[4], 0, 4, 0,
                new AeadCallback() {
                    @Override
                    public void succeeded(byte[] output) {
                        cb.done(output);
                    }

                    @Override
                    public void failed(SframeException error) {
                        cb.failed(error);
                    }
                })), Reason.INVALID_KEY);
    }

    @Test
    void keyMaterialDoesNotPrintItsBytes() throws SframeException {
        KeyMaterial material = KeySchedule.derive(CipherSuite.AES_128_GCM_SHA256_128, 0x123, BASE_KEY);
        assertThat(material.toString()).contains("291").contains("REDACTED")
                .doesNotContain(org.conclave.client.util.Hex.encode(material.key()));
        material.destroy();
        assertThat(material.key()).containsOnly(0);
    }

    @Test
    void theRatchetFollowsRfc9605Section5() throws SframeException {
        byte[] next = KeySchedule.ratchet(CipherSuite.AES_128_GCM_SHA256_128, BASE_KEY);
        assertThat(next).hasSize(32).isNotEqualTo(BASE_KEY);
        assertThat(KeySchedule.ratchet(CipherSuite.AES_128_GCM_SHA256_128, BASE_KEY)).isEqualTo(next);
        assertThat(KeySchedule.ratchet(CipherSuite.AES_256_GCM_SHA512_128, BASE_KEY)).hasSize(64);
    }

    private SframeSender sender(CipherSuite suite, long kid) throws SframeException {
        SframeSender sender = new SframeSender(suite, aead);
        sender.setKey(kid, BASE_KEY);
        return sender;
    }

    private SframeReceiver receiver(CipherSuite suite, long kid) throws SframeException {
        SframeReceiver receiver = new SframeReceiver(suite, aead);
        receiver.addKey(kid, BASE_KEY);
        return receiver;
    }

    private static byte[] key(long seed) {
        return ("key " + seed).getBytes();
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    interface Action {
        void run() throws SframeException;
    }

    private static Reason catchReason(Action action) {
        try {
            action.run();
            return null;
        } catch (SframeException e) {
            return e.reason();
        }
    }

    private static void assertReason(Action action, Reason expected) {
        assertThat(catchReason(action)).isEqualTo(expected);
    }
}
