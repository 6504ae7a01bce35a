package org.conclave.client.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.conclave.client.call.MediaTransport;
import org.conclave.client.mesh.StreamMetadata;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SfuCallTest {
    private static final String ROOM = "!r:ex.org";
    private static final String SERVICE = "https://rtc.ex.org/livekit/jwt";
    private final ListLog log = new ListLog();
    private final ManualScheduler time = new ManualScheduler();
    private static final String TWO = "https://rtc.two.org/livekit/jwt";
    private final FakeLinks links = new FakeLinks();
    private FakeLink link = new FakeLink(SERVICE, true);
    private final FakeTokens tokens = new FakeTokens();
    private SfuCall call;

    /** Links by service, the newest last; the own one is also {@link #link}. */
    final class FakeLinks implements SfuCall.Links {
        final List<FakeLink> opened = new ArrayList<>();

        @Override
        public SfuCall.Link open(String serviceUrl, boolean publishes) {
            FakeLink l = new FakeLink(serviceUrl, publishes);
            opened.add(l);
            if (serviceUrl.equals(SERVICE)) {
                link = l;
            }
            return l;
        }

        FakeLink to(String service) {
            FakeLink found = null;
            for (FakeLink l : opened) {
                if (l.service.equals(service)) {
                    found = l;
                }
            }
            return found;
        }
    }

    static final class FakeLink implements SfuCall.Link {
        final String service;
        final boolean publishes;
        final List<String> connects = new ArrayList<>();
        final java.util.Map<String, StreamMetadata> carries = new java.util.HashMap<>();
        boolean closed;
        int disconnects;

        FakeLink(String service, boolean publishes) {
            this.service = service;
            this.publishes = publishes;
        }

        @Override
        public void close() {
            disconnect();
            closed = true;
        }
        String state = "disconnected";
        Events events;
        StreamMetadata bob;

        @Override
        public void connect(String url, String jwt, Events events) {
            connects.add(url + " " + jwt);
            this.events = events;
            state = "connecting";
        }

        @Override
        public void disconnect() {
            disconnects++;
            events = null;
            state = "disconnected";
        }

        @Override
        public String state() {
            return state;
        }

        @Override
        public StreamMetadata streamsOf(String participant) {
            return participant.equals("@bob:ex.org|B") && bob != null ? bob : carries.get(participant);
        }

        @Override
        public void showing(Set<String> tileIds, int width, int height) {
            shown.add(tileIds + " " + width + "x" + height);
        }

        final List<String> shown = new ArrayList<>();
    }

    static final class FakeTokens implements SfuCall.Tokens {
        final List<Callback> pending = new ArrayList<>();
        final List<String> services = new ArrayList<>();

        @Override
        public void fetch(String serviceUrl, Callback callback) {
            services.add(serviceUrl);
            pending.add(callback);
        }
    }

    @BeforeEach
    void setUp() {
        call = new SfuCall("@alice:ex.org", "A", ROOM, links, tokens, time, time, log);
        call.useService(SERVICE);
    }

    @Test
    void theMembershipAdvertisesTheServiceInElementCallsForm() {
        assertThat(call.focusActive().toJson()).isEqualTo(CallMembership.livekitActive().toJson());
        JsonObject preferred = call.focusPreferred();
        assertThat(preferred.getString("type")).isEqualTo("livekit");
        assertThat(preferred.getString("livekit_service_url")).isEqualTo(SERVICE);
        assertThat(preferred.getString("livekit_alias")).isEqualTo(ROOM);
    }

    @Test
    void startingFetchesATokenThenConnects() {
        call.start();
        assertThat(tokens.services).containsExactly(SERVICE);
        assertThat(link.connects).isEmpty();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "JWT");
        assertThat(link.connects).containsExactly("wss://sfu.ex.org JWT");
    }

    @Test
    void aRefusedTokenIsTriedAgainWithBackoffAndSaysWhy() {
        call.start();
        tokens.pending.get(0).refused("the token service answered 401 M_UNAUTHORIZED");
        assertThat(call.problem().english()).contains("401");
        time.advance(SfuCall.RETRY_MIN_MS - 1);
        assertThat(tokens.services).hasSize(1);
        time.advance(1);
        assertThat(tokens.services).hasSize(2);
        tokens.pending.get(1).refused("again");
        time.advance(SfuCall.RETRY_MIN_MS);
        assertThat(tokens.services).as("the second wait is longer").hasSize(2);
        time.advance(SfuCall.RETRY_MIN_MS);
        assertThat(tokens.services).hasSize(3);
    }

    @Test
    void aServiceThatIsNotThereIsNotTakenForARefusal() {
        // LiveKit down behind the token service (a 5xx), or no answer at all: the screen says the
        // media server cannot be reached, not that it refused this device; tried again the same way.
        call.start();
        tokens.pending.get(0).refused("the token service answered 401 M_UNAUTHORIZED");
        assertThat(call.problem().english()).startsWith("The media server refused this device");
        time.advance(SfuCall.RETRY_MIN_MS);
        tokens.pending.get(1).unavailable("the token service answered 500 M_UNKNOWN");
        assertThat(call.problem().english()).startsWith("The media server cannot be reached").contains("500").endsWith("trying again.");
        time.advance(SfuCall.RETRY_MIN_MS * 2);
        assertThat(tokens.services).hasSize(3);
    }

    @Test
    void theScreenHearsWhyMediaCannotFlowUntilItFlowsAgain() {
        call.start();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "JWT1");
        link.state = "connected";
        link.events.changed();
        assertThat(call.problem()).isNull();
        link.state = "reconnecting";
        assertThat(call.problem().english()).isEqualTo("Reconnecting to the media server…");
        link.events.lost("server went away");
        assertThat(call.problem().english()).isEqualTo("The media server cannot be reached; trying again.");
        time.advance(SfuCall.RETRY_MIN_MS);
        tokens.pending.get(1).granted("wss://sfu.ex.org", "JWT2");
        link.state = "connected";
        link.events.changed();
        assertThat(call.problem()).as("connected again").isNull();
        call.stop();
        assertThat(call.problem()).isNull();
    }

    @Test
    void aLostConnectionGetsAFreshTokenAndConnection() {
        call.start();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "JWT1");
        link.state = "connected";
        link.events.changed();
        SfuCall.Link.Events first = link.events;
        first.lost("server went away");
        time.advance(SfuCall.RETRY_MIN_MS);
        tokens.pending.get(1).granted("wss://sfu.ex.org", "JWT2");
        assertThat(link.connects).containsExactly("wss://sfu.ex.org JWT1", "wss://sfu.ex.org JWT2");
    }

    @Test
    void aGrantFetchedInTheLobbyServesTheJoinOnceWhileFresh() {
        int[] prefetched = {0};
        call.prefetch(SERVICE, () -> prefetched[0]++);
        assertThat(prefetched[0]).isZero();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "AHEAD");
        assertThat(prefetched[0]).as("the lobby hears the grant is in").isEqualTo(1);
        call.start();
        assertThat(link.connects).containsExactly("wss://sfu.ex.org AHEAD");
        assertThat(tokens.services).as("no second fetch for the join").hasSize(1);
        link.events.lost("gone");
        time.advance(SfuCall.RETRY_MIN_MS);
        assertThat(tokens.services).as("a reconnect asks again").hasSize(2);

        call.stop();
        call.prefetch(SERVICE, () -> prefetched[0]++);
        tokens.pending.get(2).granted("wss://sfu.ex.org", "STALE");
        time.advance(SfuCall.PREFETCH_FRESH_MS);
        call.start();
        assertThat(tokens.services).as("a stale grant is not used").hasSize(4);
    }

    @Test
    void theSfuHearsWhichTilesAreOnScreen() {
        call.start();
        call.showing(Set.of("@bob:ex.org|B#screen"), 640, 360);
        assertThat(link.shown).containsExactly("[@bob:ex.org|B#screen] 640x360");
    }

    @Test
    void nothingHappensAfterStopping() {
        call.start();
        call.stop();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "JWT");
        assertThat(link.connects).isEmpty();
        assertThat(call.running()).isFalse();
    }

    @Test
    void peersAreTheLiveKitParticipantsWithWhatTheSfuCarries() {
        RoomState room = new RoomState(ROOM, log);
        for (String[] who : new String[][] {{"@alice:ex.org", "A"}, {"@bob:ex.org", "B"}, {"@carol:ex.org", "C"},
                {"@mesh:ex.org", "M"}}) {
            room.apply(new JsonObject().put("type", "m.room.member").put("state_key", who[0]).put("sender", who[0])
                    .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
            JsonObject active = who[0].startsWith("@mesh") ? CallMembership.meshTransport() : CallMembership.livekitActive();
            room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", who[0])
                    .put("state_key", "_" + who[0] + "_" + who[1] + "_m.call").put("origin_server_ts", 1000)
                    .put("content", CallMembership.joinContent(who[0], who[1], active, active, Double.NaN, 3_600_000)));
        }
        call.start();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "JWT");
        link.state = "connected";
        link.bob = StreamMetadata.NONE;
        call.participantsChanged(new Participants(log).derive(room, 2000));
        assertThat(call.peers()).extracting(MediaTransport.Peer::key).containsExactly("@bob:ex.org|B", "@carol:ex.org|C");
        assertThat(call.peers()).extracting(MediaTransport.Peer::connectionState)
                .as("Carol is not in the SFU room yet").containsExactly("connected", "connecting");
    }

    /** Call members, each {user, device, focus_selection, service, created_ts}. */
    private List<org.conclave.client.rtc.Participant> members(String[]... who) {
        RoomState room = new RoomState(ROOM, log);
        for (String[] m : who) {
            room.apply(new JsonObject().put("type", "m.room.member").put("state_key", m[0]).put("sender", m[0])
                    .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
            JsonObject active = new JsonObject().put("type", "livekit").put("focus_selection", m[2]);
            JsonObject preferred = m[3] == null ? new JsonObject().put("type", "livekit")
                    : CallMembership.livekitFocus(m[3], ROOM);
            room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", m[0])
                    .put("state_key", "_" + m[0] + "_" + m[1] + "_m.call").put("origin_server_ts", 1000)
                    .put("content", CallMembership.joinContent(m[0], m[1], active, preferred, Double.parseDouble(m[4]),
                            3_600_000)));
        }
        return new Participants(log).derive(room, 2000);
    }

    private static final String[] ALICE = {"@alice:ex.org", "A", "multi_sfu", SERVICE, "100"};
    private static final String[] BOB_ON_TWO = {"@bob:ex.org", "B", "multi_sfu", TWO, "200"};

    @Test
    void aPeerOnAnotherDeploymentsSfuIsReceivedThroughASubscribeOnlyConnectionThere() {
        call.start();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "OWN");
        call.participantsChanged(members(ALICE, BOB_ON_TWO));
        assertThat(call.services()).containsExactly(SERVICE, TWO);
        FakeLink two = links.to(TWO);
        assertThat(two.publishes).as("nothing of ours is sent to their SFU").isFalse();
        assertThat(link.publishes).isTrue();
        assertThat(tokens.services).as("a grant from their deployment's service").containsExactly(SERVICE, TWO);
        tokens.pending.get(1).granted("wss://sfu.two.org", "THEIRS");
        assertThat(two.connects).containsExactly("wss://sfu.two.org THEIRS");
        two.state = "connected";
        two.carries.put("@bob:ex.org|B", StreamMetadata.NONE);
        link.state = "connected";
        assertThat(call.peers()).extracting(MediaTransport.Peer::connectionState).containsExactly("connected");

        call.participantsChanged(members(ALICE));
        assertThat(two.closed).as("nobody publishes there any more").isTrue();
        assertThat(call.services()).containsExactly(SERVICE);
        assertThat(link.closed).isFalse();
    }

    @Test
    void aJoinConnectsToThePeersSfusAtOnceNotAfterItsMembershipComesBack() {
        call.participantsChanged(members(BOB_ON_TWO));
        call.start();
        assertThat(call.services()).containsExactly(SERVICE, TWO);
        assertThat(tokens.services).as("both grants asked for together").containsExactly(SERVICE, TWO);
        call.stop();
        call.start();
        assertThat(call.services()).as("a leave forgets the peers").containsExactly(SERVICE);
    }

    @Test
    void aPeerWithOldestMembershipPublishesWhereTheOldestMemberDoes() {
        // Element Call without a transport of its own (matrix-js-sdk): the oldest member's SFU.
        call.start();
        String[] carol = {"@carol:ex.org", "C", "oldest_membership", "https://rtc.three.org/jwt", "300"};
        call.participantsChanged(members(BOB_ON_TWO, carol, new String[] {"@alice:ex.org", "A", "multi_sfu", SERVICE, "400"}));
        assertThat(call.services()).as("Carol publishes on Bob's (the oldest) SFU, not her own").containsExactly(SERVICE, TWO);
        FakeLink two = links.to(TWO);
        two.state = "connected";
        two.carries.put("@carol:ex.org|C", StreamMetadata.NONE);
        assertThat(call.peers()).extracting(MediaTransport.Peer::key).containsExactly("@bob:ex.org|B", "@carol:ex.org|C");
        assertThat(call.peers()).extracting(MediaTransport.Peer::connectionState).containsExactly("connecting", "connected");
    }

    @Test
    void anotherDeploymentRefusingThisDeviceSaysWhichAndLeavesTheOwnSfuAlone() {
        call.start();
        tokens.pending.get(0).granted("wss://sfu.ex.org", "OWN");
        link.state = "connected";
        link.events.changed();
        call.participantsChanged(members(ALICE, BOB_ON_TWO));
        tokens.pending.get(1).refused("the token service answered 401 M_UNAUTHORIZED");
        assertThat(call.problem().english()).isEqualTo("The media server at rtc.two.org refused this device: the token service answered 401 M_UNAUTHORIZED");
        assertThat(link.disconnects).as("our own connection stays").isZero();
        time.advance(SfuCall.RETRY_MIN_MS);
        assertThat(tokens.services).containsExactly(SERVICE, TWO, TWO);
        tokens.pending.get(2).granted("wss://sfu.two.org", "THEIRS");
        FakeLink two = links.to(TWO);
        two.state = "connected";
        two.events.changed();
        assertThat(call.problem()).isNull();
    }

    @Test
    void theOwnSfusTroubleComesFirstOnTheScreen() {
        call.start();
        call.participantsChanged(members(ALICE, BOB_ON_TWO));
        tokens.pending.get(1).unavailable("the token service answered 503");
        tokens.pending.get(0).unavailable("the token service cannot be reached");
        assertThat(call.problem().english()).startsWith("The media server cannot be reached (the token service cannot be reached)");
    }

    @Test
    void hostileMembershipsCannotMakeTheDeviceConnectEverywhere() {
        call.start();
        List<String[]> many = new ArrayList<>();
        many.add(ALICE);
        for (int i = 0; i < 20; i++) {
            many.add(new String[] {"@p" + i + ":ex.org", "D", "multi_sfu", "https://sfu" + i + ".ex.org/jwt", "" + (200 + i)});
        }
        call.participantsChanged(members(many.toArray(new String[0][])));
        assertThat(call.services()).hasSize(SfuCall.MAX_CONNECTIONS);
        assertThat(log.warned("more than " + SfuCall.MAX_CONNECTIONS + " SFUs")).isTrue();
    }

    @Test
    void stoppingClosesEveryConnection() {
        call.start();
        call.participantsChanged(members(ALICE, BOB_ON_TWO));
        call.stop();
        assertThat(links.opened).allMatch(l -> l.closed);
        assertThat(call.services()).isEmpty();
    }

    @Test
    void identitiesOfTheLegacyTokenServiceNameTheirParticipant() {
        assertThat(SfuCall.participantOf("@alice:ex.org:DEVICE")).isEqualTo("@alice:ex.org|DEVICE");
        assertThat(SfuCall.participantOf("@alice:ex.org:8448:DEVICE")).isEqualTo("@alice:ex.org:8448|DEVICE");
        assertThat(SfuCall.participantOf("nocolon")).isEqualTo("nocolon");
    }
}
