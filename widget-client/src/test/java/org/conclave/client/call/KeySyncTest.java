package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.e2ee.EncryptionKeysMessage;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.e2ee.SenderKeys;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.FakeRoomHost;
import org.conclave.client.testing.RecordingFrameKeys;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

/** The frame worker gets each key once, the send key when it changes, and forgets leavers. */
class KeySyncTest {
    private static final String ROOM = "!r:ex.org";
    private final ManualScheduler time = new ManualScheduler();
    private final RecordingFrameKeys frameKeys = new RecordingFrameKeys();
    private final List<String> passed = frameKeys.log;
    private final KeySync sync = new KeySync(frameKeys);

    private final ListLog log = new ListLog();
    private final RoomState room = new RoomState(ROOM, log);
    private KeyManager keys;

    /** Alice's key manager in a call with Bob. */
    private void aliceAndBobInACall() {
        time.advance(1_000_000);
        FakeRoomHost host = new FakeRoomHost(time, room, "@alice:ex.org");
        keys = new KeyManager(host, ROOM, "@alice:ex.org", "A", new SenderKeys(new SecureRandom()), time, time, log);
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        keys.participantsChanged(new Participants(log).derive(room, time.nowMillis()));
        time.advance(10);
    }

    private void member(String user, String device, boolean in) {
        room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", user)
                .put("state_key", "_" + user + "_" + device + "_m.call").put("origin_server_ts", time.nowMillis())
                .put("content", in ? CallMembership.joinContent(user, device, CallMembership.meshTransport(), Double.NaN,
                        14_400_000) : new JsonObject()));
    }

    private void bobSends(MediaKey key) {
        keys.received(new JsonObject().put("type", EncryptionKeysMessage.TYPE).put("sender", "@bob:ex.org")
                .put("encrypted", true).put("content",
                        EncryptionKeysMessage.content(ROOM, "@bob:ex.org", "B", key, time.nowMillis())));
    }

    @Test
    void passesEachKeyOnceAndForgetsLeavers() {
        aliceAndBobInACall();
        bobSends(new MediaKey(4, new byte[32]));
        List<String> bob = List.of("@bob:ex.org|B");

        sync.sync(keys, bob);
        sync.sync(keys, bob);
        assertThat(passed).containsExactly("send 0", "receive @bob:ex.org|B 4");

        sync.sync(keys, List.of());
        assertThat(passed).endsWith("forget @bob:ex.org|B");

        sync.reset();
        passed.clear();
        sync.sync(keys, bob);
        assertThat(passed).as("after a reset everything goes again").containsExactly("send 0", "receive @bob:ex.org|B 4");
    }

    /** What reaches the worker, with the key bytes' first byte (a test marker, not a real key). */
    private static final class Worker implements FrameKeys {
        final Map<Integer, Byte> receive = new HashMap<>();
        int sends;
        MediaKey send;

        @Override
        public void setSendKey(MediaKey key) {
            sends++;
            send = key;
        }

        @Override
        public void addReceiveKey(String participant, MediaKey key) {
            receive.put(key.index(), key.bytes()[0]);
        }

        @Override
        public void forget(String participant) {}

        @Override
        public void sendLiveKitFormat(boolean liveKit) {}
    }

    @Test
    void aReceivedKeyAtAnIndexReusedAfterAWrapReachesTheWorker() {
        aliceAndBobInACall();
        Worker worker = new Worker();
        KeySync toWorker = new KeySync(worker);
        List<String> bob = List.of("@bob:ex.org|B");
        for (int n = 0; n < 256 * 3 + 17; n++) {
            byte[] bytes = new byte[32];
            bytes[0] = (byte) (n / 256 + 1); // which lap of the index space this key is from
            bobSends(new MediaKey(n % 256, bytes));
            toWorker.sync(keys, bob);
            assertThat(worker.receive.get(n % 256)).as("key %d (index %d, lap %d) reached the worker", n, n % 256, n / 256 + 1)
                    .isEqualTo(bytes[0]);
        }
    }

    @Test
    void theSendKeyAtAnIndexReusedAfterAWrapReachesTheWorker() {
        aliceAndBobInACall();
        Worker worker = new Worker();
        KeySync toWorker = new KeySync(worker);
        List<String> present = List.of("@bob:ex.org|B");
        toWorker.sync(keys, present);
        int rotations = 0;
        // Carol joins (Alice ratchets) and leaves (a fresh key after the grace), 300 times: past two wraps.
        for (int cycle = 0; cycle < 300; cycle++) {
            member("@carol:ex.org", "C", true);
            keys.participantsChanged(new Participants(log).derive(room, time.nowMillis()));
            toWorker.sync(keys, present);
            member("@carol:ex.org", "C", false);
            keys.participantsChanged(new Participants(log).derive(room, time.nowMillis()));
            time.advance(1_500);
            toWorker.sync(keys, present);
            rotations += 2;
            assertThat(worker.send).as("cycle %d: the worker sends with the key in use", cycle).isSameAs(keys.sendKey());
        }
        assertThat(worker.sends).isEqualTo(rotations + 1);
        assertThat(keys.sendKey().index()).isEqualTo(rotations % 256);
    }
}
