package org.conclave.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.FakeRoomHost;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyManagerTest {
    private static final String ROOM = "!r:ex.org";
    private final ManualScheduler time = new ManualScheduler();
    private final ListLog log = new ListLog();
    private RoomState room;
    private FakeRoomHost host;
    private KeyManager keys;

    @BeforeEach
    void setUp() {
        time.advance(1_000_000);
        room = new RoomState(ROOM, log);
        host = new FakeRoomHost(time, room, "@alice:ex.org");
        keys = new KeyManager(host, ROOM, "@alice:ex.org", "A", new SenderKeys(new SecureRandom()), time, time, log);
        for (String user : new String[] {"@alice:ex.org", "@bob:ex.org", "@carol:ex.org", "@dave:ex.org"}) {
            room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                    .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        }
    }

    private void member(String user, String device, boolean in) {
        JsonObject content = in ? CallMembership.joinContent(user, device, CallMembership.meshTransport(), Double.NaN,
                14_400_000) : new JsonObject();
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", user)
                .put("state_key", "_" + user + "_" + device + "_m.call").put("event_id", "$" + user + device + in)
                .put("origin_server_ts", time.nowMillis()).put("content", content));
        time.advance(10);
        List<Participant> now = new Participants(log).derive(room, time.nowMillis());
        keys.participantsChanged(now);
    }

    /** Recipients of the last to-device request, as user|device, and the index they got. */
    private List<String> lastRecipients() {
        JsonObject messages = host.toDevice.get(host.toDevice.size() - 1).getObject("messages");
        return messages.names().stream().flatMap(user -> messages.getObject(user).names().stream()
                .map(device -> user + "|" + device + "@" + (int) messages.getObject(user).getObject(device)
                        .getObject("keys").getNumber("index", -1))).toList();
    }

    private JsonObject keyMessage(String sender, String device, int index, String roomId) {
        MediaKey key = new MediaKey(index, new byte[32]);
        return new JsonObject().put("type", EncryptionKeysMessage.TYPE).put("sender", sender)
                .put("content", EncryptionKeysMessage.content(roomId, sender, device, key, time.nowMillis()));
    }

    @Test
    void joinsRatchetForTheJoinerAndLeavesRotateForTheRest() {
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        // First key at start (alone: nobody to send to), then the ratchet for Bob.
        assertThat(lastRecipients()).containsExactly("@bob:ex.org|B@1");
        assertThat(keys.sendKey().index()).isEqualTo(1);

        member("@carol:ex.org", "C", true);
        assertThat(lastRecipients()).as("only the joiner").containsExactly("@carol:ex.org|C@2");

        int sent = host.toDevice.size();
        member("@bob:ex.org", "B", false);
        assertThat(host.toDevice).hasSize(sent + 1);
        assertThat(lastRecipients()).as("only the remaining").containsExactly("@carol:ex.org|C@3");
        assertThat(keys.sendKey().index()).as("the others get a moment to file the new key").isEqualTo(2);
        time.advance(KeyManager.ROTATION_GRACE_MS);
        assertThat(keys.sendKey().index()).isEqualTo(3);
        assertThat(host.toDevice.get(host.toDevice.size() - 1).getBoolean("encrypted", false)).isTrue();
    }

    @Test
    void aDeviceThatCannotDeriveTheRatchetGetsTheJoinKeyToo() {
        member("@alice:ex.org", "A", true);
        // Bob is on Element Call: his membership says nothing of SFrame.
        JsonObject elementCall = CallMembership.joinContent("@bob:ex.org", "B", CallMembership.livekitActive(),
                CallMembership.livekitActive(), Double.NaN, 14_400_000);
        elementCall.remove(CallMembership.FRAME_FORMATS);
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", "@bob:ex.org")
                .put("state_key", "_@bob:ex.org_B_m.call").put("event_id", "$ec").put("origin_server_ts", time.nowMillis())
                .put("content", elementCall));
        time.advance(10);
        keys.participantsChanged(new Participants(log).derive(room, time.nowMillis()));
        assertThat(lastRecipients()).containsExactly("@bob:ex.org|B@1");

        member("@carol:ex.org", "C", true);
        assertThat(lastRecipients()).as("the joiner, and Bob who cannot derive it")
                .containsExactlyInAnyOrder("@carol:ex.org|C@2", "@bob:ex.org|B@2");
        assertThat(keys.sendKey().index()).as("Bob gets a moment to file it").isEqualTo(1);
        time.advance(KeyManager.ROTATION_GRACE_MS);
        assertThat(keys.sendKey().index()).isEqualTo(2);
    }

    @Test
    void rejoiningStartsAFreshChainNotTheOldKey() {
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        member("@carol:ex.org", "C", true);
        byte[] oldKey = keys.sendKey().bytes();
        assertThat(keys.sendKey().index()).isEqualTo(2);
        keys.stop();
        member("@alice:ex.org", "A", true); // participants as seen on the next join
        assertThat(keys.sendKey().index()).isZero();
        assertThat(keys.sendKey().bytes()).isNotEqualTo(oldKey);
    }

    @Test
    void aFreshKeyAfterALeaveIsUsedOnlyOnceSent() {
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        member("@carol:ex.org", "C", true);
        int before = keys.sendKey().index();
        host.failNext = true;
        member("@carol:ex.org", "C", false);
        assertThat(keys.sendKey().index()).as("not sent yet").isEqualTo(before);
        time.advance(KeyManager.RETRY_MS);
        assertThat(keys.sendKey().index()).as("sent again, the grace running").isEqualTo(before);
        time.advance(KeyManager.ROTATION_GRACE_MS - 1);
        assertThat(keys.sendKey().index()).isEqualTo(before);
        time.advance(1);
        assertThat(keys.sendKey().index()).isEqualTo(before + 1);
    }

    @Test
    void aKeyRatchetedForAJoinerIsUsedAtOnceAndSentUntilItGetsThere() {
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        int before = keys.sendKey().index();
        int sent = host.toDevice.size();
        host.failNext = true;
        member("@carol:ex.org", "C", true);
        assertThat(keys.sendKey().index()).as("Bob derives it, Carol holds frames until it arrives").isEqualTo(before + 1);
        time.advance(KeyManager.RETRY_MS);
        assertThat(host.toDevice).as("sent again after the failure").hasSize(sent + 1);
        assertThat(lastRecipients()).containsExactly("@carol:ex.org|C@" + (before + 1));
    }

    @Test
    void receivedKeysAreFiledPerDeviceAndHeldBackUntilTheMembershipArrives() {
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        keys.received(keyMessage("@bob:ex.org", "B", 0, ROOM));
        assertThat(keys.newestIndexes()).containsEntry("@bob:ex.org|B", 0);

        keys.received(keyMessage("@dave:ex.org", "D", 5, ROOM)); // before Dave's membership
        assertThat(keys.keysOf("@dave:ex.org|D")).isNull();
        member("@dave:ex.org", "D", true);
        assertThat(keys.keysOf("@dave:ex.org|D").get(5)).isNotNull();

        member("@bob:ex.org", "B", false);
        assertThat(keys.keysOf("@bob:ex.org|B")).as("a leaver's keys are forgotten").isNull();
    }

    @Test
    void forgedAndForeignKeysAreIgnoredWithAReason() {
        member("@alice:ex.org", "A", true);
        member("@bob:ex.org", "B", true);
        keys.received(keyMessage("@bob:ex.org", "B", 0, "!other:ex.org"));
        keys.received(keyMessage("@alice:ex.org", "A", 0, ROOM));
        JsonObject broken = keyMessage("@bob:ex.org", "B", 0, ROOM);
        broken.getObject("content").getObject("keys").put("key", "%%%");
        keys.received(broken);
        assertThat(keys.newestIndexes()).isEmpty();
        assertThat(log.warned("keys for another room")).isTrue();
        assertThat(log.warned("claiming this very device")).isTrue();
        assertThat(log.warned("not base64")).isTrue();
        assertThat(String.join("\n", log.lines)).doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void heldBackKeysAreBounded() {
        member("@alice:ex.org", "A", true);
        for (int d = 0; d < KeyManager.MAX_PENDING_DEVICES + 5; d++) {
            keys.received(keyMessage("@dave:ex.org", "D" + d, 0, ROOM));
        }
        assertThat(log.warned("too many devices without membership")).isTrue();
        for (int i = 0; i < 10; i++) {
            keys.received(keyMessage("@dave:ex.org", "D0", i, ROOM));
        }
        member("@dave:ex.org", "D0", true);
        assertThat(keys.keysOf("@dave:ex.org|D0").indexes()).hasSize(KeyManager.MAX_PENDING_PER_DEVICE);
    }
}
