package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mesh calls on a real Synapse: membership in the room's state through a real homeserver, media
 * keys and call signalling Olm-encrypted between real devices (matrix-js-sdk's Rust crypto in the
 * host pages), the delayed leave fired by Synapse itself.
 */
class SynapseMeshJourneyTest extends SynapseJourneyBase {
    static final String KEYS = "io.element.call.encryption_keys";
    static final String MEMBER = "org.matrix.msc3401.call.member";

    @Test
    void twoPeopleHoldAnEncryptedCallOverOlm() throws Exception {
        Room room = room("alice", "bob");
        List<Participant> both = aliceAndBobDecodingOnSynapse(room);
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        // Every key and signal came through Synapse Olm-encrypted, none in the clear.
        for (Participant p : List.of(alice, bob)) {
            assertThat(p.widget().locator("html").evaluate("() => typeof window.conclaveHostSession"))
                    .as("the host's session never reaches the widget's frame").isEqualTo("undefined");
            assertThat(toDeviceIn(p, KEYS, true)).as(p.user + " got keys over Olm").isGreaterThan(0);
            assertThat(toDeviceIn(p, KEYS, false)).as(p.user + " got no cleartext keys").isZero();
            assertThat(toDeviceIn(p, "m.call.invite", true) + toDeviceIn(p, "m.call.answer", true))
                    .as(p.user + " got call signalling over Olm").isGreaterThan(0);
            // Synapse's TURN servers reached the widget's connections, its credentials no log.
            assertThat(MeshCallJourneyTest.within(10, () -> MeshCallJourneyTest.iceServers(p).contains(SynapseServer.TURN_URI)))
                    .as(MeshCallJourneyTest.iceServers(p)).isTrue();
            assertThat(p.console).noneMatch(l -> l.matches("(?s).*[0-9]{9,}:@[a-z]+:synapse\\.test.*"));
        }
    }

    @Test
    void aClosedPageLeavesWhenSynapseFiresItsDelayedLeave() throws Exception {
        Room room = room("alice", "bob");
        List<Participant> both = aliceAndBobDecodingOnSynapse(room);
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        int alicesIndex = MeshCallJourneyTest.attr(alice, alice.user, "data-key-index");
        expectedProblems(bob.watch);
        assertThat(bob.watch.unexpected()).as("Bob's page before it closes").isEmpty();

        long closedAt = System.nanoTime();
        bob.close(); // no hangup: the tab is gone, and only Synapse can say Bob left
        participants.remove(bob);
        assertThat(MeshCallJourneyTest.within(40, () -> MeshCallJourneyTest.tile(alice, bob.user).count() == 0))
                .as("Alice drops Bob's tile").isTrue();
        System.out.printf("journey (Synapse): a closed page left the call after %.1f s (delayed leave %.0f s)%n",
                (System.nanoTime() - closedAt) / 1e9, 18.0);
        // Synapse itself sent Bob's empty membership (the delayed event), as Bob's device.
        JsonNode bobs = null;
        for (JsonNode e : synapse.state(room.session("alice"), room.id())) {
            if (MEMBER.equals(e.path("type").asText()) && e.path("sender").asText().equals(bob.user)) {
                bobs = e;
            }
        }
        assertThat(bobs).as("Bob's membership in Synapse's state").isNotNull();
        assertThat(bobs.path("content").size()).as("emptied by the delayed leave").isZero();
        // Alice protects what follows with a fresh key that Bob never got.
        assertThat(MeshCallJourneyTest.within(10, () -> MeshCallJourneyTest.attr(alice, alice.user, "data-key-index")
                != alicesIndex)).as("Alice's key moved on after the leave").isTrue();
    }

