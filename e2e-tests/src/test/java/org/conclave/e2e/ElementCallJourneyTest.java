package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.attr;
import static org.conclave.e2e.MeshCallJourneyTest.decodes;
import static org.conclave.e2e.MeshCallJourneyTest.tile;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Mixed calls: Conclave and Element Call's own published widget ({@code
 * @element-hq/element-call-embedded} from npm, on an origin of its own) in one call, both hosted
 * by the real matrix-widget-api host on the demo homeserver, through the same real LiveKit. Element
 * Call gets its LiveKit token from Conclave's token service. What Element Call shows is read from
 * its own page.
 */
class ElementCallJourneyTest extends SfuJourneyBase {
    static ElementCallSite elementCall;
    static final LocatorAssertions.HasAttributeOptions SLOW = new LocatorAssertions.HasAttributeOptions().setTimeout(20_000);

    @BeforeAll
    static void startElementCall() {
        elementCall = new ElementCallSite();
        restartServerWithSfu(livekit.url(), livekit.apiKey, livekit.apiSecret, "conclave.local", Map.of(),
                c -> c.withDemoElementCall(elementCall.url()));
        // Element Call's config names the token service on the widget server's origin, as an admin's would.
        elementCall.useTokenService("http://127.0.0.1:" + server.port() + "/livekit/jwt");
    }

    @AfterAll
    static void stopElementCall() {
        if (elementCall != null) {
            elementCall.close();
        }
    }

    @Override
    void expectedProblems(PageWatch watch) {
        super.expectedProblems(watch);
        watch.expect("^console error: Permissions policy violation: screen-wake-lock is not allowed",
                "Element Web's iframe does not delegate screen-wake-lock to its call widget; Element Call asks and logs it");
        watch.expect("^HTTP 404: POST http://[^ ]+(/_matrix/client/unstable/io\\.element\\.msc4195/rtc/livekit|/livekit/jwt)/delegate_delayed_leave$",
                "Element Call asks the homeserver and the token service whether they take over its delayed leave;"
                        + " 404 is the answer for no (neither does)");
        watch.expect("^console error: Failed to load resource: the server responded with a status of 404",
                "the browser's line for those two 404 answers (any other 404 fails the journey by its HTTP line)");
        watch.expect("^console error: MissingKey: missing key at index \\d+ for participant @",
                "Element Call, joining, receives frames under keys it is not given: media from before it joined"
                        + " (Conclave ratchets on join), until the new key is in use");
        watch.expect("^console error: \\[MatrixRTCSession [^\\]]+\\]\\[?[A-Za-z]*\\]? ?MembershipManager (stopped because|encountered an"
                + " unrecoverable error).*Not ready or unknown widget ID",
                "after its host hangs it up, Element Call stops its widget API while its membership manager still has"
                        + " a delayed-leave update queued, and logs the refusal (it has left by then)");
        watch.expect("^console error: MissingKey: key set not found for @[^ ]+ at index 0",
                "Element Call's own sender can start before its own first key is set; it drops those frames");
    }

    /** Opens {@code user} with Element Call's widget in {@code room}, in its lobby. */
    ElementCallPage elementCall(String user, String room) {
        return elementCall(user, room, "join_existing");
    }

    /** As above, with Element Web's {@code intent} (e.g. {@code join_existing_voice}: camera off). */
    ElementCallPage elementCall(String user, String room, String intent) {
        String ecOrigin = "http://" + elementCall.url().getRawAuthority();
        Participant p = new Participant(browser, hostOrigin(), user, room, "widget=element-call&intent=" + intent,
                context -> ElementCallPage.prepare(context, hostOrigin(), ecOrigin));
        participants.add(p);
        return new ElementCallPage(p);
    }

    /** Element Call's view: {@code displayName}'s video decodes, moves and is not a uniform picture; audio arrives. */
    static void elementCallDecodes(ElementCallPage ec, String displayName) throws InterruptedException {
        assertThat(within(20, () -> ec.framesShown(displayName) > 20)).as("Element Call shows " + displayName + "'s video: "
                + ec.received()).isTrue();
        int before = ec.framesShown(displayName);
        double energy = ec.received().path("audio").path("energy").asDouble();
        assertThat(within(10, () -> ec.framesShown(displayName) > before + 10
                && ec.received().path("audio").path("energy").asDouble() > energy))
                .as("Element Call keeps decoding " + displayName + "'s video and audio: " + ec.received()).isTrue();
        assertThat(ec.pictureDeviation(displayName)).as("Element Call sees a picture of " + displayName).isGreaterThan(3);
        assertThat(ec.saysNotEncrypted(displayName)).as("Element Call marks " + displayName + " not encrypted").isFalse();
    }

