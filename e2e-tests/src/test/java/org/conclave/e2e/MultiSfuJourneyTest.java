package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.decodes;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.conclave.server.token.LiveKitNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Calls across two deployments, Element Call's multi-SFU way, on real servers ({@link
 * TwoDeployments}: two token services, two LiveKits). The demo homeserver gives each user its own
 * deployment's SFU as RTC transport; each token service gives the other's users subscribe-only
 * grants. Everyone publishes to their own SFU and subscribes to every SFU a peer publishes on.
 */
class MultiSfuJourneyTest extends JourneyBase {
    static final String ONE = TwoDeployments.ONE;
    static final String TWO = TwoDeployments.TWO;
    static TwoDeployments rig;
    static LiveKitServer livekitOne;
    static LiveKitServer livekitTwo;
    static String serviceTwo;

    @BeforeAll
    static void startDeployments() throws Exception {
        server.stop();
        rig = TwoDeployments.start();
        server = rig.one; // the class's server: the demo host pages, the relay, deployment one
        livekitOne = rig.livekitOne;
        livekitTwo = rig.livekitTwo;
        serviceTwo = rig.serviceTwo();
    }

    @AfterAll
    static void stopDeployments() {
        if (rig != null) {
            server = null; // stopped with the rig
            rig.close();
        }
    }

    static String serviceOne() {
        return rig.serviceOne();
    }

    static String on(String deployment, String name) {
        return TwoDeployments.user(deployment, name);
    }

    /** Tracks each identity publishes in the call's LiveKit room on {@code sfu}, by user id. */
    static Map<String, Integer> tracksOn(LiveKitServer sfu, String room) {
        Map<String, Integer> byUser = new java.util.TreeMap<>();
        try {
            sfu.publishedTracks(LiveKitNames.room(room, LiveKitNames.ROOM_SLOT))
                    .forEach((identity, tracks) -> byUser.put(identity.substring(0, identity.lastIndexOf(':')), tracks));
        } catch (Exception e) {
            throw new IllegalStateException("LiveKit's room service: " + e.getMessage(), e);
        }
        return byUser;
    }

    /** {@code p}'s connections to SFUs as its diagnostics list them. */
    static List<JsonNode> connections(Participant p) {
        List<JsonNode> out = new ArrayList<>();
        try {
            SfuJourneyBase.diagnostics(p).path("sfu").path("connections").forEach(out::add);
        } catch (Exception e) {
            throw new IllegalStateException("diagnostics: " + e.getMessage(), e);
        }
        return out;
    }

    @Test
    void aliceOnOneBobOnTwoAndCarolOnOneDecodeEachOtherThroughTheirOwnSfus(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall(on(ONE, "alice"), room);
        Participant bob = inCall(on(TWO, "bob"), room);
        Participant carol = inCall(on(ONE, "carol"), room);
        everyoneDecodesEveryone(List.of(alice, bob, carol));

        // LiveKit's own view: each publishes on its deployment's SFU only, and watches the other.
        Map<String, Integer> one = tracksOn(livekitOne, room);
        Map<String, Integer> two = tracksOn(livekitTwo, room);
        System.out.println("journey: tracks published on SFU one " + one + ", on SFU two " + two);
        Assertions.assertThat(one.get(alice.user)).as("Alice publishes on SFU one: " + one).isGreaterThanOrEqualTo(2);
        Assertions.assertThat(one.get(carol.user)).as("Carol publishes on SFU one: " + one).isGreaterThanOrEqualTo(2);
        Assertions.assertThat(one.get(bob.user)).as("Bob only subscribes on SFU one: " + one).isZero();
        Assertions.assertThat(two.get(bob.user)).as("Bob publishes on SFU two: " + two).isGreaterThanOrEqualTo(2);
        Assertions.assertThat(two.get(alice.user)).as("Alice only subscribes on SFU two: " + two).isZero();
        Assertions.assertThat(two.get(carol.user)).as("Carol only subscribes on SFU two: " + two).isZero();

        // The widgets' view: two connections each, the own one publishing, media on both SFUs' ports.
        for (Participant p : List.of(alice, bob, carol)) {
            String own = p == bob ? serviceTwo : serviceOne();
            String other = p == bob ? serviceOne() : serviceTwo;
            LiveKitServer ownSfu = p == bob ? livekitTwo : livekitOne;
            LiveKitServer otherSfu = p == bob ? livekitOne : livekitTwo;
            Assertions.assertThat(within(10, () -> connections(p).size() == 2
                    && connections(p).stream().allMatch(c -> c.path("pairs").size() > 0))).as(p.user + ": " + connections(p)).isTrue();
            for (JsonNode c : connections(p)) {
                boolean mine = c.path("service").asText().equals(own);
                Assertions.assertThat(c.path("service").asText()).isIn(own, other);
                Assertions.assertThat(c.path("publishes").asBoolean()).as(p.user + " publishes only on its own SFU").isEqualTo(mine);
                Assertions.assertThat(c.path("state").asText()).isEqualTo("connected");
                for (JsonNode pair : c.path("pairs")) {
                    Assertions.assertThat(pair.path("local").asText()).startsWith("127.");
                    Assertions.assertThat((mine ? ownSfu : otherSfu).carries(pair.path("remotePort").asInt()))
                            .as(p.user + "'s media to " + c.path("service").asText() + " goes to that deployment's SFU: " + pair).isTrue();
                }
            }
        }
    }

