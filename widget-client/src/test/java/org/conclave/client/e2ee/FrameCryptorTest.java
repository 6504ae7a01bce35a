package org.conclave.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.client.e2ee.FrameTesting.key;
import static org.conclave.client.e2ee.FrameTesting.run;

import java.util.Arrays;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.LiveKitFrames;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Media frames through FrameProtector and FrameUnprotector, as the frame-transform worker runs them. */
class FrameCryptorTest {
    private final BcAead aead = new BcAead();

    private static byte[] frame(int size, int seed) {
        byte[] f = new byte[size];
        for (int i = 0; i < size; i++) {
            f[i] = (byte) (i * 7 + seed);
        }
        return f;
    }

    /** An H.264 access unit: SPS, PPS, then an IDR slice. */
    private static byte[] h264() {
        byte[] f = frame(200, 3);
        byte[][] nals = {{0, 0, 0, 1, 0x67, 0x42}, {0, 0, 0, 1, 0x68, 0x10}, {0, 0, 1, 0x65, (byte) 0x88}};
        int at = 0;
        for (byte[] nal : nals) {
            System.arraycopy(nal, 0, f, at, nal.length);
            at += nal.length + 4;
        }
        for (int i = 0; i < f.length; i++) { // no accidental start codes in the payload
            if (i >= 25 && f[i] == 0) {
                f[i] = 1;
            }
        }
        return f;
    }

    @ParameterizedTest
    @EnumSource(MediaCodec.class)
    void everyCodecRoundTripsWithItsHeaderInTheClear(MediaCodec codec) throws SframeException {
        FrameProtector protector = new FrameProtector(aead);
        protector.setKey(key(3, 1));
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        unprotector.addKey(key(3, 1));
        byte[] original = codec == MediaCodec.H264 ? h264() : frame(500, 9);
        for (boolean keyFrame : new boolean[] {true, false}) {
            byte[] sent = (byte[]) run(cb -> protector.protect(codec, keyFrame, original, cb));
            int clear = codec.clearBytes(original, keyFrame);
            assertThat(Arrays.copyOf(sent, clear)).isEqualTo(Arrays.copyOf(original, clear));
            SframeHeader header = SframeHeader.decode(sent, clear, sent.length - clear);
            assertThat(header.kid()).as("KID = key index").isEqualTo(3);
            assertThat(Arrays.copyOfRange(sent, clear + header.size(), sent.length - 16))
                    .isNotEqualTo(Arrays.copyOfRange(original, clear, original.length));
            assertThat((byte[]) run(cb -> unprotector.unprotect(codec, keyFrame, sent, cb))).isEqualTo(original);
        }
        assertThat(MediaCodec.VP8.clearBytes(original, true)).isEqualTo(10);
        assertThat(MediaCodec.H264.clearBytes(h264(), true)).isEqualTo(25); // through the IDR slice header (byte 23) and one more
    }