    @Test
    void conclaveAndElementCallSeeAndHearEachOther(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room, "");
        // For comparison in the same run: Carol joins with Conclave first.
        Participant carol = join("carol", room, "roomName=Mesh");
        carol.awaitReady();
        long carolClicked = System.nanoTime();
        carol.byTestId("join-button").click();
        long[] conclaveOnly = firstFrames(() -> shown(alice, "carol"), () -> shown(carol, "alice"), carolClicked);

        ElementCallPage bob = elementCall("bob", room);
        bob.participant.widget().locator("[data-testid=lobby_joinCall]").waitFor();
        long bobClicked = System.nanoTime();
        bob.joinFromLobby();
        long[] mixed = firstFrames(() -> bob.tile("Alice").count() > 0 ? bob.framesShown("Alice") : 0,
                () -> shown(alice, "bob"), bobClicked);
        System.out.printf("join to first frame: Element Call joins: %d ms at Element Call, %d ms at Conclave;"
                + " Conclave joins (same run): %d ms at the joiner, %d ms at the other%n", mixed[0], mixed[1],
                conclaveOnly[1], conclaveOnly[0]);

        // Conclave's side: Bob listed as an Element Call participant, his media decoded, and the
        // call protected in LiveKit's format, which the header and Bob's tile say.
        assertThat(alice.widget().locator("[data-testid=participant][data-user='@bob:conclave.local']"))
                .hasAttribute("data-client", "Element Call");
        decodes(alice, "bob");
        assertThat(alice.byTestId("e2ee-badge")).hasAttribute("data-format", "livekit", SLOW);
        assertThat(alice.byTestId("e2ee-badge")).containsText("Element Call compatible");
        assertThat(tile(alice, "bob").locator("[data-testid=tile-e2ee]")).hasAttribute("data-format", "livekit", SLOW);
        // Element Call's first frames can come before its own sender is set up to encrypt (it
        // then sends them as they are); Alice drops those. Once she decodes Bob, none fails.
        int failedAtStart = attr(alice, "bob", "data-failures");

        // Element Call's side, from its own page: the Conclave participants' tiles, their video
        // and audio decoded, encrypted.
        assertThat(bob.names()).contains("Alice", "Bob", "Carol");
        elementCallDecodes(bob, "Alice");
        elementCallDecodes(bob, "Carol");

        // Element Web's actions: Element Call told its host it joined, as Conclave does, and
        // the host's device mute reaches Conclave's view of Bob through LiveKit.
        assertThat(bob.participant.host("JSON.stringify(window.harness.elementActions.map(a => a.action))").toString())
                .contains("io.element.join");
        bob.participant.host("window.harness.deviceMute({audio_enabled: false})");
        assertThat(tile(alice, "bob")).hasAttribute("data-audio-muted", "true", SLOW);
        bob.participant.host("window.harness.deviceMute({audio_enabled: true})");
        assertThat(tile(alice, "bob")).hasAttribute("data-audio-muted", "false", SLOW);
        alice.host("window.harness.deviceMute({video_enabled: false})");
        assertThat(bob.tile("Alice")).hasAttribute("data-video-enabled", "false", SLOW);
        alice.host("window.harness.deviceMute({video_enabled: true})");
        assertThat(bob.tile("Alice")).hasAttribute("data-video-enabled", "true", SLOW);

