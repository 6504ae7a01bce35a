package org.conclave.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.conclave.client.util.Base64;
import org.junit.jupiter.api.Test;

/** Media keys, the ratchet, the sender's rotation policy and the receiver's key ring. */
class KeysTest {
    private static MediaKey key(int index, int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return new MediaKey(index, bytes);
    }

    @Test
    void theRatchetIsHkdfSha256WithConclavesLabel() throws Exception {
        MediaKey k0 = key(7, 0x42);
        // RFC 5869 by hand with the JDK: PRK = HMAC(zero salt, ikm); OKM = HMAC(PRK, info || 0x01).
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = hmac.doFinal(k0.bytes());
        hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
        hmac.update(KeyRatchet.LABEL.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] expected = hmac.doFinal(new byte[] {1});
        MediaKey k1 = KeyRatchet.next(k0);
        assertThat(k1.index()).isEqualTo(8);
        assertThat(k1.bytes()).isEqualTo(expected);
        assertThat(KeyRatchet.next(key(255, 1)).index()).isZero();
    }

    @Test
    void keysNeverPrintTheirBytes() {
        MediaKey k = key(3, 0x61);
        assertThat(k.toString()).contains("3").contains("REDACTED").doesNotContain(Base64.encode(k.bytes()))
                .doesNotContain("aaaa");
        k.destroy();
        assertThat(k.bytes()).containsOnly(0);
        assertThatThrownBy(() -> new MediaKey(256, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaKey(0, new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJoinRatchetsForTheJoinersOnlyAndALeaveRotatesForTheRemainingOnly() {
        SenderKeys keys = new SenderKeys(new SecureRandom());
        SenderKeys.Plan first = keys.start(List.of("@b|B", "@c|C"));
        assertThat(first.key().index()).isZero();
        assertThat(first.recipients()).containsExactly("@b|B", "@c|C");
        keys.activate(first.key());

        SenderKeys.Plan join = keys.joined(List.of("@d|D"));
        assertThat(join.recipients()).containsExactly("@d|D");
        assertThat(join.key().index()).isEqualTo(1);
        assertThat(join.key().bytes()).isEqualTo(KeyRatchet.next(first.key()).bytes());
        assertThat(keys.active().index()).as("not used before it is sent").isZero();
        keys.activate(join.key());

        SenderKeys.Plan leave = keys.left(List.of("@b|B", "@d|D"));
        assertThat(leave.recipients()).containsExactly("@b|B", "@d|D");
        assertThat(leave.key().index()).isEqualTo(2);
        assertThat(leave.key().bytes()).as("fresh, not derivable by the leaver")
                .isNotEqualTo(KeyRatchet.next(join.key()).bytes());
        keys.activate(leave.key());
        assertThat(keys.activate(join.key())).as("a late activation of an older key").isFalse();
        assertThat(keys.active().index()).isEqualTo(2);
    }

    @Test
    void indexesWrapAt256() {
        SenderKeys keys = new SenderKeys(new SecureRandom());
        keys.activate(keys.start(List.of()).key());
        for (int i = 0; i < 300; i++) {
            SenderKeys.Plan plan = i % 2 == 0 ? keys.joined(List.of()) : keys.left(List.of());
            assertThat(keys.activate(plan.key())).isTrue();
            assertThat(plan.key().index()).isEqualTo((i + 1) % 256);
        }
    }

    @Test
    void receiversDeriveRatchetedKeysAWindowAhead() {
        ReceiverKeys ring = new ReceiverKeys();
        MediaKey k0 = key(250, 9);
        ring.put(k0);
        MediaKey expected = k0;
        for (int i = 0; i < 10; i++) {
            expected = KeyRatchet.next(expected);
        }
        assertThat(expected.index()).isEqualTo(4); // 250 + 10, wrapped
        assertThat(ring.get(4).bytes()).isEqualTo(expected.bytes());
        assertThat(ring.get((4 + ReceiverKeys.MAX_RATCHET_STEPS + 1) & 0xff)).isNull();
        assertThat(ring.get(249)).as("no going back").isNull();
        assertThat(ring.get(300)).isNull();
    }

    @Test
    void theRingIsBoundedAndAReusedIndexReplacesTheOldKey() {
        ReceiverKeys ring = new ReceiverKeys();
        for (int i = 0; i < ReceiverKeys.CAPACITY + 3; i++) {
            ring.put(key(i * 20, i + 1));
        }
        assertThat(ring.indexes()).hasSize(ReceiverKeys.CAPACITY).doesNotContain(0, 20, 40);
        MediaKey older = ring.get(200);
        ring.put(key(200, 0x77));
        assertThat(ring.get(200).bytes()).containsOnly(0x77);
        assertThat(older.bytes()).as("the replaced key is destroyed").containsOnly(0);
        ring.clear();
        assertThat(ring.indexes()).isEmpty();
        assertThat(ring.get(200)).isNull();
    }
}
