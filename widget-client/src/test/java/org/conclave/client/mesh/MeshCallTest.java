package org.conclave.client.mesh;

import org.conclave.client.call.MediaTransport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.FakePeerLinks;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.widgetapi.RoomActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mesh signalling between two (or three) {@link MeshCall}s on one manual clock: the to-device
 * "network" delivers each sent event to its addressee as the widget API would ({@code type},
 * {@code sender}, {@code content}), optionally through a tamperer.
 */
class MeshCallTest {
    static final String ROOM = "!r:ex.org";
    static final String ALICE = "@alice:ex.org";
    static final String BOB = "@bob:ex.org";
    static final String CAROL = "@carol:ex.org";

    private final ManualScheduler time = new ManualScheduler();
    private final List<JsonObject> wire = new ArrayList<>();
    private final List<Side> sides = new ArrayList<>();
    private RoomState room;
    private int ids;
    private UnaryOperator<JsonObject> tamper = UnaryOperator.identity();
    private boolean deliver = true;

    /** One device: its mesh, links and log. */
    final class Side {
        final String user;
        final String device;
        final FakePeerLinks links = new FakePeerLinks(time);
        final ListLog log = new ListLog();
        final MeshCall mesh;

        Side(String user, String device) {
            this.user = user;
            this.device = device;
            RoomActions actions = new RoomActions() {
                @Override
                public void sendState(String type, String stateKey, JsonObject content, Callback callback) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void sendDelayedState(String type, String stateKey, JsonObject content, double delayMillis,
                        Callback callback) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void updateDelayedEvent(String delayId, String action, Callback callback) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void sendToDevice(String type, boolean encrypted, JsonObject messages, Callback callback) {
                    assertThat(encrypted).as("signalling is always encrypted").isTrue();
                    for (String toUser : messages.names()) {
                        JsonObject perDevice = messages.getObject(toUser);
                        for (String toDevice : perDevice.names()) {
                            JsonObject message = new JsonObject().put("type", type).put("sender", user)
                                    .put("to", toUser + "|" + toDevice).put("content", perDevice.getObject(toDevice));
                            wire.add(message);
                            if (deliver) {
                                time.schedule(1, () -> route(message));
                            }
                        }
                    }
                    time.schedule(0, () -> callback.done(new JsonObject()));
                }
            };
            mesh = new MeshCall(actions, user, device, ROOM, links, time, time, () -> device + "-id" + (++ids), log);
        }

        String key() {
            return user + "|" + device;
        }

        FakePeerLinks.Link linkTo(Side other) {
            return links.latest(other.key());
        }
    }

    private void route(JsonObject message) {
        for (Side side : sides) {
            if (side.key().equals(message.getString("to"))) {
                JsonObject delivered = tamper.apply(new JsonObject().put("type", message.getString("type"))
                        .put("sender", message.getString("sender")).put("content", message.getObject("content")));
                if (delivered != null) {
                    side.mesh.received(delivered);
                }
            }
        }
    }

    @BeforeEach
    void setUp() {
        time.advance(1_000_000);
        room = new RoomState(ROOM, new ListLog());
    }

    private Side side(String user, String device) {
        Side side = new Side(user, device);
        sides.add(side);
        room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        return side;
    }

