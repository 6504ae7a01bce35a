package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.assertions.LocatorAssertions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Journeys on a real homeserver: the run's {@link SynapseServer}, and host pages that are real
 * Matrix clients of it (the harness with {@code homeserver=}: matrix-js-sdk with its Rust crypto,
 * one new device per participant), the widget in them as in every journey.
 */
abstract class SynapseJourneyBase extends JourneyBase {
    static SynapseServer synapse;

    @BeforeAll
    static void startSynapse() throws Exception {
        synapse = SynapseServer.shared();
    }

    @Override
    void expectedProblems(PageWatch watch) {
        super.expectedProblems(watch);
        watch.expect("^HTTP 404: GET http://127\\.0\\.0\\.1:[0-9]+/_matrix/client/v3/room_keys/version$",
                "matrix-js-sdk asks at start whether the account has a key backup; these test accounts have none");
        watch.expect("^console error: Failed to load resource: the server responded with a status of 404 \\(Not Found\\) \\(http://localhost:[0-9]+/demo/host\\?",
                "Chromium's line for the same 404 (it names the page, not the request)");
    }

    /** A room on Synapse and a fresh device of each of its people, by localpart. */
    record Room(String id, Map<String, SynapseServer.Session> sessions) {
        SynapseServer.Session session(String person) {
            return sessions.get(person);
        }
    }

    /** A new encrypted room whose members are {@code people} (localparts), each on a new device. */
    static Room room(String... people) throws Exception {
        Map<String, SynapseServer.Session> sessions = new LinkedHashMap<>();
        for (String person : people) {
            sessions.put(person, synapse.login(person));
        }
        List<SynapseServer.Session> others = new ArrayList<>(sessions.values()).subList(1, people.length);
        return new Room(synapse.roomWith(sessions.get(people[0]), others), sessions);
    }

    /** Opens {@code person}'s host page on Synapse, signed in as their device; {@code query} adds host parameters. */
    Participant openOnSynapse(Room room, String person, String query) {
        return openOnSynapse(room, person, query, "");
    }

    /** As above; {@code hostScript} runs in the host page before its own scripts (test knobs of the host). */
    Participant openOnSynapse(Room room, String person, String query, String hostScript) {
        SynapseServer.Session session = room.session(person);
        String hostQuery = "device=" + session.deviceId() + "&homeserver=" + URLEncoder.encode(synapse.url(), StandardCharsets.UTF_8)
                + "&roomName=Synapse" + query;
        // The session goes to the host page before its scripts run, never in its URL, and never to
        // the widget's frame (init scripts run in every frame; only the top one is the host's).
        String login = "if (window.top === window) { window.conclaveHostSession = "
                + JSON.createObjectNode().put("accessToken", session.accessToken()) + "; " + hostScript + " }";
        Participant p = new Participant(browser, hostOrigin(), session.userId(), room.id(), hostQuery,
                context -> context.addInitScript(login));
        participants.add(p);
        return p;
    }

    /** {@code person} on Synapse in the room's call, joined. */
    Participant inCallOnSynapse(Room room, String person, String query) {
        Participant p = openOnSynapse(room, person, query);
        p.awaitReady();
        p.byTestId("join-button").click();
        assertThat(p.byTestId("lobby")).hasAttribute("data-presence", "in",
                new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
        return p;
    }

    /** Alice and Bob of {@code room} on Synapse, in its call, each decoding the other. */
    List<Participant> aliceAndBobDecodingOnSynapse(Room room) throws InterruptedException {
        Participant alice = inCallOnSynapse(room, "alice", "");
        Participant bob = inCallOnSynapse(room, "bob", "");
        MeshCallJourneyTest.decodes(alice, bob.user);
        MeshCallJourneyTest.decodes(bob, alice.user);
        return List.of(alice, bob);
    }

    /** How many to-device messages of {@code type} reached {@code p}'s host, {@code encrypted} or in the clear. */
    static int toDeviceIn(Participant p, String type, boolean encrypted) {
        Object n = p.host("window.harness.toDeviceIn[" + JSON.valueToTree(type) + "]?." + (encrypted ? "encrypted" : "clear") + " ?? 0");
        return ((Number) n).intValue();
    }
}
