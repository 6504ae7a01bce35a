package org.conclave.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.client.e2ee.FrameTesting.key;
import static org.conclave.client.e2ee.FrameTesting.run;

import java.util.Arrays;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeHeader;
import org.conclave.client.testing.ListLog;
import org.conclave.client.util.Hex;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

/** The frame worker's core: every frame of a call both ways, with the counts the tiles show. */
class MediaEncryptionTest {
    private static final String ALICE = "@alice:ex.org|A";
    private final ListLog log = new ListLog();
    private final MediaEncryption alice = new MediaEncryption(new BcAead(), log);
    private final MediaEncryption bob = new MediaEncryption(new BcAead(), new ListLog());

    private static byte[] vp8Delta(int size) {
        byte[] frame = new byte[size];
        for (int i = 0; i < size; i++) {
            frame[i] = (byte) (i * 31 + 7);
        }
        frame[0] = (byte) 0x31; // P bit set: a delta frame
        return frame;
    }

    @Test
    void withoutASendKeyEveryFrameIsDropped() {
        Object out = run(done -> alice.encrypt("video/VP8", false, vp8Delta(500), done));
        assertThat(out).isInstanceOf(SframeException.class);
        assertThat(alice.stats().getObject("sending").getNumber("dropped", 0)).isEqualTo(1);
        assertThat(alice.stats().getObject("sending").getNumber("frames", -1)).isZero();
    }

