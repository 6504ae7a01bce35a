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
    private final FakeLink link = new FakeLink();
    private final FakeTokens tokens = new FakeTokens();
    private SfuCall call;

    static final class FakeLink implements SfuCall.Link {
        final List<String> connects = new ArrayList<>();
        int disconnects;
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
            return participant.equals("@bob:ex.org|B") ? bob : null;
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
        call = new SfuCall("@alice:ex.org", "A", ROOM, link, tokens, time, time, log);
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
        assertThat(call.problem()).contains("401");
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
        assertThat(call.problem()).startsWith("The media server refused this device");
        time.advance(SfuCall.RETRY_MIN_MS);
        tokens.pending.get(1).unavailable("the token service answered 500 M_UNKNOWN");
        assertThat(call.problem()).startsWith("The media server cannot be reached").contains("500").endsWith("trying again.");
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
        assertThat(call.problem()).isEqualTo("Reconnecting to the media server…");
        link.events.lost("server went away");
        assertThat(call.problem()).isEqualTo("The media server cannot be reached; trying again.");
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
        call.prefetch(SERVICE);
        tokens.pending.get(0).granted("wss://sfu.ex.org", "AHEAD");
        call.start();
        assertThat(link.connects).containsExactly("wss://sfu.ex.org AHEAD");
        assertThat(tokens.services).as("no second fetch for the join").hasSize(1);
        link.events.lost("gone");
        time.advance(SfuCall.RETRY_MIN_MS);
        assertThat(tokens.services).as("a reconnect asks again").hasSize(2);

        call.stop();
        call.prefetch(SERVICE);
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

    @Test
    void identitiesOfTheLegacyTokenServiceNameTheirParticipant() {
        assertThat(SfuCall.participantOf("@alice:ex.org:DEVICE")).isEqualTo("@alice:ex.org|DEVICE");
        assertThat(SfuCall.participantOf("@alice:ex.org:8448:DEVICE")).isEqualTo("@alice:ex.org:8448|DEVICE");
        assertThat(SfuCall.participantOf("nocolon")).isEqualTo("nocolon");
    }
}