    @Test
    void aSenderInLiveKitsFormatIsReadWithTheSameKeysAndSframeStillIs() throws SframeException {
        MediaKey key = key(3, 1);
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        unprotector.addKey(key);
        LiveKitFrames.Sender liveKit = new LiveKitFrames.Sender(aead, () -> 77);
        liveKit.setKey(3, key.bytes());
        FrameProtector sframe = new FrameProtector(aead);
        sframe.setKey(key(3, 1));
        byte[] original = frame(500, 9);
        for (int round = 0; round < 3; round++) { // the format read last goes first: switch both ways
            byte[] lk = (byte[]) run(cb -> liveKit.protect(original, 10, 1234, 90_000, cb));
            assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.VP8, true, lk, cb))).isEqualTo(original);
            byte[] sf = (byte[]) run(cb -> sframe.protect(MediaCodec.VP8, true, original, cb));
            assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.VP8, true, sf, cb))).isEqualTo(original);
        }
        byte[] tampered = (byte[]) run(cb -> liveKit.protect(original, 10, 1234, 93_000, cb));
        tampered[tampered.length - 20] ^= 1;
        assertThat(run(cb -> unprotector.unprotect(MediaCodec.VP8, true, tampered, cb))).isInstanceOf(SframeException.class);
        LiveKitFrames.Sender stranger = new LiveKitFrames.Sender(aead, () -> 0);
        stranger.setKey(9, key.bytes());
        byte[] unknownIndex = (byte[]) run(cb -> stranger.protect(original, 10, 1234, 96_000, cb));
        assertThat(run(cb -> unprotector.unprotect(MediaCodec.VP8, true, unknownIndex, cb))).isInstanceOf(SframeException.class);
    }

    @Test
    void theProtectorSwitchesToLiveKitsFormatAndBackWithTheSameKey() throws SframeException {
        FrameProtector protector = new FrameProtector(aead, () -> 5);
        protector.setKey(key(7, 2));
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        unprotector.addKey(key(7, 2));
        byte[] original = frame(300, 4);
        protector.useLiveKitFormat(true);
        byte[] lk = (byte[]) run(cb -> protector.protect(MediaCodec.OPUS, false, original, 99, 48_000, cb));
        assertThat(LiveKitFrames.keyIndexOf(lk, 1)).isEqualTo(7);
        assertThat(lk).hasSize(original.length + 16 + LiveKitFrames.TRAILER_LENGTH);
        assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.OPUS, false, lk, cb))).isEqualTo(original);
        protector.useLiveKitFormat(false);
        byte[] sf = (byte[]) run(cb -> protector.protect(MediaCodec.OPUS, false, original, 99, 48_960, cb));
        assertThat(SframeHeader.decode(sf, 1, sf.length - 1).kid()).isEqualTo(7);
        assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.OPUS, false, sf, cb))).isEqualTo(original);
    }

    @Test
    void anH264FrameWithoutASliceIsEncryptedWhole() throws SframeException {
        FrameProtector protector = new FrameProtector(aead);
        protector.setKey(key(0, 1));
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        unprotector.addKey(key(0, 1));
        byte[] parameterSets = {0, 0, 0, 1, 0x67, 0x42, 0, 0x1f, 0, 0, 0, 1, 0x68, (byte) 0xce};
        assertThat(MediaCodec.H264.clearBytes(parameterSets, true)).isZero();
        for (int attempt = 0; attempt < 50; attempt++) { // ciphertext may look like a slice start: still read
            byte[] sent = (byte[]) run(cb -> protector.protect(MediaCodec.H264, true, parameterSets, cb));
            assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.H264, true, sent, cb))).isEqualTo(parameterSets);
        }
    }

    @Test
    void withoutAKeyNothingIsSent() {
        FrameProtector protector = new FrameProtector(aead);
        Object result = run(cb -> protector.protect(MediaCodec.VP8, false, frame(100, 1), cb));
        assertThat(result).isInstanceOf(SframeException.class);
        assertThat(protector.refusedFrames()).isEqualTo(1);
    }

    @Test
    void aRatchetedKeyIsDerivedByTheReceiverWithoutBeingSent() throws SframeException {
        FrameProtector protector = new FrameProtector(aead);
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        MediaKey k0 = key(0, 5);
        protector.setKey(k0);
        unprotector.addKey(k0);
        MediaKey k1 = KeyRatchet.next(k0);
        protector.setKey(k1); // a joiner arrived; we never got k1
        byte[] sent = (byte[]) run(cb -> protector.protect(MediaCodec.OPUS, false, frame(80, 2), cb));
        assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.OPUS, false, sent, cb))).isEqualTo(frame(80, 2));
    }

    @Test
    void aRotatedKeyIsUnreadableUntilItArrivesAndFailuresAreCountedByKid() throws SframeException {
        FrameProtector protector = new FrameProtector(aead);
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        protector.setKey(key(0, 5));
        unprotector.addKey(key(0, 5));
        protector.setKey(key(1, 9)); // fresh after a leave: not derivable
        byte[] sent = (byte[]) run(cb -> protector.protect(MediaCodec.VP8, true, frame(300, 4), cb));
        assertThat(run(cb -> unprotector.unprotect(MediaCodec.VP8, true, sent, cb))).isInstanceOf(SframeException.class);
        assertThat(unprotector.failuresByKid()).containsEntry(1L, 1L);
        unprotector.addKey(key(1, 9));
        assertThat((byte[]) run(cb -> unprotector.unprotect(MediaCodec.VP8, true, sent, cb))).isEqualTo(frame(300, 4));
    }

    @Test
    void tamperedAndTruncatedFramesAreDropped() throws SframeException {
        FrameProtector protector = new FrameProtector(aead);
        FrameUnprotector unprotector = new FrameUnprotector(aead);
        protector.setKey(key(2, 3));
        unprotector.addKey(key(2, 3));
        byte[] sent = (byte[]) run(cb -> protector.protect(MediaCodec.VP8, false, frame(120, 6), cb));
        byte[] clearTampered = sent.clone();
        clearTampered[1] ^= 1; // the clear VP8 header is authenticated
        assertThat(run(cb -> unprotector.unprotect(MediaCodec.VP8, false, clearTampered, cb))).isInstanceOf(SframeException.class);
        byte[] cut = Arrays.copyOf(sent, 10);
        assertThat(run(cb -> unprotector.unprotect(MediaCodec.VP8, false, cut, cb))).isInstanceOf(SframeException.class);
        assertThat(run(cb -> unprotector.unprotect(MediaCodec.VP8, false, new byte[0], cb))).isInstanceOf(SframeException.class);
        assertThat(unprotector.unprotectedFrames()).isZero();
    }

    @Test
    void codecsAreReadFromMimeTypes() {
        assertThat(MediaCodec.fromMimeType("video/VP8")).isEqualTo(MediaCodec.VP8);
        assertThat(MediaCodec.fromMimeType("audio/opus")).isEqualTo(MediaCodec.OPUS);
        assertThat(MediaCodec.fromMimeType("video/H264")).isEqualTo(MediaCodec.H264);
        assertThat(MediaCodec.fromMimeType("video/AV1")).isEqualTo(MediaCodec.OTHER);
        assertThat(MediaCodec.fromMimeType(null)).isEqualTo(MediaCodec.OTHER);
    }
}
