package org.conclave.client.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.conclave.client.sframe.SframeException.Reason;
import org.junit.jupiter.api.Test;

/**
 * LiveKit's frame format against the JDK's own HMAC and AES-GCM (an implementation independent of
 * the Bouncy Castle one the widget uses): the key derivation, the layout, the IV, the AAD; and
 * what a receiver refuses.
 */
class LiveKitFramesTest {
    private static final byte[] MATERIAL = bytes(16, 7);
    private static final byte[] VP8_KEY_FRAME = concat(bytes(10, 0x30), bytes(900, 1)); // 10 clear bytes

    @Test
    void theFrameKeyIsHkdfSha256WithLiveKitsSaltAndZeroInfo() throws Exception {
        assertThat(LiveKitFrames.frameKey(MATERIAL)).isEqualTo(jdkHkdf(MATERIAL));
        assertThat(LiveKitFrames.frameKey(bytes(32, 9))).isEqualTo(jdkHkdf(bytes(32, 9)));
        assertThatThrownBy(() -> LiveKitFrames.frameKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProtectedFrameIsClearBytesAesGcmIvAndTrailerAndTheJdkOpensIt() throws Exception {
        LiveKitFrames.Sender sender = new LiveKitFrames.Sender(new BcAead(), () -> 0x1234);
        sender.setKey(3, MATERIAL);
        byte[] out = Sync.call(done -> sender.protect(VP8_KEY_FRAME, 10, 0xCAFEBABE, 90_000, done));

        assertThat(out).hasSize(VP8_KEY_FRAME.length + 16 + 14);
        assertThat(Arrays.copyOf(out, 10)).as("the codec's bytes stay clear").isEqualTo(Arrays.copyOf(VP8_KEY_FRAME, 10));
        assertThat(out[out.length - 2]).isEqualTo((byte) 12);
        assertThat(out[out.length - 1]).as("the key index").isEqualTo((byte) 3);
        byte[] iv = Arrays.copyOfRange(out, out.length - 14, out.length - 2);
        assertThat(iv).isEqualTo(ByteBuffer.allocate(12).putInt(0xCAFEBABE).putInt(90_000).putInt(90_000 - 0x1234).array());

        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(jdkHkdf(MATERIAL), "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(out, 0, 10);
        byte[] payload = gcm.doFinal(out, 10, out.length - 10 - 14);
        assertThat(payload).isEqualTo(Arrays.copyOfRange(VP8_KEY_FRAME, 10, VP8_KEY_FRAME.length));
    }

    @Test
    void theReceiverOpensWhatTheJdkSealedInThisFormat() throws Exception {
        byte[] iv = ByteBuffer.allocate(12).putInt(42).putInt(48_000).putInt(48_000 - 7).array();
        byte[] opus = concat(new byte[] {0x78}, bytes(120, 5));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(jdkHkdf(MATERIAL), "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(opus, 0, 1);
        byte[] sealed = gcm.doFinal(opus, 1, opus.length - 1);
        byte[] frame = concat(concat(new byte[] {0x78}, sealed), concat(iv, new byte[] {12, (byte) 200}));

        LiveKitFrames.Receiver receiver = new LiveKitFrames.Receiver(new BcAead());
        receiver.setKey(200, MATERIAL);
        assertThat(Sync.call(done -> receiver.unprotect(frame, 1, done))).isEqualTo(opus);
    }

    @Test
    void eachSsrcCountsFromItsOwnStartAndTheIvNeverRepeats() throws Exception {
        int[] starts = {0xfffe, 5};
        int[] next = {0};
        LiveKitFrames.Sender sender = new LiveKitFrames.Sender(new BcAead(), () -> starts[next[0]++]);
        sender.setKey(0, MATERIAL);
        byte[] a1 = Sync.call(done -> sender.protect(VP8_KEY_FRAME, 10, 1, 1000, done));
        byte[] b1 = Sync.call(done -> sender.protect(VP8_KEY_FRAME, 10, 2, 1000, done));
        byte[] a2 = Sync.call(done -> sender.protect(VP8_KEY_FRAME, 10, 1, 1000, done));
        // The count passes 0xffff and goes on: (0xfffe, 0xffff ≡ 0) give distinct IVs at one timestamp.
        assertThat(ivTail(a1)).isEqualTo(1000 - 0xfffe);
        assertThat(ivTail(a2)).isEqualTo(1000);
        assertThat(ivTail(b1)).isEqualTo(1000 - 5);
    }

    @Test
    void aTamperedClearByteAWrongKeyAnUnknownIndexAndATruncatedFrameAreRefused() throws Exception {
        LiveKitFrames.Sender sender = new LiveKitFrames.Sender(new BcAead(), () -> 0);
        sender.setKey(1, MATERIAL);
        byte[] out = Sync.call(done -> sender.protect(VP8_KEY_FRAME, 10, 9, 3000, done));
        LiveKitFrames.Receiver receiver = new LiveKitFrames.Receiver(new BcAead());
        receiver.setKey(1, MATERIAL);
        assertThat(Sync.call(done -> receiver.unprotect(out, 10, done))).isEqualTo(VP8_KEY_FRAME);

        byte[] tampered = out.clone();
        tampered[2] ^= 1; // a codec byte in clear: authenticated all the same
        assertThatThrownBy(() -> Sync.call(done -> receiver.unprotect(tampered, 10, done)))
                .isInstanceOf(SframeException.class).extracting("reason").isEqualTo(Reason.AUTHENTICATION_FAILED);

        LiveKitFrames.Receiver other = new LiveKitFrames.Receiver(new BcAead());
        other.setKey(1, bytes(16, 8));
        assertThatThrownBy(() -> Sync.call(done -> other.unprotect(out, 10, done)))
                .isInstanceOf(SframeException.class).extracting("reason").isEqualTo(Reason.AUTHENTICATION_FAILED);

        receiver.removeKey(1);
        assertThatThrownBy(() -> Sync.call(done -> receiver.unprotect(out, 10, done)))
                .isInstanceOf(SframeException.class).extracting("reason").isEqualTo(Reason.UNKNOWN_KEY);

        assertThatThrownBy(() -> Sync.call(done -> receiver.unprotect(Arrays.copyOf(out, 30), 10, done)))
                .isInstanceOf(SframeException.class).extracting("reason").isEqualTo(Reason.TRUNCATED);
        assertThatThrownBy(() -> new LiveKitFrames.Receiver(new BcAead()).setKey(256, MATERIAL))
                .isInstanceOf(SframeException.class);
    }

    @Test
    void aSenderWithoutAKeySendsNothing() {
        LiveKitFrames.Sender sender = new LiveKitFrames.Sender(new BcAead(), () -> 0);
        assertThatThrownBy(() -> Sync.call(done -> sender.protect(VP8_KEY_FRAME, 10, 1, 1, done)))
                .isInstanceOf(SframeException.class).extracting("reason").isEqualTo(Reason.NO_SENDER_KEY);
    }

    @Test
    void h264BytesAfterTheClearHeaderAreEscapedAsAnRbspAndBack() {
        byte[] data = {9, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0};
        byte[] escaped = LiveKitFrames.escape(data, 1);
        // An emulation-prevention 3 before any byte up to 3 that follows two zeros.
        assertThat(escaped).containsExactly(0, 0, 3, 0, 0, 3, 0, 1, 0, 0, 3, 2, 0, 0, 3, 3, 0, 0, 4, 0, 0);
        for (int i = 0; i + 2 < escaped.length; i++) {
            assertThat(escaped[i] == 0 && escaped[i + 1] == 0 && escaped[i + 2] <= 2 && escaped[i + 2] >= 0)
                    .as("no start code or 0 0 0/1/2 left at " + i).isFalse();
        }
        byte[] framed = concat(new byte[] {9}, escaped);
        assertThat(LiveKitFrames.needsUnescaping(framed, 1)).isTrue();
        assertThat(LiveKitFrames.unescape(framed, 1)).isEqualTo(Arrays.copyOfRange(data, 1, data.length));
        assertThat(LiveKitFrames.needsUnescaping(new byte[] {0, 0, 3, 1, 2, 5}, 1)).isFalse();
    }

    @Test
    void h264ClearHeadersTakeFourByteStartCodes() {
        byte[] threeByte = {0, 0, 1, 0x67, 5, 0, 0, 1, 0x68, 6, 0, 0, 0, 1, 0x65, 7};
        assertThat(LiveKitFrames.normalizeStartCodes(threeByte))
                .containsExactly(0, 0, 0, 1, 0x67, 5, 0, 0, 0, 1, 0x68, 6, 0, 0, 0, 1, 0x65, 7);
        byte[] fourByte = {0, 0, 0, 1, 0x65, 7};
        assertThat(LiveKitFrames.normalizeStartCodes(fourByte)).isSameAs(fourByte);
    }

    private static int ivTail(byte[] frame) {
        return ByteBuffer.wrap(frame, frame.length - 6, 4).getInt();
    }

    /** HKDF-SHA-256 (RFC 5869) from the JDK's HMAC: salt "LKFrameEncryptionKey", 128 zero bytes of info, 16 bytes. */
    static byte[] jdkHkdf(byte[] material) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("LKFrameEncryptionKey".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] prk = mac.doFinal(material);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(new byte[128]);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), 16);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (seed * 31 + i * 7);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