    @Test
    void framesRoundTripUnderTheSendersKeyWithTheKeyIndexAsKid() {
        alice.setSendKey(key(5, 1));
        bob.addReceiveKey(ALICE, key(5, 1));
        byte[] frame = vp8Delta(800);
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, frame.clone(), done));

        assertThat(Arrays.copyOf(sent, 3)).as("VP8 delta header stays clear").isEqualTo(Arrays.copyOf(frame, 3));
        assertThat(sent).hasSizeGreaterThan(frame.length);
        JsonObject sample = (JsonObject) alice.stats().getObject("sending").getArray("samples").get(0);
        assertThat(sample.getNumber("clear", -1)).isEqualTo(3);
        byte[] head = Hex.decode(sample.getString("head"));
        assertThat(head).startsWith(Arrays.copyOf(sent, 3));

        Object received = run(done -> bob.decrypt(ALICE, "video/VP8", false, sent, done));
        assertThat(received).isEqualTo(frame);
        JsonObject fromAlice = bob.stats().getObject("receiving").getObject(ALICE);
        assertThat(fromAlice.getNumber("frames", 0)).isEqualTo(1);
        assertThat(fromAlice.getNumber("kid", -1)).isEqualTo(5);
    }

    @Test
    void theHeaderOnTheWireNamesTheKeyIndex() throws SframeException {
        alice.setSendKey(key(200, 1));
        byte[] sent = (byte[]) run(done -> alice.encrypt("audio/opus", false, new byte[] {(byte) 0xf8, 1, 2, 3, 4}, done));
        assertThat(SframeHeader.decode(sent, 1, sent.length - 1).kid()).isEqualTo(200);
    }

    @Test
    void aFrameUnderAnUnknownKeyIsDroppedAndCountedPerKid() {
        alice.setSendKey(key(3, 1));
        bob.addReceiveKey(ALICE, key(2, 9));
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), done));
        Object received = run(done -> bob.decrypt(ALICE, "video/VP8", false, sent, done));
        assertThat(received).isInstanceOf(SframeException.class);
        JsonObject fromAlice = bob.stats().getObject("receiving").getObject(ALICE);
        assertThat(fromAlice.getNumber("failures", 0)).isEqualTo(1);
        assertThat(fromAlice.getObject("failuresByKid").getNumber("3", 0)).isEqualTo(1);
        assertThat(fromAlice.getNumber("kid", 0)).isEqualTo(-1);
    }

    @Test
    void framesOfEverySfuInUseAreRecognisedByTheirOwnTrailer() {
        // A multi-SFU call: each SFU has its own trailer; the frames of both are dropped.
        bob.addReceiveKey(ALICE, key(1, 1));
        bob.addServerInjectedTrailer(new byte[] {1, 1, 1, 1});
        bob.addServerInjectedTrailer(new byte[] {2, 2, 2, 2});
        bob.addServerInjectedTrailer(new byte[] {1, 1, 1, 1});
        for (byte b = 1; b <= 2; b++) {
            byte[] frame = {(byte) 0xf8, b, b, b, b};
            Object out = run(done -> bob.decrypt(ALICE, "audio/opus", false, frame, done));
            assertThat(((SframeException) out).reason()).isEqualTo(SframeException.Reason.SERVER_INJECTED);
        }
        for (int i = 0; i < MediaEncryption.MAX_TRAILERS; i++) {
            bob.addServerInjectedTrailer(new byte[] {3, 3, 3, (byte) i});
        }
        byte[] oldest = {(byte) 0xf8, 2, 2, 2, 2};
        Object out = run(done -> bob.decrypt(ALICE, "audio/opus", false, oldest, done));
        assertThat(((SframeException) out).reason()).as("at most %d kept, the oldest dropped", MediaEncryption.MAX_TRAILERS)
                .isNotEqualTo(SframeException.Reason.SERVER_INJECTED);
    }

    @Test
    void framesTheSfuMadeAreDroppedAndCountedApartFromFailures() {
        alice.setSendKey(key(1, 1));
        bob.addReceiveKey(ALICE, key(1, 1));
        byte[] trailer = {9, 8, 7, 6, 5, 4, 3, 2};
        bob.addServerInjectedTrailer(trailer);
        // LiveKit's Opus silence frame with its trailer, as the SFU sends it while a track is muted.
        byte[] silence = {(byte) 0xf8, (byte) 0xff, (byte) 0xfe, 9, 8, 7, 6, 5, 4, 3, 2};
        Object out = run(done -> bob.decrypt(ALICE, "audio/opus", false, silence, done));
        assertThat(out).isInstanceOf(SframeException.class);
        assertThat(((SframeException) out).reason()).isEqualTo(SframeException.Reason.SERVER_INJECTED);
        JsonObject fromAlice = bob.stats().getObject("receiving").getObject(ALICE);
        assertThat(fromAlice.getNumber("injected", 0)).isEqualTo(1);
        assertThat(fromAlice.getNumber("failures", -1)).isZero();

        // A sender's frame that merely ends differently still decrypts, and a frame ending in
        // part of the trailer is a failure like any other.
        byte[] sent = (byte[]) run(done -> alice.encrypt("audio/opus", false, new byte[] {(byte) 0xf8, 1, 2, 3}, done));
        assertThat(run(done -> bob.decrypt(ALICE, "audio/opus", false, sent, done))).isInstanceOf(byte[].class);
        Object partial = run(done -> bob.decrypt(ALICE, "audio/opus", false, new byte[] {(byte) 0xf8, 1, 4, 3, 2}, done));
        assertThat(partial).isInstanceOf(SframeException.class);
        assertThat(bob.stats().getObject("receiving").getObject(ALICE).getNumber("failures", -1)).isEqualTo(1);
    }

    @Test
    void aSendersSwitchOfFormatIsTimedWhereFramesAreRead() {
        long[] now = {1_000};
        MediaEncryption carol = new MediaEncryption(new BcAead(), new ListLog(), () -> now[0]);
        alice.setSendKey(key(1, 1));
        carol.addReceiveKey(ALICE, key(1, 1));
        for (int i = 0; i < 3; i++) {
            byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), 7, 90 * 33, done));
            assertThat(run(done -> carol.decrypt(ALICE, "video/VP8", false, sent, done))).isInstanceOf(byte[].class);
            now[0] += 33;
        }
        alice.sendLiveKitFormat(true);
        now[0] += 120;
        byte[] liveKit = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), 7, 90 * 200, done));
        assertThat(run(done -> carol.decrypt(ALICE, "video/VP8", false, liveKit, done))).isInstanceOf(byte[].class);
        JsonObject fromAlice = carol.stats().getObject("receiving").getObject(ALICE);
        assertThat(fromAlice.getNumber("formatSwitches", 0)).isEqualTo(1);
        assertThat(fromAlice.getNumber("longestSwitchGapMs", 0)).isEqualTo(153);
        assertThat(fromAlice.getString("format")).isEqualTo("livekit");
    }

    @Test
    void h264InLiveKitsFormatCarriesFourByteStartCodesAndAnEscapedBodyAndReadsBack() {
        alice.setSendKey(key(2, 1));
        bob.addReceiveKey(ALICE, key(2, 1));
        alice.sendLiveKitFormat(true);
        // An access unit as an encoder writes it: SPS, PPS and an IDR slice behind 3-byte start
        // codes, the slice full of zeros (what the ciphertext is escaped against).
        byte[] slice = new byte[400];
        for (int i = 0; i < slice.length; i += 7) {
            slice[i] = (byte) (i % 5);
        }
        byte[] frame = concat(new byte[] {0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x68, (byte) 0xce, 0, 0, 1, 0x65, (byte) 0x88}, slice);
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/H264", true, frame.clone(), 9, 3000, done));

        // The receiver's depacketizer rebuilds the start codes with four bytes: so are they sent.
        byte[] header = {0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68, (byte) 0xce, 0, 0, 0, 1, 0x65, (byte) 0x88};
        assertThat(Arrays.copyOf(sent, header.length)).isEqualTo(header);
        for (int i = header.length; i + 2 < sent.length; i++) {
            assertThat(sent[i] == 0 && sent[i + 1] == 0 && (sent[i + 2] & 0xff) <= 2).as("start-code-like bytes at " + i).isFalse();
        }
        Object received = run(done -> bob.decrypt(ALICE, "video/H264", true, sent, done));
        assertThat(received).isEqualTo(concat(header, Arrays.copyOfRange(frame, 15, frame.length)));
        assertThat(bob.stats().getObject("receiving").getObject(ALICE).getString("format")).isEqualTo("livekit");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aRatchetedKeyIsDerivedWithoutAGlitch() {
        MediaKey first = key(0, 4);
        alice.setSendKey(KeyRatchet.next(first));
        bob.addReceiveKey(ALICE, first);
        byte[] frame = vp8Delta(400);
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, frame.clone(), done));
        assertThat(run(done -> bob.decrypt(ALICE, "video/VP8", false, sent, done))).isEqualTo(frame);
        assertThat(bob.stats().getObject("receiving").getObject(ALICE).getNumber("kid", -1)).isEqualTo(1);
    }

    @Test
    void aForgottenParticipantsKeysAreGone() {
        long[] now = {1_000};
        MediaEncryption carol = new MediaEncryption(new BcAead(), new ListLog(), () -> now[0]);
        alice.setSendKey(key(1, 1));
        carol.addReceiveKey(ALICE, key(1, 1));
        carol.removeParticipant(ALICE);
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), done));
        Object[] out = {null};
        carol.decrypt(ALICE, "video/VP8", false, sent, FrameTesting.into(out));
        assertThat(out[0]).as("held for a key, never read with the forgotten one").isNull();
        now[0] += MediaEncryption.KEY_WAIT_MS;
        carol.expireHeld();
        assertThat(out[0]).isInstanceOf(SframeException.class);
    }

    @Test
    void framesBeforeTheSendersFirstKeyWaitForItAndAreReadInOrder() {
        long[] now = {1_000};
        MediaEncryption carol = new MediaEncryption(new BcAead(), log, () -> now[0]);
        alice.setSendKey(key(4, 1));
        byte[] keyFrame = vp8Delta(400);
        keyFrame[0] = (byte) 0x30; // P bit clear: a key frame
        keyFrame[3] = (byte) 0x9d;
        keyFrame[4] = (byte) 0x01;
        keyFrame[5] = (byte) 0x2a;
        byte[] audio = {(byte) 0xf8, 1, 2, 3, 4, 5};
        byte[] sentVideo = (byte[]) run(done -> alice.encrypt("video/VP8", true, keyFrame.clone(), done));
        byte[] sentAudio = (byte[]) run(done -> alice.encrypt("audio/opus", false, audio.clone(), done));
        java.util.List<Object> order = new java.util.ArrayList<>();
        carol.decrypt(ALICE, "video/VP8", true, sentVideo, FrameTesting.into(order));
        carol.decrypt(ALICE, "audio/opus", false, sentAudio, FrameTesting.into(order));
        now[0] += MediaEncryption.KEY_WAIT_MS - 1;
        carol.expireHeld();
        assertThat(order).as("nothing passed or failed while waiting").isEmpty();

        carol.addReceiveKey(ALICE, key(4, 1));
        assertThat(order).hasSize(2);
        assertThat(order.get(0)).isEqualTo(keyFrame);
        assertThat(order.get(1)).isEqualTo(audio);
        JsonObject fromAlice = carol.stats().getObject("receiving").getObject(ALICE);
        assertThat(fromAlice.getNumber("frames", 0)).isEqualTo(2);
        assertThat(fromAlice.getNumber("failures", -1)).isZero();
        assertThat(log.lines).anyMatch(l -> l.contains("2 held frame(s)"));
    }

    @Test
    void framesWaitAtMostKeyWaitThenFailUntilAKeyComes() {
        long[] now = {1_000};
        MediaEncryption carol = new MediaEncryption(new BcAead(), new ListLog(), () -> now[0]);
        alice.setSendKey(key(2, 1));
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), done));
        java.util.List<Object> out = new java.util.ArrayList<>();
        carol.decrypt(ALICE, "video/VP8", false, sent, FrameTesting.into(out));
        now[0] += MediaEncryption.KEY_WAIT_MS;
        carol.expireHeld();
        assertThat(out).hasSize(1).allMatch(o -> o instanceof SframeException);
        assertThat(carol.stats().getObject("receiving").getObject(ALICE).getNumber("failures", 0)).isEqualTo(1);

        // A sender whose key never comes (keys withheld) is not waited for frame after frame.
        carol.decrypt(ALICE, "video/VP8", false, sent, FrameTesting.into(out));
        assertThat(out).hasSize(2).allMatch(o -> o instanceof SframeException);

        // Its key arrives later: read at once from then on.
        carol.addReceiveKey(ALICE, key(2, 1));
        assertThat(run(done -> carol.decrypt(ALICE, "video/VP8", false, sent, done))).isInstanceOf(byte[].class);
    }

    @Test
    void heldFramesAreBoundedAndFailWhenTheSenderLeaves() {
        long[] now = {1_000};
        MediaEncryption carol = new MediaEncryption(new BcAead(), new ListLog(), () -> now[0]);
        alice.setSendKey(key(2, 1));
        byte[] sent = (byte[]) run(done -> alice.encrypt("audio/opus", false, new byte[] {(byte) 0xf8, 1, 2}, done));
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (int i = 0; i < MediaEncryption.MAX_HELD + 3; i++) {
            carol.decrypt(ALICE, "audio/opus", false, sent, FrameTesting.into(out));
        }
        assertThat(out).as("the oldest beyond the bound failed").hasSize(3).allMatch(o -> o instanceof SframeException);
        carol.removeParticipant(ALICE);
        assertThat(out).hasSize(MediaEncryption.MAX_HELD + 3).allMatch(o -> o instanceof SframeException);
    }

    @Test
    void aSenderWithAKeyIsNeverHeldEvenForAnUnknownIndex() {
        alice.setSendKey(key(3, 1));
        bob.addReceiveKey(ALICE, key(2, 9));
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), done));
        assertThat(run(done -> bob.decrypt(ALICE, "video/VP8", false, sent, done))).isInstanceOf(SframeException.class);
    }

    @Test
    void truncatedAndTamperedFramesAreDroppedNeverPassedOn() {
        alice.setSendKey(key(1, 1));
        bob.addReceiveKey(ALICE, key(1, 1));
        byte[] sent = (byte[]) run(done -> alice.encrypt("video/VP8", false, vp8Delta(300), done));
        for (int cut = 0; cut < sent.length; cut += 17) {
            byte[] truncated = Arrays.copyOf(sent, cut);
            assertThat(run(done -> bob.decrypt(ALICE, "video/VP8", false, truncated, done))).isInstanceOf(SframeException.class);
        }
        for (int at = 0; at < sent.length; at += 13) {
            byte[] tampered = sent.clone();
            tampered[at] ^= 0x10;
            assertThat(run(done -> bob.decrypt(ALICE, "video/VP8", false, tampered, done))).as("bit at " + at)
                    .isInstanceOf(SframeException.class);
        }
    }

    @Test
    void logsNeverCarryKeys() {
        MediaKey k = key(7, 0x5a);
        alice.setSendKey(k);
        alice.addReceiveKey(ALICE, k);
        String hex = Hex.encode(k.bytes());
        assertThat(log.lines).isNotEmpty().noneMatch(l -> l.toLowerCase().contains(hex.substring(0, 16)));
    }
}
