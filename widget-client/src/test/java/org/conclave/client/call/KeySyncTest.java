package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void passesEachKeyOnceAndForgetsLeavers() {
        time.advance(1_000_000);
        ListLog log = new ListLog();
        RoomState room = new RoomState(ROOM, log);
        FakeRoomHost host = new FakeRoomHost(time, room, "@alice:ex.org");
        KeyManager keys = new KeyManager(host, ROOM, "@alice:ex.org", "A", new SenderKeys(new SecureRandom()), time, time, log);
        for (String user : new String[] {"@alice:ex.org", "@bob:ex.org"}) {
            room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                    .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
            String device = user.startsWith("@alice") ? "A" : "B";
            room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", user)
                    .put("state_key", "_" + user + "_" + device + "_m.call").put("origin_server_ts", time.nowMillis())
                    .put("content", CallMembership.joinContent(user, device, CallMembership.meshTransport(), Double.NaN, 14_400_000)));
        }
        keys.participantsChanged(new Participants(log).derive(room, time.nowMillis()));
        time.advance(10);
        keys.received(new JsonObject().put("type", EncryptionKeysMessage.TYPE).put("sender", "@bob:ex.org").put("content",
                EncryptionKeysMessage.content(ROOM, "@bob:ex.org", "B", new MediaKey(4, new byte[32]), time.nowMillis())));
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
}