    @Test
    void aLeaverOnDeploymentTwoCannotReadWhatFollows(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall(on(ONE, "alice"), room);
        Participant bob = inCall(on(TWO, "bob"), room);
        Participant carol = inCall(on(TWO, "carol"), room);
        decodes(alice, bob.user);
        decodes(bob, alice.user);
        decodes(carol, alice.user);
        decodes(alice, carol.user);
        MeshCallJourneyTest.carolLeavesAndCannotRead(alice, bob, carol, room);
        // Carol's SFU stays in use (Bob publishes there): Alice still has both connections.
        Assertions.assertThat(connections(alice)).hasSize(2);
    }

    @Test
    void theLastPeerOnAnotherSfuLeavingClosesTheConnectionThere(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall(on(ONE, "alice"), room);
        Participant bob = inCall(on(TWO, "bob"), room);
        decodes(alice, bob.user);
        Assertions.assertThat(connections(alice)).hasSize(2);
        bob.byTestId("leave-button").click();
        Assertions.assertThat(within(10, () -> connections(alice).size() == 1)).as("Alice leaves SFU two: " + connections(alice))
                .isTrue();
        Assertions.assertThat(connections(alice).get(0).path("service").asText()).isEqualTo(serviceOne());
        Assertions.assertThat(within(10, () -> !tracksOn(livekitTwo, room).containsKey(alice.user)))
                .as("SFU two no longer has Alice: " + tracksOn(livekitTwo, room)).isTrue();
    }

    @Test
    void aUserHisOwnDeploymentRefusesIsToldSoAndTheOthersGoOn(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall(on(ONE, "alice"), room);
        Participant carol = inCall(on(TWO, "carol"), room);
        decodes(alice, carol.user);
        // Bob's host hands his widget OpenID tokens his homeserver never issued: both deployments
        // ask the homeserver, it does not vouch, both refuse him.
        Participant bob = new Participant(browser, hostOrigin(), on(TWO, "bob"), room, "roomName=Mesh",
                context -> context.addInitScript("window.conclaveHostForgesOpenId = true;"));
        participants.add(bob);
        String why = "the token services refuse Bob's forged OpenID token (401), as the journey means them to";
        bob.watch.expect("^HTTP 401: POST http://127\\.0\\.0\\.1:[0-9]+/livekit/jwt/", why)
                .expect("^console error: Failed to load resource: the server responded with a status of 401", why);
        bob.awaitReady();
        bob.byTestId("join-button").click();
        assertThat(bob.byTestId("call-problem")).containsText("The media server refused this device",
                new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        Assertions.assertThat(bob.byTestId("call-problem").textContent()).contains("401").contains("M_UNAUTHORIZED");
        System.out.println("journey: refused by his own deployment, Bob's screen says: " + bob.byTestId("call-problem").textContent());
        // Alice and Carol are not held up by it.
        decodes(alice, carol.user);
        decodes(carol, alice.user);
    }

    @Test
    void withHisOwnSfuDownAtJoinBobIsToldSoStillReceivesTheOthersAndIsSeenWhenItIsBack(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall(on(ONE, "alice"), room);
        Participant carol = inCall(on(ONE, "carol"), room);
        decodes(alice, carol.user);
        livekitTwo.kill();
        Participant bob;
        try {
            bob = inCall(on(TWO, "bob"), room);
            String why = "with LiveKit two down its token service cannot make the room and answers 500, as lk-jwt-service does";
            for (Participant p : List.of(alice, bob, carol)) {
                p.watch.expect("^HTTP 500: POST http://127\\.0\\.0\\.1:\\d+/livekit/jwt/", why)
                        .expect("^console error: Failed to load resource: the server responded with a status of 500", why);
                SfuJourneyBase.expectSfuGoingAway(p.watch);
            }
            assertThat(bob.byTestId("call-problem")).containsText("The media server cannot be reached",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            System.out.println("journey: with his own SFU down Bob's screen says: " + bob.byTestId("call-problem").textContent());
            // Subscribe-only on deployment one: Bob sees and hears Alice and Carol meanwhile.
            decodes(bob, alice.user);
            decodes(bob, carol.user);
            decodes(alice, carol.user);
        } finally {
            livekitTwo.restart();
        }
        // Nobody does anything: Bob's widget and the others' try again by themselves.
        decodes(alice, bob.user);
        decodes(carol, bob.user);
        assertThat(bob.byTestId("call-problem")).isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(30_000));
    }
}