        // Carol (Conclave) leaves: each sender left moves to a fresh key. Alice's new key reaches
        // Element Call (it keeps decoding her), and Element Call's own (its policy: a new random
        // key at the next index on any leave) reaches Alice (she reads Bob under index 1).
        int aliceIndex = sending(alice).path("index").asInt();
        carol.byTestId("leave-button").click();
        assertThat(within(15, () -> sending(alice).path("index").asInt() != aliceIndex))
                .as("Alice sends under a fresh key: " + sending(alice)).isTrue();
        int shownBefore = bob.framesShown("Alice");
        assertThat(within(15, () -> bob.framesShown("Alice") > shownBefore + 30))
                .as("Element Call decodes Alice under her fresh key").isTrue();
        assertThat(within(20, () -> attr(alice, "bob", "data-key-index") == 1))
                .as("Alice reads Element Call's new key: " + receivingFrom(alice, "bob")).isTrue();
        decodes(alice, "bob");
        assertThat(attr(alice, "bob", "data-failures")).as("frames of Bob's that failed at Alice once she decoded him: "
                + diagnostics(alice).path("frames").path("receiving")).isEqualTo(failedAtStart);
    }

    @Test
    void elementCallJoiningAndLeavingSwitchesTheFormatWithoutAGapOrAFailedFrame(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = conclaveInCall("alice", room);
        Participant bob = conclaveInCall("bob", room);
        List<Participant> conclave = List.of(alice, bob);
        everyoneDecodesEveryone(conclave);
        for (Participant p : conclave) {
            assertThat(p.byTestId("e2ee-badge")).hasAttribute("data-format", "sframe", SLOW);
        }
        // Erin joins with Element Call: Alice and Bob turn to LiveKit's format for everyone. She
        // joins as Element Web's voice call does, camera off: her camera is not what is measured,
        // and three simulcast layers of 720p more would only starve the two cores further. The
        // watch starts once her page has loaded, at her press on "Join call".
        ElementCallPage erin = elementCall("erin", room, "join_existing_voice");
        erin.participant.widget().locator("[data-testid=lobby_joinCall]").waitFor();
        watchFreezes(alice, "bob");
        watchFreezes(bob, "alice");
        erin.joinFromLobby();
        for (Participant p : conclave) {
            assertThat(p.byTestId("e2ee-badge")).hasAttribute("data-format", "livekit", SLOW);
            assertThat(within(10, () -> sending(p).path("format").asText().equals("livekit"))).isTrue();
        }
        elementCallDecodes(erin, "Alice");
        elementCallDecodes(erin, "Bob");
        double[] joining = {longestFreeze(alice, "bob"), longestFreeze(bob, "alice")};
        JsonNode[] joinSwitch = {receivingFrom(alice, "bob"), receivingFrom(bob, "alice")};

        // Carol joins with Conclave after Erin: Element Call sends its key to the joiner too (its
        // re-send on a join), and Carol's ratcheted key reaches Element Call.
        Participant carol = conclaveInCall("carol", room);
        assertThat(carol.byTestId("e2ee-badge")).hasAttribute("data-format", "livekit", SLOW);
        // Erin's camera is off: Carol reads her microphone's frames and hears her.
        assertThat(within(20, () -> receivingFromOrEmpty(carol, "erin").path("frames").asInt() > 50
                && MeshCallJourneyTest.energy(carol, "erin") > 0)).as("Carol reads and hears Erin: "
                        + receivingFromOrEmpty(carol, "erin")).isTrue();
        elementCallDecodes(erin, "Carol");

        // The host hangs Erin's Element Call up (Element Web's action): back to SFrame.
        erin.participant.host("window.harness.hangup()");
        for (Participant p : conclave) {
            assertThat(p.byTestId("e2ee-badge")).hasAttribute("data-format", "sframe", SLOW);
            assertThat(within(10, () -> sending(p).path("format").asText().equals("sframe"))).isTrue();
        }
        assertThat(tile(alice, "bob").locator("[data-testid=tile-e2ee]")).hasAttribute("data-format", "sframe", SLOW);
        decodes(alice, "bob");
        decodes(bob, "alice");
        double[] leaving = {longestFreeze(alice, "bob"), longestFreeze(bob, "alice")};
        JsonNode[] leaveSwitch = {receivingFrom(alice, "bob"), receivingFrom(bob, "alice")};
        String report = String.format("format switch, longest pause between a sender's last frame in one format and its"
                + " first in the other where they are read: Element Call joins: %.0f ms (Alice reads Bob), %.0f ms"
                + " (Bob reads Alice); it leaves: %.0f ms, %.0f ms (the longest of both)%n"
                + "longest freeze of Conclave's video on screen (Chromium's count, any cause: two busy cores, key frames"
                + " for a new subscriber): Element Call joins: %.0f ms, %.0f ms; it leaves: %.0f ms, %.0f ms",
                joinSwitch[0].path("longestSwitchGapMs").asDouble(), joinSwitch[1].path("longestSwitchGapMs").asDouble(),
                leaveSwitch[0].path("longestSwitchGapMs").asDouble(), leaveSwitch[1].path("longestSwitchGapMs").asDouble(),
                joining[0], joining[1], leaving[0], leaving[1]);
        System.out.println(report);
        // Element Call 0.26.1 answers the host's hangup by asking to be closed (Conclave answers
        // with its own im.vector.hangup, which Element Web also accepts).
        assertThat(erin.participant.host("JSON.stringify(window.harness.elementActions.map(a => a.action))").toString())
                .as("Element Call answers the host's hangup").contains("io.element.close");
        // Each sender switched both ways (audio and video each), and no switch paused its frames a second.
        for (JsonNode r : leaveSwitch) {
            assertThat(r.path("formatSwitches").asInt()).as(report).isGreaterThanOrEqualTo(4);
        }
        for (JsonNode r : List.of(joinSwitch[0], joinSwitch[1], leaveSwitch[0], leaveSwitch[1])) {
            assertThat(r.path("longestSwitchGapMs").asDouble()).as(report).isLessThan(1000);
        }
        // Both switches passed without a frame failing between the Conclave participants. (Should
        // one fail, the failures by key index and the key and format lines around say why.)
        assertThat(attr(alice, "bob", "data-failures")).as(() -> failureReport(alice, "bob")).isZero();
        assertThat(attr(bob, "alice", "data-failures")).as(() -> failureReport(bob, "alice")).isZero();
    }

    /** What {@code viewer}'s frame worker says of {@code user}'s frames, and its key and format log lines. */
    private static String failureReport(Participant viewer, String user) {
        String receiving;
        try {
            receiving = receivingFrom(viewer, user).toString();
        } catch (Exception e) {
            receiving = "(no stats: " + e.getMessage() + ")";
        }
        return viewer.user + " reading " + user + ": " + receiving.replaceAll("\"samples\":\\[[^\\]]*\\]", "") + "\n"
                + String.join("\n", viewer.console.stream().filter(l -> l.contains("keys:") || l.contains("frames:")).toList());
    }

    /**
     * Starts watching {@code viewer}'s receiver of {@code user}'s camera (the track its tile shows)
     * for freezes: Chromium counts one where two rendered frames are further apart than three
     * average frame times (and 150 ms more than one), and adds its length when it ends. Read
     * every 100 ms, so each reading's added length is one freeze's, or bounds the few it holds.
     * Frames are counted where WebRTC renders them, off the page's main thread.
     */
    static void watchFreezes(Participant viewer, String user) {
        viewer.widget().locator("html").evaluate("(_, user) => {"
                + " const st = {count: -1, seconds: 0, longest: 0};"
                + " window.journeyFreezes = window.journeyFreezes || {}; window.journeyFreezes[user] = st;"
                + " const read = async () => {"
                + "   const video = document.querySelector('[data-testid=tile][data-screenshare=false][data-user=\"' + user + '\"] video');"
                + "   const track = video && video.srcObject && video.srcObject.getVideoTracks()[0];"
                + "   if (!track) return;"
                + "   for (const pc of window.journeyConnections || []) {"
                + "     if (pc.connectionState === 'closed') continue;"
                + "     (await pc.getStats()).forEach(s => {"
                + "       if (s.type !== 'inbound-rtp' || s.trackIdentifier !== track.id) return;"
                + "       if (st.count >= 0 && s.freezeCount > st.count) {"
                + "         st.longest = Math.max(st.longest, s.totalFreezesDuration - st.seconds); }"
                + "       st.count = s.freezeCount; st.seconds = s.totalFreezesDuration; }); } };"
                + " setInterval(read, 100); }", userId(user));
    }

    /** The longest freeze (ms) since {@link #watchFreezes} or the last call, which starts a new watch. */
    static double longestFreeze(Participant viewer, String user) {
        return ((Number) viewer.widget().locator("html").evaluate("(_, user) => { const st = window.journeyFreezes[user];"
                + " const longest = st.longest; st.longest = 0; return longest * 1000; }", userId(user))).doubleValue();
    }

    /** What {@code viewer}'s frame worker counts of {@code user}'s frames (no key material). */
    static JsonNode receivingFrom(Participant viewer, String user) throws Exception {
        JsonNode receiving = diagnostics(viewer).path("frames").path("receiving");
        for (java.util.Iterator<String> it = receiving.fieldNames(); it.hasNext(); ) {
            String participant = it.next();
            if (participant.startsWith(userId(user) + "|")) {
                return receiving.path(participant);
            }
        }
        throw new AssertionError(viewer.user + " reads no frames of " + user + ": " + receiving);
    }

    /** As {@link #receivingFrom}, or an empty object while there is nothing yet. */
    static JsonNode receivingFromOrEmpty(Participant viewer, String user) {
        try {
            return receivingFrom(viewer, user);
        } catch (Exception | AssertionError e) {
            return JSON.createObjectNode();
        }
    }

    /** {@code user} with Conclave in {@code room}'s call, its connections kept for their statistics. */
    Participant conclaveInCall(String user, String room) {
        Participant p = new Participant(browser, hostOrigin(), user, room, "roomName=Mesh",
                context -> ElementCallPage.keepConnections(context, "http://127.0.0.1:" + server.port()));
        participants.add(p);
        p.awaitReady();
        p.byTestId("join-button").click();
        assertThat(p.byTestId("lobby")).hasAttribute("data-presence", "in", SLOW);
        return p;
    }

    @Test
    void raisedHandsAndReactionsCrossBetweenConclaveAndElementCall(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room, "");
        ElementCallPage bob = elementCall("bob", room);
        bob.joinFromLobby();
        com.microsoft.playwright.Locator bobAtAlice = tile(alice, "bob");
        assertThat(bobAtAlice).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                .setTimeout(30_000));
        // Element Call's own shortcut for its raise-hand button: its m.reaction reaches Conclave.
        bob.participant.widget().locator("body").press("h");
        assertThat(bobAtAlice).hasAttribute("data-hand-raised", "true", SLOW);
        // Conclave's hand and reaction reach Element Call, which shows them on Alice's tile.
        alice.byTestId("hand-button").click();
        assertThat(bob.tile("Alice").getByText("✋")).hasCount(1,
                new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(20_000));
        alice.byTestId("reactions-button").click();
        alice.widget().locator("[data-testid=reaction-choice][data-emoji='🎉']").click();
        assertThat(bob.participant.widget().getByText("🎉").first()).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        // Element Call lowers its hand by redacting the reaction; Alice lowers hers the same way.
        bob.participant.widget().locator("body").press("h");
        assertThat(bobAtAlice).hasAttribute("data-hand-raised", "false", SLOW);
        alice.byTestId("hand-button").click();
        assertThat(bob.tile("Alice").getByText("✋")).hasCount(0,
                new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(20_000));
    }

    @Test
    void elementCallWithoutTheKeysReceivesPacketsAndDecodesNothing(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room, "");
        MeshCallJourneyTest.withholdKeysFrom(room, "bob", "BOBDEVICE");
        ElementCallPage bob = elementCall("bob", room);
        bob.joinFromLobby();
        // Bob's keys still reach Alice: she decodes him.
        decodes(alice, "bob");
        assertThat(within(20, () -> bob.received().path("video").path("packets").asInt() > 200))
                .as("Element Call receives Alice's video: " + bob.received()).isTrue();
        // Another 300 packets arrive (some seconds of video), and still nothing decodes.
        int packets = bob.received().path("video").path("packets").asInt();
        assertThat(within(20, () -> bob.received().path("video").path("packets").asInt() > packets + 300))
                .as("Element Call keeps receiving Alice's video: " + bob.received()).isTrue();
        JsonNode received = bob.received();
        assertThat(received.path("video").path("decoded").asInt()).as("frames Element Call decoded: " + received).isZero();
        assertThat(bob.framesShown("Alice")).isZero();
    }

    /** Frames {@code viewer}'s tile of {@code user} has shown (0 before there is one). */
    static int shown(Participant viewer, String user) {
        Locator video = tile(viewer, user).locator("video");
        if (video.count() == 0) {
            return 0;
        }
        return ((Number) video.first().evaluate("v => v.getVideoPlaybackQuality().totalVideoFrames")).intValue();
    }

    /** Milliseconds from {@code clicked} until each counter of shown frames passes 0. */
    static long[] firstFrames(java.util.function.IntSupplier first, java.util.function.IntSupplier second, long clicked)
            throws InterruptedException {
        long[] at = {-1, -1};
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((at[0] < 0 || at[1] < 0) && System.nanoTime() < deadline) {
            if (at[0] < 0 && first.getAsInt() > 0) {
                at[0] = (System.nanoTime() - clicked) / 1_000_000;
            }
            if (at[1] < 0 && second.getAsInt() > 0) {
                at[1] = (System.nanoTime() - clicked) / 1_000_000;
            }
            Thread.sleep(10);
        }
        assertThat(at).as("both sides show a first frame").doesNotContain(-1L);
        return at;
    }

    static JsonNode sending(Participant p) {
        return SfuCallJourneyTest.sending(p);
    }
}