    private void member(Side side, boolean in, double createdTs) {
        JsonObject content = in ? CallMembership.joinContent(side.user, side.device, CallMembership.meshTransport(),
                createdTs, 14_400_000) : new JsonObject();
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", side.user)
                .put("state_key", "_" + side.user + "_" + side.device + "_m.call").put("event_id", "$" + side.device + createdTs)
                .put("origin_server_ts", time.nowMillis()).put("content", content));
    }

    private List<Participant> participants() {
        return new Participants(new ListLog()).derive(room, time.nowMillis());
    }

    /** Everyone in {@code in} is a member and has started its mesh; all meshes see the same participants. */
    private void call(Side... in) {
        for (Side s : in) {
            member(s, true, time.nowMillis());
        }
        for (Side s : in) {
            s.mesh.start();
        }
        everyoneSees();
    }

    private void everyoneSees() {
        List<Participant> now = participants();
        for (Side s : sides) {
            if (s.mesh.running()) {
                s.mesh.participantsChanged(now);
            }
        }
    }

    private void settle() {
        time.advance(50);
    }

    private List<String> sentTypes(Side from, Side to) {
        List<String> out = new ArrayList<>();
        for (JsonObject m : wire) {
            if (m.getString("sender").equals(from.user) && m.getString("to").equals(to.key())) {
                out.add(m.getString("type"));
            }
        }
        return out;
    }

    @Test
    void theLowerKeyInvitesAndTheOtherAnswers() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();

        assertThat(MeshCall.offers(alice.key(), bob.key())).isTrue();
        assertThat(sentTypes(alice, bob)).startsWith(CallSignal.INVITE).contains(CallSignal.SELECT_ANSWER)
                .doesNotContain(CallSignal.ANSWER);
        assertThat(sentTypes(bob, alice)).startsWith(CallSignal.ANSWER).doesNotContain(CallSignal.INVITE);
        assertThat(alice.linkTo(bob).state).isEqualTo("stable");
        assertThat(bob.linkTo(alice).state).isEqualTo("stable");
        assertThat(alice.linkTo(bob).offerer).isTrue();
        assertThat(bob.linkTo(alice).offerer).isFalse();
        assertThat(bob.linkTo(alice).remoteDescriptions).containsExactly("offer:v=0 offer 1 to " + bob.key());
        assertThat(alice.linkTo(bob).remoteDescriptions).containsExactly("answer:v=0 answer of " + alice.key());
        assertThat(alice.links.links).hasSize(1);
        assertThat(bob.links.links).hasSize(1);
    }

    @Test
    void everyEventCarriesTheGroupCallFields() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();

        JsonObject invite = wire.get(0).getObject("content");
        assertThat(invite.getString("conf_id")).isEqualTo(ROOM);
        assertThat(invite.getString("device_id")).isEqualTo("A");
        assertThat(invite.getString("party_id")).isEqualTo("A");
        assertThat(invite.getString("version")).isEqualTo("1");
        assertThat(invite.getString("sender_session_id")).isNotEmpty();
        assertThat(invite.getString("dest_session_id")).as("Alice does not know Bob's session yet").isEmpty();
        assertThat(invite.getNumber("lifetime", 0)).isEqualTo(CallSignal.LIFETIME_MS);
        JsonObject answer = wire.stream().filter(m -> CallSignal.ANSWER.equals(m.getString("type"))).findFirst()
                .orElseThrow().getObject("content");
        assertThat(answer.getString("call_id")).isEqualTo(invite.getString("call_id"));
        assertThat(answer.getString("dest_session_id")).isEqualTo(invite.getString("sender_session_id"));
    }

    @Test
    void candidatesTrickleBothWaysInBatchesAndWaitForTheRemoteDescription() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        time.advance(0); // alice's offer is made and the invite sent; bob has not seen it yet
        alice.linkTo(bob).gather("candidate:1 1 udp 1 127.0.0.1 5000 typ host");
        alice.linkTo(bob).gather("candidate:2 1 udp 1 127.0.0.1 5001 typ host");
        settle();
        assertThat(sentTypes(alice, bob).stream().filter(CallSignal.CANDIDATES::equals)).as("one batch").hasSize(1);
        assertThat(bob.linkTo(alice).remoteCandidates).extracting(c -> c.getString("candidate"))
                .containsExactly("candidate:1 1 udp 1 127.0.0.1 5000 typ host", "candidate:2 1 udp 1 127.0.0.1 5001 typ host");

        bob.linkTo(alice).gather("candidate:3 1 udp 1 127.0.0.1 6000 typ host");
        bob.linkTo(alice).events.localCandidate(null);
        settle();
        assertThat(alice.linkTo(bob).remoteCandidates).extracting(c -> c.getString("candidate"))
                .containsExactly("candidate:3 1 udp 1 127.0.0.1 6000 typ host", "");
    }

    @Test
    void eitherSideRenegotiatesAndAColliderIsResolvedByPoliteness() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();

        bob.linkTo(alice).events.negotiationNeeded(); // bob starts sharing his screen
        settle();
        assertThat(sentTypes(bob, alice)).contains(CallSignal.NEGOTIATE);
        assertThat(alice.linkTo(bob).remoteDescriptions).last().asString().startsWith("offer:");
        assertThat(bob.linkTo(alice).state).isEqualTo("stable");
        assertThat(alice.linkTo(bob).state).isEqualTo("stable");

        // Both at once: Alice (the impolite offerer) ignores Bob's offer; Bob rolls back and answers hers.
        int aliceRemote = alice.linkTo(bob).remoteDescriptions.size();
        alice.linkTo(bob).events.negotiationNeeded();
        bob.linkTo(alice).events.negotiationNeeded();
        settle();
        assertThat(alice.linkTo(bob).remoteDescriptions.subList(aliceRemote, alice.linkTo(bob).remoteDescriptions.size()))
                .as("Alice took only Bob's answer").singleElement().asString().startsWith("answer:");
        assertThat(bob.linkTo(alice).remoteDescriptions).last().asString().startsWith("offer:");
        assertThat(alice.linkTo(bob).state).isEqualTo("stable");
        assertThat(bob.linkTo(alice).state).isEqualTo("stable");
        assertThat(alice.log.lines).anyMatch(l -> l.contains("ignored a colliding offer"));
    }

    @Test
    void aFailedConnectionRestartsIceThenStartsAFreshCall() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();
        FakePeerLinks.Link first = alice.linkTo(bob);
        String firstCall = wire.get(0).getObject("content").getString("call_id");

        first.events.connectionState("failed");
        settle();
        assertThat(first.iceRestarts).isEqualTo(1);
        assertThat(sentTypes(alice, bob)).contains(CallSignal.NEGOTIATE);
        assertThat(bob.linkTo(alice).iceRestarts).as("only the offerer restarts").isZero();

        time.advance(PeerSession.ICE_RESTART_TIMEOUT_MS + 1);
        assertThat(first.closed).isTrue();
        time.advance(MeshCall.RETRY_MIN_MS + 50);
        FakePeerLinks.Link second = alice.linkTo(bob);
        assertThat(second).isNotSameAs(first);
        assertThat(second.state).isEqualTo("stable");
        List<String> callIds = wire.stream().filter(m -> CallSignal.INVITE.equals(m.getString("type")))
                .map(m -> m.getObject("content").getString("call_id")).toList();
        assertThat(callIds).hasSize(2).doesNotHaveDuplicates().contains(firstCall);
        assertThat(bob.linkTo(alice)).as("Bob answers the new call on a new link").isNotNull();
        assertThat(bob.links.links).hasSize(2);
        assertThat(bob.links.links.get(0).closed).isTrue();
    }

    @Test
    void aRecoveredConnectionIsKept() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();
        FakePeerLinks.Link link = alice.linkTo(bob);
        link.events.connectionState("failed");
        settle();
        link.events.connectionState("connected");
        time.advance(PeerSession.ICE_RESTART_TIMEOUT_MS * 2);
        assertThat(link.closed).isFalse();
        assertThat(alice.links.links).hasSize(1);
    }

    @Test
    void anUnansweredInviteIsSentAgainAsANewCall() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        deliver = false;
        settle();
        deliver = true;
        time.advance(PeerSession.ANSWER_TIMEOUT_MS + MeshCall.RETRY_MIN_MS + 100);
        assertThat(sentTypes(alice, bob).stream().filter(CallSignal.INVITE::equals)).hasSize(2);
        assertThat(alice.linkTo(bob).state).as("the second invite was answered").isEqualTo("stable");
        assertThat(alice.log.lines).anyMatch(l -> l.contains("no answer"));
    }

    @Test
    void aLeaverIsDroppedAndLeavingHangsUpOnEveryone() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        Side carol = side(CAROL, "C");
        call(alice, bob, carol);
        settle();
        assertThat(alice.mesh.peers()).hasSize(2);

        member(carol, false, 0);
        everyoneSees();
        assertThat(alice.linkTo(carol).closed).isTrue();
        assertThat(sentTypes(alice, carol)).as("no hangup to a device already gone").doesNotContain(CallSignal.HANGUP);
        assertThat(alice.mesh.peers()).extracting(MediaTransport.Peer::key).containsExactly(bob.key());

        bob.mesh.stop();
        settle();
        assertThat(sentTypes(bob, alice)).endsWith(CallSignal.HANGUP);
        assertThat(bob.linkTo(alice).closed).isTrue();
        assertThat(alice.linkTo(bob).closed).as("the hangup closes Alice's side").isTrue();
    }

    @Test
    void aRejoinedDeviceGetsAFreshConnection() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();
        FakePeerLinks.Link first = alice.linkTo(bob);

        time.advance(10_000);
        bob.mesh.start(); // Bob reloaded: new session, new membership
        member(bob, true, time.nowMillis());
        everyoneSees();
        settle();
        assertThat(first.closed).isTrue();
        assertThat(alice.linkTo(bob)).isNotSameAs(first);
        assertThat(alice.linkTo(bob).state).isEqualTo("stable");
        assertThat(bob.linkTo(alice).state).isEqualTo("stable");
    }

    @Test
    void anInviteFromADeviceNotYetInTheCallWaitsForItsMembership() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        member(alice, true, time.nowMillis());
        member(bob, true, time.nowMillis());
        alice.mesh.start();
        bob.mesh.start();
        alice.mesh.participantsChanged(participants());
        bob.mesh.participantsChanged(List.of()); // Bob has not seen Alice's membership yet
        settle();
        assertThat(bob.log.lines).anyMatch(l -> l.contains("held an invite"));
        assertThat(bob.linkTo(alice)).isNull();

        bob.mesh.participantsChanged(participants());
        settle();
        assertThat(bob.linkTo(alice).state).isEqualTo("stable");
        assertThat(alice.linkTo(bob).state).isEqualTo("stable");
    }

    @Test
    void streamMetadataTravelsWithOffersAndChanges() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        alice.mesh.localMetadataChanged(new StreamMetadata(java.util.Map.of("cam-a",
                new StreamMetadata.Stream(StreamMetadata.USERMEDIA, false, false))));
        call(alice, bob);
        settle();
        MediaTransport.Peer seenByBob = bob.mesh.peers().get(0);
        assertThat(seenByBob.streams().get("cam-a").videoMuted()).isFalse();
        assertThat(seenByBob.connectionState()).isEqualTo("new");

        alice.mesh.localMetadataChanged(new StreamMetadata(java.util.Map.of(
                "cam-a", new StreamMetadata.Stream(StreamMetadata.USERMEDIA, true, true),
                "screen-a", new StreamMetadata.Stream(StreamMetadata.SCREENSHARE, true, false))));
        settle();
        assertThat(sentTypes(alice, bob)).contains(CallSignal.METADATA_CHANGED);
        seenByBob = bob.mesh.peers().get(0);
        assertThat(seenByBob.streams().get("cam-a").audioMuted()).isTrue();
        assertThat(seenByBob.streams().get("screen-a").isScreenshare()).isTrue();
    }

    // ---- hostile input --------------------------------------------------------------------------

    /** Runs a call in which every event from Alice to Bob passes {@code edit}; returns Bob's log. */
    private ListLog bobReceivesEdited(UnaryOperator<JsonObject> edit) {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        tamper = m -> ALICE.equals(m.getString("sender")) ? edit.apply(m) : m;
        call(alice, bob);
        settle();
        return bob.log;
    }

    private static UnaryOperator<JsonObject> content(java.util.function.Consumer<JsonObject> change) {
        return m -> {
            JsonObject copy = org.conclave.client.util.Json.parseObject(m.toJson());
            change.accept(copy.getObject("content"));
            return copy;
        };
    }

    @Test
    void signalsForAnotherCallAreIgnored() {
        ListLog log = bobReceivesEdited(content(c -> c.put("conf_id", "!other:ex.org")));
        assertThat(log.lines).anyMatch(l -> l.contains("for another call"));
        assertThat(sides.get(1).linkTo(sides.get(0))).isNull();
    }

    @Test
    void signalsWithoutRequiredFieldsAreIgnored() {
        for (String field : new String[] {"call_id", "party_id", "device_id", "sender_session_id", "dest_session_id"}) {
            sides.clear();
            wire.clear();
            ListLog log = bobReceivesEdited(content(c -> c.remove(field)));
            assertThat(log.lines).as(field).anyMatch(l -> l.contains("without a valid " + field));
            assertThat(sides.get(1).linkTo(sides.get(0))).as(field).isNull();
        }
    }

    @Test
    void malformedDescriptionsAndVersionsAreIgnored() {
        ListLog log = bobReceivesEdited(content(c -> {
            if (c.has("offer")) {
                c.put("offer", new JsonObject().put("type", "answer").put("sdp", "v=0"));
            }
        }));
        assertThat(log.lines).anyMatch(l -> l.contains("with a description of type other"));

        sides.clear();
        log = bobReceivesEdited(content(c -> {
            if (c.has("offer")) {
                c.put("offer", new JsonObject().put("type", "offer").put("sdp", "x".repeat(CallSignal.MAX_SDP + 1)));
            }
        }));
        assertThat(log.lines).anyMatch(l -> l.contains("without a usable sdp"));

        sides.clear();
        log = bobReceivesEdited(content(c -> c.put("version", "2")));
        assertThat(log.lines).anyMatch(l -> l.contains("unknown version"));

        sides.clear();
        log = bobReceivesEdited(content(c -> c.put("sdp_stream_metadata", new JsonObject().put("s",
                new JsonObject().put("purpose", "m.evil")))));
        assertThat(log.lines).anyMatch(l -> l.contains("malformed sdp_stream_metadata"));
    }

    @Test
    void malformedCandidatesAreIgnoredWholesale() {
        ListLog log = bobReceivesEdited(m -> {
            if (!CallSignal.CANDIDATES.equals(m.getString("type"))) {
                return m;
            }
            return content(c -> c.put("candidates", new JsonArray().add(new JsonObject().put("candidate", "x")))).apply(m);
        });
        Side alice = sides.get(0);
        Side bob = sides.get(1);
        alice.linkTo(bob).gather("candidate:1 1 udp 1 127.0.0.1 5000 typ host");
        settle();
        assertThat(log.lines).anyMatch(l -> l.contains("candidate for no media line"));
        assertThat(bob.linkTo(alice).remoteCandidates).isEmpty();
    }

    @Test
    void aSignalForAnEarlierSessionOrClaimingOurDeviceIsIgnored() {
        ListLog log = bobReceivesEdited(content(c -> c.put("dest_session_id", "stale")));
        assertThat(log.lines).anyMatch(l -> l.contains("for an earlier session"));

        sides.clear();
        log = bobReceivesEdited(m -> {
            JsonObject copy = content(c -> c.put("device_id", "B")).apply(m);
            return copy.put("sender", BOB);
        });
        assertThat(log.lines).anyMatch(l -> l.contains("claiming this very device"));
    }

    @Test
    void anInviteFromTheDeviceThatShouldAnswerIsIgnored() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();
        JsonObject forged = new JsonObject().put("type", CallSignal.INVITE).put("sender", BOB).put("content",
                CallSignal.common("forged", "B", ROOM, "s", "").put("offer",
                        new JsonObject().put("type", "offer").put("sdp", "v=0 forged")));
        alice.mesh.received(forged);
        settle();
        assertThat(alice.log.lines).anyMatch(l -> l.contains("which should answer our calls"));
        assertThat(alice.links.links).hasSize(1);
    }

    @Test
    void signalsFromDevicesNotInTheCallAndStaleCallsChangeNothing() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();
        int linksBefore = bob.links.links.size();
        bob.mesh.received(new JsonObject().put("type", CallSignal.ANSWER).put("sender", "@mallory:ex.org").put("content",
                CallSignal.common("c", "M", ROOM, "s", "").put("answer", new JsonObject().put("type", "answer").put("sdp", "v=0"))));
        bob.mesh.received(new JsonObject().put("type", CallSignal.HANGUP).put("sender", ALICE).put("content",
                CallSignal.common("an-old-call", "A", ROOM, "s", "")));
        settle();
        assertThat(bob.log.lines).anyMatch(l -> l.contains("from a device not in the call"));
        assertThat(bob.linkTo(alice).closed).as("a hangup for another call id does not end this one").isFalse();
        assertThat(bob.links.links).hasSize(linksBefore);
    }

    @Test
    void nonSignalsAreLeftForOthersAndNothingIsParsedBeforeStart() {
        Side alice = side(ALICE, "A");
        assertThat(alice.mesh.received(new JsonObject().put("type", "io.element.call.encryption_keys"))).isFalse();
        assertThat(alice.mesh.received(new JsonObject().put("type", CallSignal.INVITE).put("content", JsonValue.of("x"))))
                .as("a call signal, swallowed while not in a call").isTrue();
        assertThat(alice.links.links).isEmpty();
    }

    @Test
    void logsNeverCarrySdpOrCandidates() {
        Side alice = side(ALICE, "A");
        Side bob = side(BOB, "B");
        call(alice, bob);
        settle();
        alice.linkTo(bob).gather("candidate:1 1 udp 1 192.0.2.7 5000 typ host");
        settle();
        for (Side s : sides) {
            assertThat(s.log.lines).noneMatch(l -> l.contains("v=0") || l.contains("192.0.2.7"));
        }
    }
}