    @Test
    void rateLimitedDelayedLeaveRestartsDropNobody() throws Exception {
        Room room = room("alice", "bob");
        List<Participant> both = aliceAndBobDecodingOnSynapse(room);
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        for (Participant p : List.of(alice, bob)) {
            String why = "this journey has Synapse refuse delayed-event restarts (429): the host's request fails,"
                    + " matrix-widget-api logs the error, the widget tries again when Synapse says";
            p.watch.expect("^HTTP 429: POST http://127\\.0\\.0\\.1:[0-9]+/_matrix/client/unstable/org\\.matrix\\.msc4140/delayed_events/", why);
            p.watch.expect("^console error: Failed to load resource: the server responded with a status of 429 ", why);
            p.watch.expect("^console error: error updating delayed event: +M_LIMIT_EXCEEDED", why);
        }
        // matrix-js-sdk restarts delayed events without an access token (the delay id is the
        // secret), so Synapse rate-limits them per address (1/s, burst 5): other clients behind
        // the same address (a busy office's NAT; here, loopback) use that budget up for 10 s,
        // taking nearly every token as it refills. Alice's and Bob's restarts in that time are
        // refused with 429 and the delay Synapse asks for. Synapse holds each refusal 0.5 s, so
        // ten request loops, staggered, ask every 50 ms or so.
        java.util.concurrent.atomic.AtomicInteger limited = new java.util.concurrent.atomic.AtomicInteger();
        long end = System.nanoTime() + 10_000_000_000L;
        List<Thread> neighbours = new java.util.ArrayList<>();
        for (int t = 0; t < 10; t++) {
            long stagger = t * 50L;
            Thread requests = new Thread(() -> {
                try {
                    Thread.sleep(stagger);
                    while (System.nanoTime() < end) {
                        if (synapse.restartDelayedEvent("not-a-delay-id") == 429) {
                            limited.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            requests.start();
            neighbours.add(requests);
        }
        // Through the refusals and 20 s beyond (past the 18 s a lost delayed leave would take to
        // fire), nobody loses anybody.
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            assertThat(MeshCallJourneyTest.tile(bob, alice.user).count()).as("Bob still has Alice").isEqualTo(1);
            assertThat(MeshCallJourneyTest.tile(alice, bob.user).count()).as("Alice still has Bob").isEqualTo(1);
            bob.page.waitForTimeout(250);
        }
        for (Thread requests : neighbours) {
            requests.join();
        }
        assertThat(limited.get()).as("Synapse rate-limited this address's delayed-event management").isGreaterThan(50);
        List<String> consoles = new java.util.ArrayList<>(alice.console);
        consoles.addAll(bob.console);
        assertThat(consoles).as("restarts were refused and tried again")
                .anyMatch(l -> l.contains("restarting the delayed leave refused") && l.contains("trying again in"));
        for (Participant p : List.of(alice, bob)) {
            assertThat(p.console).as(p.user + " never took its delayed leave for lost").noneMatch(l -> l.contains("delayed leave lost"));
            assertThat(synapse.delayedEvents(room.session(p == alice ? "alice" : "bob"))).as("one delayed leave, not a second").hasSize(1);
        }
        MeshCallJourneyTest.decodes(bob, alice.user);
    }

    @Test
    void aDeviceWhoseHostWithholdsItsKeysDecodesNothing() throws Exception {
        Room room = room("alice", "bob", "carol");
        Participant alice = inCallOnSynapse(room, "alice", "");
        Participant bob = inCallOnSynapse(room, "bob", "");
        // Carol's own host drops every key message Synapse delivers her (after decrypting it),
        // so her widget never sees one: nothing here trusts the widget to behave.
        Participant carol = openOnSynapse(room, "carol", "");
        carol.awaitReady();
        carol.host("window.harness.withholdToDevice = ['" + KEYS + "']");
        carol.byTestId("join-button").click();
        MeshCallJourneyTest.keylessDecodesNothing(carol, List.of(alice, bob));
        assertThat(toDeviceIn(carol, KEYS, true)).as("keys reached Carol's device over Olm").isGreaterThan(0);
        assertThat(((Number) carol.host("window.harness.withheld")).intValue()).as("and her host withheld them").isGreaterThan(0);
    }

    @Test
    void forgedAndCleartextKeysAreRefused() throws Exception {
        Room room = room("alice", "bob", "mallory");
        List<Participant> both = aliceAndBobDecodingOnSynapse(room);
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        int bobsIndex = MeshCallJourneyTest.attr(alice, bob.user, "data-key-index");
        int failuresBefore = MeshCallJourneyTest.attr(alice, bob.user, "data-failures");
        SynapseServer.Session aliceDevice = room.session("alice");
        SynapseServer.Session bobDevice = room.session("bob");

        // Mallory, in the room but not in the call, Olm-encrypts keys to Alice's device: one
        // claiming Bob's device for the index Bob uses now and the next, one for herself.
        Participant mallory = openOnSynapse(room, "mallory", "");
        mallory.awaitReady();
        for (ObjectNode content : List.of(keyContent(room.id(), bobsIndex, bobDevice), keyContent(room.id(), (bobsIndex + 1) % 256, bobDevice),
                keyContent(room.id(), 0, room.session("mallory")))) {
            ObjectNode messages = JSON.createObjectNode();
            messages.putObject(aliceDevice.userId()).set(aliceDevice.deviceId(), content);
            mallory.page.evaluate("([type, messages]) => window.harness.sendToDeviceAsHost(type, true, JSON.parse(messages))",
                    List.of(KEYS, messages.toString()));
        }
        assertThat(MeshCallJourneyTest.within(15, () -> toDeviceIn(alice, KEYS, true) >= 3
                && alice.console.stream().filter(l -> l.contains("from " + mallory.user + " until its membership")).count() == 3))
                .as("Alice's host got Mallory's keys over Olm; her widget held them back for a membership Mallory has not")
                .isTrue();

        // A key "from Bob" that reached Alice's device in the clear (sent through Synapse's API
        // with Bob's own access token, not Olm-encrypted): refused.
        int clearBefore = toDeviceIn(alice, KEYS, false);
        synapse.sendToDeviceInClear(bobDevice, KEYS, aliceDevice.userId(), aliceDevice.deviceId(),
                keyContent(room.id(), (bobsIndex + 2) % 256, bobDevice));
        assertThat(MeshCallJourneyTest.within(15, () -> toDeviceIn(alice, KEYS, false) == clearBefore + 1
                && alice.console.stream().anyMatch(l -> l.contains("refused a cleartext " + KEYS + " from " + bob.user))))
                .as("Alice's widget refused the cleartext key, with a reason").isTrue();

        // Bob goes on decoding with the key he sent, and none of the planted ones.
        MeshCallJourneyTest.decodes(alice, bob.user);
        assertThat(MeshCallJourneyTest.attr(alice, bob.user, "data-failures")).as("no frame of Bob failed").isEqualTo(failuresBefore);
        assertThat(MeshCallJourneyTest.tile(alice, mallory.user).count()).as("Mallory has no tile").isZero();
        assertThat(alice.console).noneMatch(l -> l.contains("cGxhbnRlZC"));
    }

    /** A key message for {@code room} claiming {@code claimed}'s device, with a planted key. */
    static ObjectNode keyContent(String room, int index, SynapseServer.Session claimed) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("keys").put("index", index).put("key", "cGxhbnRlZC1rZXktcGxhbnRlZC1rZXktcGxhbnRlZCE=");
        content.put("room_id", room);
        content.putObject("member").put("claimed_device_id", claimed.deviceId()).put("id", claimed.userId() + ":" + claimed.deviceId());
        content.putObject("session").put("call_id", "").put("application", "m.call").put("scope", "m.room");
        content.put("sent_ts", System.currentTimeMillis());
        return content;
    }
}
