package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.conclave.client.e2ee.EncryptionKeysMessage;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.e2ee.SenderKeys;
import org.conclave.client.mesh.MeshCall;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.MembershipManager;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.FakePeerLinks;
import org.conclave.client.testing.FakeRoomHost;
import org.conclave.client.testing.RecordingFrameKeys;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallControllerTest {
    private static final String ROOM = "!r:ex.org";
    private static final String ME = "@alice:ex.org";
    private final ManualScheduler time = new ManualScheduler();
    private final ListLog log = new ListLog();
    private final List<String> hostNotes = new ArrayList<>();
    private CallState state;
    private RoomState room;
    private FakeRoomHost host;
    private CallController call;
    private KeyManager keys;
    private final FakePeerLinks links = new FakePeerLinks(time);
    private final RecordingFrameKeys frameKeys = new RecordingFrameKeys();
    private final List<String> frameKeyLog = frameKeys.log;
    private int ids;
    private final MediaSource media = new MediaSource() {
        @Override
        public MediaState local() {
            return new MediaState(true, true, false, false, null, List.of(), List.of(), "", "");
        }

        @Override
        public String localStreamId() {
            return "local-stream";
        }

        @Override
        public String localScreenStreamId() {
            return null;
        }

        @Override
        public List<String> remoteStreams(String participant) {
            return List.of();
        }

        @Override
        public ReceiveStats receiveStats(String participant) {
            return ReceiveStats.NONE;
        }

        @Override
        public JsonObject frameStats() {
            return new JsonObject();
        }
    };

    @BeforeEach
    void setUp() {
        time.advance(1_000_000);
        state = new CallState(ME, "A", ROOM);
        state.setReady();
        room = new RoomState(ROOM, log);
        host = new FakeRoomHost(time, room, ME);
        for (String user : new String[] {ME, "@bob:ex.org"}) {
            room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                    .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        }
        MembershipManager membership = new MembershipManager(host, room, ME, "A", CallMembership.meshTransport(), time,
                time, log);
        keys = new KeyManager(host, ROOM, ME, "A", new SenderKeys(new SecureRandom()), time, time, log);
        MeshCall mesh = new MeshCall(host, ME, "A", ROOM, links, time, time, () -> "id" + (++ids), log);
        call = new CallController(state, room, membership, keys, mesh, frameKeys, media, new Participants(log), time, time,
                new CallController.HostNotifier() {
                    @Override
                    public void joined() {
                        hostNotes.add("join");
                    }

                    @Override
                    public void hungUp() {
                        hostNotes.add("hangup");
                    }
                }, log);
    }

    private void bob(boolean in) {
        JsonObject content = in ? CallMembership.joinContent("@bob:ex.org", "B", CallMembership.meshTransport(),
                Double.NaN, 14_400_000) : new JsonObject();
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", "@bob:ex.org")
                .put("state_key", "_@bob:ex.org_B_m.call").put("event_id", "$b" + in)
                .put("origin_server_ts", time.nowMillis()).put("content", content));
        settle();
    }

    /** Lets a burst of state changes take effect (they are acted on at most once per interval). */
    private void settle() {
        time.advance(CallController.REFRESH_INTERVAL_MS);
    }

    @Test
    void joiningShowsTheCallAndTellsTheHost() {
        call.join();
        assertThat(state.presence()).isEqualTo(CallState.Presence.IN);
        assertThat(hostNotes).containsExactly("join");
        assertThat(state.participants()).extracting(CallState.Row::userId).containsExactly(ME);
        assertThat(state.sendKeyIndex()).isZero();

        bob(true);
        assertThat(state.participants()).extracting(CallState.Row::userId).containsExactly(ME, "@bob:ex.org");
        assertThat(state.participants().get(1).keyIndex()).as("no key from Bob yet").isEqualTo(-1);
        bobsKey(4);
        assertThat(state.participants().get(1).keyIndex()).isEqualTo(4);
        assertThat(state.sendKeyIndex()).as("ratcheted for Bob").isEqualTo(1);
    }

    @Test
    void aFailedWidgetDoesNotJoin() {
        state.setFailed(org.conclave.client.i18n.Text.of(org.conclave.client.i18n.Msg.FRAME_WORKER_FAILED));
        call.join();
        assertThat(state.presence()).isEqualTo(CallState.Presence.OUT);
        assertThat(host.requests).as("no membership, no delayed leave").isEmpty();
        assertThat(hostNotes).isEmpty();
    }

    @Test
    void anElementCallMemberTurnsEverySenderToLiveKitsFormatUntilItLeaves() {
        call.join();
        bob(true);
        assertThat(frameKeyLog).noneMatch(line -> line.startsWith("format"));
        assertThat(state.liveKitFormat()).isFalse();

        // Carol joins from Element Call: her membership says nothing of SFrame.
        JsonObject elementCall = CallMembership.joinContent("@carol:ex.org", "C", CallMembership.meshTransport(),
                Double.NaN, 14_400_000);
        elementCall.remove(CallMembership.FRAME_FORMATS);
        room.apply(new JsonObject().put("type", "m.room.member").put("state_key", "@carol:ex.org")
                .put("sender", "@carol:ex.org").put("origin_server_ts", 1)
                .put("content", new JsonObject().put("membership", "join")));
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", "@carol:ex.org")
                .put("state_key", "_@carol:ex.org_C_m.call").put("event_id", "$c").put("origin_server_ts", time.nowMillis())
                .put("content", elementCall));
        settle();
        assertThat(frameKeyLog).contains("format livekit");
        assertThat(state.liveKitFormat()).isTrue();
        assertThat(state.participants()).extracting(CallState.Row::client)
                .containsExactly(CallState.Row.CONCLAVE, CallState.Row.CONCLAVE, CallState.Row.ELEMENT_CALL);

        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", "@carol:ex.org")
                .put("state_key", "_@carol:ex.org_C_m.call").put("event_id", "$c2").put("origin_server_ts", time.nowMillis())
                .put("content", new JsonObject()));
        settle();
        assertThat(frameKeyLog.stream().filter(line -> line.startsWith("format")))
                .containsExactly("format livekit", "format sframe");
        assertThat(state.liveKitFormat()).isFalse();
    }

    @Test
    void hangingUpEmptiesTheCallAndTellsTheHost() {
        call.join();
        bob(true);
        call.hangUp();
        assertThat(state.presence()).isEqualTo(CallState.Presence.OUT);
        assertThat(state.participants()).isEmpty();
        assertThat(hostNotes).containsExactly("join", "hangup");
        bobsKey(4);
        assertThat(log.lines).noneMatch(l -> l.contains("index 4 from"));
    }

    @Test
    void anExpiredMembershipLeavesTheListWithoutAnyEvent() {
        call.join();
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", "@bob:ex.org")
                .put("state_key", "_@bob:ex.org_B_m.call").put("event_id", "$short")
                .put("origin_server_ts", time.nowMillis()).put("content", CallMembership.joinContent("@bob:ex.org", "B",
                        CallMembership.meshTransport(), Double.NaN, 60_000)));
        settle();
        assertThat(state.participants()).hasSize(2);
        time.advance(60_001);
        assertThat(state.participants()).hasSize(1);
    }

    @Test
    void aMembershipStormIsActedOnAtMostOncePerIntervalAndSettles() {
        call.join();
        settle();
        // Bob toggles his membership 1,000 times in 2 s.
        for (int i = 0; i < 1000; i++) {
            JsonObject content = i % 2 == 0 ? CallMembership.joinContent("@bob:ex.org", "B",
                    CallMembership.meshTransport(), Double.NaN, 14_400_000) : new JsonObject();
            room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", "@bob:ex.org")
                    .put("state_key", "_@bob:ex.org_B_m.call").put("event_id", "$storm" + i)
                    .put("origin_server_ts", time.nowMillis()).put("content", content));
            time.advance(2);
        }
        long links = this.links.links.size();
        long keyMessages = host.toDevice.stream().filter(m -> EncryptionKeysMessage.TYPE.equals(m.getString("type"))).count();
        assertThat(links).as("connections to Bob: at most one per 2 s").isLessThanOrEqualTo(2);
        assertThat(keyMessages).as("key messages: at most two per interval").isLessThanOrEqualTo(2 * (2000 / 200 + 1));

        // The last toggle left Bob out; once the storm stops he is gone, and a real join works.
        settle();
        assertThat(state.participants()).extracting(CallState.Row::userId).containsExactly(ME);
        bob(true);
        time.advance(2_000);
        assertThat(state.participants()).extracting(CallState.Row::userId).containsExactly(ME, "@bob:ex.org");
        assertThat(this.links.latest("@bob:ex.org|B").closed).isFalse();
    }

    private void bobsKey(int index) {
        bobsKey(index, new byte[32], true);
    }

    /** A key message from Bob as the host delivers it: Olm-decrypted ({@code encrypted}) or not. */
    private void bobsKey(int index, byte[] key, boolean encrypted) {
        call.toDevice(new JsonObject().put("type", EncryptionKeysMessage.TYPE).put("sender", "@bob:ex.org")
                .put("encrypted", encrypted)
                .put("content", EncryptionKeysMessage.content(ROOM, "@bob:ex.org", "B", new MediaKey(index, key), 1)));
    }

    @Test
    void cleartextKeysAndSignallingAreRefusedAndNeverReplaceAnEncryptedKey() {
        call.join();
        bob(true);
        time.advance(10);
        byte[] real = new byte[32];
        real[0] = 1;
        bobsKey(4, real, true);
        byte[] planted = new byte[32];
        planted[0] = 66;
        for (int index : new int[] {4, 5, 6}) {
            bobsKey(index, planted, false);
        }
        call.toDevice(new JsonObject().put("type", "m.call.hangup").put("sender", "@bob:ex.org").put("content",
                new JsonObject().put("call_id", "x").put("party_id", "B").put("version", "1")));

        assertThat(frameKeyLog).filteredOn(l -> l.startsWith("receive")).containsExactly("receive @bob:ex.org|B 4");
        assertThat(host.toDevice).as("nothing answered the planted events").extracting(m -> m.getString("type"))
                .doesNotContain("m.call.hangup");
        assertThat(links.latest("@bob:ex.org|B").closed).as("a cleartext hangup closes nothing").isFalse();
        assertThat(log.lines).filteredOn(l -> l.contains("refused a cleartext")).hasSize(4)
                .allMatch(l -> l.contains("from @bob:ex.org")).noneMatch(l -> l.contains("QkJC") || l.contains("content"));
        assertThat(state.participants().get(1).keyIndex()).as("the encrypted key stands").isEqualTo(4);
        assertThat(keys.keysOf("@bob:ex.org|B").indexes()).containsExactly(4);
        assertThat(keys.keysOf("@bob:ex.org|B").get(4).bytes()[0]).isEqualTo((byte) 1);
    }

    @Test
    void joiningCallsTheOthersAndPassesKeysToTheFrameWorker() {
        call.join();
        bob(true);
        time.advance(10);
        FakePeerLinks.Link toBob = links.latest("@bob:ex.org|B");
        assertThat(toBob).as("Alice's key sorts first: she calls Bob").isNotNull();
        assertThat(toBob.offerer).isTrue();
        assertThat(host.toDevice).extracting(m -> m.getString("type")).contains("m.call.invite");
        bobsKey(4);
        assertThat(frameKeyLog).containsSubsequence("send 0", "send 1", "receive @bob:ex.org|B 4");
        assertThat(state.tiles()).extracting(Tile::id).containsExactly(ME + "|A", "@bob:ex.org|B");
        Tile self = state.tiles().get(0);
        assertThat(self.self()).isTrue();
        assertThat(self.keyIndex()).isEqualTo(1);
        assertThat(state.tiles().get(1).connection()).isEqualTo("new");

        bob(false);
        assertThat(toBob.closed).isTrue();
        assertThat(frameKeyLog).containsSubsequence("forget @bob:ex.org|B", "send 2");
        assertThat(state.tiles()).extracting(Tile::id).containsExactly(ME + "|A");
    }

    @Test
    void hangingUpHangsUpOnThePeers() {
        call.join();
        bob(true);
        time.advance(10);
        call.hangUp();
        assertThat(links.latest("@bob:ex.org|B").closed).isTrue();
        assertThat(host.toDevice).extracting(m -> m.getString("type")).contains("m.call.hangup");
        assertThat(state.tiles()).isEmpty();
    }

    @Test
    void aLapsedMembershipStartsOverWithFreshConnectionsAndKeys() {
        call.join();
        bob(true);
        time.advance(10);
        bobsKey(4);
        FakePeerLinks.Link first = links.latest("@bob:ex.org|B");
        int keysSent = host.toDevice.size();

        // Our delayed leave fired while we were away: the room shows us gone.
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", ME)
                .put("state_key", "_" + ME + "_A_m.call").put("event_id", "$lapsed")
                .put("origin_server_ts", time.nowMillis()).put("content", new JsonObject()));
        time.advance(10);
        assertThat(log.lines).anyMatch(l -> l.contains("our membership lapsed"));
        assertThat(first.closed).isTrue();
        assertThat(links.latest("@bob:ex.org|B")).as("a new call to Bob").isNotSameAs(first);
        assertThat(frameKeyLog).contains("forget @bob:ex.org|B");
        assertThat(host.toDevice.subList(keysSent, host.toDevice.size())).extracting(m -> m.getString("type"))
                .as("a fresh key goes to Bob").contains(EncryptionKeysMessage.TYPE);
    }
}
