package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.attr;
import static org.conclave.e2e.MeshCallJourneyTest.decodes;
import static org.conclave.e2e.MeshCallJourneyTest.tile;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.conclave.server.config.Secret;
import org.conclave.server.token.LiveKitNames;
import org.conclave.server.token.LiveKitTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Calls through a real LiveKit SFU, every frame SFrame-protected in the frame worker: media in
 * all directions on loopback candidate pairs, a participant without keys and a plain
 * livekit-client subscriber (what the SFU's operator could run) that receive everything and
 * decode nothing (one sender on the createEncodedStreams() fallback), forward secrecy across a
 * leave, a dropped network and a LiveKit restart (the screen says so meanwhile), video only
 * for the tiles on screen, and a connection made in the lobby that takes the host's TURN servers
 * of the moment of the join, and those the host renews mid-call.
 */
class SfuCallJourneyTest extends SfuJourneyBase {
    /** Problems the SDK reports while its server or network is gone, expected by the journeys that take them away. */
    private boolean sfuGoesAway;

    @Override
    void expectedProblems(PageWatch watch) {
        super.expectedProblems(watch);
        if (sfuGoesAway) {
            expectSfuGoingAway(watch);
        }
    }

    /**
     * {@code user}'s lobby once it says the SFU is ready: the SDK loaded, a grant fetched, the
     * frame worker started and the connection with its first offer made, all ahead of the join.
     */
    private Participant readySfuLobby(String user, String room, String params) {
        Participant p = join(user, room, params);
        p.awaitReady();
        assertThat(p.byTestId("lobby")).hasAttribute("data-sfu", "ready");
        return p;
    }

    @Test
    void threeParticipantsDecodeEachOtherThroughLiveKitOnLoopback(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = readySfuLobby("alice", room, "roomName=Mesh");
        alice.byTestId("join-button").click();
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "in");
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        List<Participant> all = List.of(alice, bob, carol);
        everyoneDecodesEveryone(all);
        for (Participant p : all) {
            assertThat(sfuState(p)).as(p.user + " is connected to LiveKit").isEqualTo("connected");
            // The publisher and subscriber connections, each on a loopback candidate pair.
            assertThat(within(10, () -> pairs(p).size() >= 2)).as(p.user + " pairs " + pairs(p)).isTrue();
            for (JsonNode pair : pairs(p)) {
                assertThat(pair.path("local").asText()).as(p.user + " local candidate").startsWith("127.");
                assertThat(pair.path("remote").asText()).as(p.user + " remote candidate").startsWith("127.");
            }
        }
    }

    @Test
    void aLobbyThatPreparedTheConnectionJoinsWithTheTurnServersOfTheMomentOfTheJoinAndTakesRenewedOnes(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = readySfuLobby("alice", room, "roomName=Mesh&turn=offered");
        // The host's TURN servers come after that (nothing listens there: the call connects over
        // loopback host candidates); the connection made ahead must still use them.
        alice.host("window.harness.offerTurnServers({uris: ['turn:127.0.0.1:9?transport=udp'],"
                + " username: '1700000000:alice', password: 'turn-secret-one'})");
        // (Each look asks the page something: Playwright hands over console lines only then.)
        assertThat(within(10, () -> alice.host("true") != null && String.join("\n", alice.console).contains("TURN servers")))
                .isTrue();
        alice.byTestId("join-button").click();
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "in");
        assertThat(within(20, () -> {
            try {
                return diagnostics(alice).path("sfu").path("published").asInt() == 2;
            } catch (Exception e) {
                return false;
            }
        })).as("alice publishes her microphone and camera").isTrue();
        Participant bob = inCall("bob", room);
        decodes(alice, "bob");
        decodes(bob, "alice");
        JsonNode sfu = diagnostics(alice).path("sfu");
        assertThat(sfu.path("prepared").asBoolean()).as(sfu.toString()).isTrue();
        assertThat(sfu.path("iceServers").toString()).as(sfu.toString()).contains("turn:127.0.0.1:9?transport=udp");
        assertThat(sfu.path("transformedReceivers").asInt()).as(sfu.toString()).isEqualTo(sfu.path("remoteTracks").asInt());
        // Bob joined a call with Alice's tracks in it: his connection took those the server's
        // answer brought from its peer connection, before the SDK announced them (a track LiveKit
        // adds a moment later comes the SDK's way), each with the frame worker's transform.
        JsonNode bobs = diagnostics(bob).path("sfu");
        assertThat(bobs.path("earlyTracks").asInt()).as(bobs.toString()).isBetween(1, 2);
        assertThat(bobs.path("transformedReceivers").asInt()).as(bobs.toString()).isEqualTo(bobs.path("remoteTracks").asInt());

        // Mid-call the host renews its TURN servers (new credentials, here a new server too): the
        // live connection takes them for its next gathering, and the call goes on.
        alice.host("window.harness.offerTurnServers({uris: ['turn:127.0.0.1:10?transport=udp'],"
                + " username: '1700086400:alice', password: 'turn-secret-two'})");
        assertThat(within(10, () -> {
            try {
                String servers = diagnostics(alice).path("sfu").path("iceServers").toString();
                return servers.contains("turn:127.0.0.1:10?transport=udp") && !servers.contains("turn:127.0.0.1:9?");
            } catch (Exception e) {
                return false;
            }
        })).as(diagnostics(alice).path("sfu").toString()).isTrue();
        decodes(bob, "alice");
        assertThat(diagnostics(alice).toString()).doesNotContain("turn-secret");
        assertThat(String.join("\n", alice.console)).doesNotContain("turn-secret").doesNotContain("1700000000:alice")
                .doesNotContain("1700086400:alice");
    }

    @Test
    void anSfuLobbyWhoseFrameWorkerCannotLoadSaysSoAndDoesNotJoin(TestInfo test) {
        String room = roomFor(test);
        Participant alice = withoutFrameWorker("alice", room);
        // The lobby loads the SDK and then the worker, ahead of the join: its failure shows there.
        assertThat(alice.byTestId("lobby")).hasAttribute("data-connection", "failed",
                new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
        assertThat(alice.byTestId("connection-status")).hasText(
                "End-to-end encryption could not start in this browser, so no call can be held here. Reload to try again.");
        assertThat(alice.byTestId("lobby")).hasAttribute("data-sfu", "preparing");
        assertThat(alice.byTestId("join-button")).isDisabled();
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "out");
    }

    @Test
    void aFourthWithoutKeysReceivesThroughLiveKitAndDecodesNothing(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> keyed = aliceAndBobDecoding(room, "");
        MeshCallJourneyTest.withholdKeysFrom(room, "dave", "DAVEDEVICE");
        Participant dave = inCall("dave", room);
        MeshCallJourneyTest.keylessDecodesNothing(dave, keyed);
        MeshCallJourneyTest.assertKeysToDaveWithheld(room);
        assertThat(sfuState(dave)).isEqualTo("connected");
    }

    @Test
    void aPlainLiveKitSubscriberWithAValidTokenSeesOnlySframeAndDecodesNothing(TestInfo test) throws Exception {
        String room = roomFor(test);
        // Alice's frames take the createEncodedStreams() fallback (browsers without
        // RTCRtpScriptTransform), Bob's the script transform: neither lets a clear frame out.
        Participant alice = inCall("alice", room, "&frameTransform=streams");
        Participant bob = inCall("bob", room);
        List<Participant> callers = List.of(alice, bob);
        everyoneDecodesEveryone(callers);
        assertThat(alice.console).as("alice is on the fallback").anyMatch(line -> line.contains("using createEncodedStreams()"));
        // What the SFU's operator could do: mint a token and subscribe with the stock SDK.
        String jwt = new LiveKitTokens(livekit.apiKey, new Secret(livekit.apiSecret), Clock.systemUTC())
                .join(LiveKitNames.room(room, LiveKitNames.ROOM_SLOT), "eavesdropper");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true))) {
            Page eve = context.newPage();
            eve.navigate("http://127.0.0.1:" + server.port() + "/healthz");
            eve.addScriptTag(new Page.AddScriptTagOptions().setUrl("http://127.0.0.1:" + server.port() + "/js/livekit-client.js"));
            eve.evaluate(EAVESDROPPER, Map.of("url", livekit.url(), "token", jwt));
            assertThat(within(30, () -> eavesdropped(eve).path("video").path("frames").asInt() > 100
                    && eavesdropped(eve).path("audio").path("frames").asInt() > 100)).as("eve: " + eavesdropped(eve)).isTrue();

            // The first frames after a track restart, of a screen share and after a reconnect are protected too.
            alice.byTestId("camera-button").click();
            assertThat(alice.byTestId("lobby")).hasAttribute("data-camera", "off");
            alice.byTestId("camera-button").click();
            assertThat(alice.byTestId("lobby")).hasAttribute("data-camera", "on");
            alice.byTestId("screen-button").click();
            assertThat(alice.byTestId("lobby")).hasAttribute("data-sharing", "on");
            assertThat(within(30, () -> eavesdropped(eve).path("tracks").asInt() >= 5)).as("eve: " + eavesdropped(eve)).isTrue();
            int framesSoFar = eavesdropped(eve).path("video").path("frames").asInt();
            assertThat(within(15, () -> eavesdropped(eve).path("video").path("frames").asInt() > framesSoFar + 60))
                    .as("eve keeps receiving after the restart and the share: " + eavesdropped(eve)).isTrue();

            // And after a reconnect: Alice's network drops for a few seconds and livekit-client
            // brings her connection back (resume or full reconnect, whichever it takes).
            sfuGoesAway = true;
            alice.context.setOffline(true);
            Thread.sleep(6_000);
            alice.context.setOffline(false);
            decodes(bob, "alice");
            int framesAfter = eavesdropped(eve).path("video").path("frames").asInt();
            assertThat(within(15, () -> eavesdropped(eve).path("video").path("frames").asInt() > framesAfter + 60))
                    .as("eve keeps receiving after the reconnect: " + eavesdropped(eve)).isTrue();

            JsonNode seen = eavesdropped(eve);
            for (String kind : List.of("audio", "video")) {
                JsonNode k = seen.path(kind);
                assertThat(k.path("frames").asInt()).as(kind + " frames seen").isGreaterThan(100);
                assertThat(k.path("notSframe").asInt()).as(kind + " frames not shaped as SFrame: " + seen).isZero();
                assertThat(k.path("sframe").asInt()).as(kind + " SFrame frames").isEqualTo(k.path("frames").asInt());
            }
            // The codec's header bytes are clear by design (the SFU needs them), so now and then
            // Chromium's VP8 decoder takes a key frame's ciphertext for a picture and shows noise:
            // a handful of "decoded" frames, never a stream.
            assertThat(seen.path("videoDecoded").asInt() * 20).as("eve decodes no video stream: " + seen)
                    .isLessThan(seen.path("video").path("frames").asInt());
        }
        everyoneDecodesEveryone(callers);
    }

    @Test
    void aLeaverCannotReadWhatFollowsThroughTheSfu(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        decodes(alice, "bob");
        decodes(bob, "alice");
        decodes(carol, "alice");
        MeshCallJourneyTest.carolLeavesAndCannotRead(alice, bob, carol, room);
    }

    @Test
    void aPublisherWithMicrophoneAndCameraOffIsNotTakenForADeadSfu(TestInfo test) throws Exception {
        // The widget reconnects by itself when its publishing connection hears nothing from the
        // SFU (a dead node); a muted microphone and a camera turned off must not look like that.
        String room = roomFor(test);
        List<Participant> callers = aliceAndBobDecoding(room, "");
        Participant alice = callers.get(0);
        Participant bob = callers.get(1);
        alice.byTestId("mic-button").click();
        alice.byTestId("camera-button").click();
        // A fixed wait, as a check that something does not happen must be: three times the 2 s
        // of silence after which the watchdog would act.
        Thread.sleep(6_000);
        for (Participant p : callers) {
            JsonNode sfu = diagnostics(p).path("sfu");
            assertThat(sfu.path("forcedReconnects").asInt()).as(p.user + ": " + sfu).isZero();
            assertThat(sfu.path("state").asText()).isEqualTo("connected");
        }
        alice.byTestId("camera-button").click();
        int before = attr(bob, "alice", "data-frames-decoded");
        assertThat(within(15, () -> attr(bob, "alice", "data-frames-decoded") > before + 10)).as("Bob sees Alice again").isTrue();
    }

    @Test
    void aDroppedNetworkRecoversAndMediaResumes(TestInfo test) throws Exception {
        sfuGoesAway = true;
        String room = roomFor(test);
        List<Participant> callers = aliceAndBobDecoding(room, "");
        Participant alice = callers.get(0);
        Participant bob = callers.get(1);
        MeshCallJourneyTest.bobsNetworkDropsAndComesBack(alice, bob);
    }

    @Test
    void aMediaServerDownAtJoinSaysSoAndTheCallStartsWhenItIsBack(TestInfo test) throws Exception {
        sfuGoesAway = true;
        String room = roomFor(test);
        livekit.kill();
        Participant alice;
        try {
            alice = inCall("alice", room);
            String why = "with LiveKit down the token service cannot make the room and answers 500, as lk-jwt-service does";
            alice.watch.expect("^HTTP 500: POST http://127\\.0\\.0\\.1:\\d+/livekit/jwt/", why)
                    .expect("^console error: Failed to load resource: the server responded with a status of 500", why);
            assertThat(alice.byTestId("call-problem")).containsText("cannot be reached",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            System.out.println("journey: with the SFU down at join the screen says: " + alice.byTestId("call-problem").textContent());
        } finally {
            livekit.restart();
        }
        // The widget keeps trying by itself; Bob joins once the server is back.
        Participant bob = inCall("bob", room);
        decodes(alice, "bob");
        decodes(bob, "alice");
        assertThat(alice.byTestId("call-problem")).isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(30_000));
    }

    @Test
    void theCallComesBackByItselfWhenLiveKitRestarts(TestInfo test) throws Exception {
        sfuGoesAway = true;
        String room = roomFor(test);
        List<Participant> callers = aliceAndBobDecoding(room, "");
        Participant alice = callers.get(0);
        Participant bob = callers.get(1);
        int aliceKey = attr(bob, "alice", "data-key-index");
        int bobKey = attr(alice, "bob", "data-key-index");
        // What the call screen says meanwhile, however briefly.
        recordProblems(alice);
        long started = System.nanoTime();
        livekit.restart();
        assertThat(within(20, () -> !"connected".equals(sfuState(alice)))).as("alice sees the SFU go").isTrue();
        for (Participant viewer : callers) {
            Participant other = viewer == alice ? bob : alice;
            int before = attr(viewer, other.user, "data-frames-decoded");
            assertThat(within(90, () -> attr(viewer, other.user, "data-frames-decoded") > before + 20))
                    .as(viewer.user + " decodes " + other.user + " again").isTrue();
        }
        System.out.printf("LiveKit restart: media back after %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(problemsSeen(alice))
                .as("the screen said the media server was away").contains("media server");
        for (Participant p : callers) {
            assertThat(p.byTestId("call-problem")).isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(30_000));
        }
        // Nobody left the call: the keys are those of before.
        assertThat(attr(bob, "alice", "data-key-index")).isEqualTo(aliceKey);
        assertThat(attr(alice, "bob", "data-key-index")).isEqualTo(bobKey);
    }

    /** The width of the lowest simulcast layer LiveKit's SDK publishes for a 640x480 camera. */
    private static final int LOWEST_LAYER_WIDTH = 240;

    /** The width of the picture {@code viewer}'s tile of {@code user} shows now. */
    private static int videoWidth(Participant viewer, String user) {
        return ((Number) tile(viewer, user).locator("video").evaluate("video => video.videoWidth")).intValue();
    }

    @Test
    void onlyTheTilesOnScreenGetVideoFromTheSfu(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        decodes(carol, "alice");
        decodes(carol, "bob");
        assertThat(forwarded(carol)).as("all on screen in a wide window").containsOnly(
                Map.entry("alice", true), Map.entry("bob", true));
        // Each tile asks for its own size, so a wide window's tiles do not get the lowest layer.
        for (String user : List.of("alice", "bob")) {
            assertThat(within(10, () -> videoWidth(carol, user) > LOWEST_LAYER_WIDTH))
                    .as(user + "'s video on Carol's screen is above the lowest layer: " + videoWidth(carol, user) + " wide")
                    .isTrue();
        }

        // A narrow window: one tile at a time, and the grid scrolls. Carol's own tile comes first.
        carol.page.setViewportSize(420, 420);
        carol.byTestId("grid").evaluate("grid => { grid.scrollTop = 0; }");
        assertThat(within(15, () -> onScreen(carol).containsValue(false) && forwarded(carol).equals(onScreen(carol))))
                .as("the SFU forwards the tiles on screen only: on screen " + onScreen(carol) + ", forwarded "
                        + forwarded(carol)).isTrue();
        String hidden = onScreen(carol).get("alice") ? "bob" : "alice";
        Thread.sleep(1_500); // what was in flight has come
        int video = attr(carol, hidden, "data-video-packets");
        int audio = attr(carol, hidden, "data-audio-packets");
        Thread.sleep(3_000);
        assertThat(attr(carol, hidden, "data-video-packets") - video).as("no video of " + hidden + " off screen")
                .isLessThan(10);
        assertThat(attr(carol, hidden, "data-audio-packets") - audio).as(hidden + "'s audio goes on").isGreaterThan(50);

        // Scrolled into view, the tile gets its video again.
        tile(carol, hidden).scrollIntoViewIfNeeded();
        int decoded = attr(carol, hidden, "data-frames-decoded");
        assertThat(within(15, () -> forwarded(carol).get(hidden) && attr(carol, hidden, "data-frames-decoded") > decoded + 20))
                .as(hidden + " decodes again once on screen: " + forwarded(carol)).isTrue();
        everyoneDecodesEveryone(List.of(alice, bob));
    }

    @Test
    void aMemberWhoReadsOnlyLiveKitsFormatTurnsTheCallToItAndBackWithoutAFailedFrame(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> callers = aliceAndBobDecoding(room, "");
        Participant alice = callers.get(0);
        Participant bob = callers.get(1);
        LocatorAssertions.HasAttributeOptions slow = new LocatorAssertions.HasAttributeOptions().setTimeout(20_000);
        for (Participant p : callers) {
            assertThat(p.byTestId("e2ee-badge")).hasAttribute("data-format", "sframe", slow);
        }
        try (ScriptedDevice erin = new ScriptedDevice(server.port(), "@erin:conclave.local", "ERINDEVICE", room)) {
            // Erin's membership is Element Call's: she reads LiveKit's frame format only.
            erin.joinCallAsElementCall("http://127.0.0.1:" + server.port() + "/livekit/jwt").get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (Participant p : callers) {
                assertThat(p.byTestId("e2ee-badge")).hasAttribute("data-format", "livekit", slow);
                assertThat(p.byTestId("e2ee-badge")).containsText("Element Call compatible");
                assertThat(within(10, () -> sending(p).path("format").asText().equals("livekit")
                        && sending(p).path("samples").size() > 0 && sending(p).path("samples").findValuesAsText("tail")
                                .stream().allMatch(tail -> tail.startsWith("0c")))).as(p.user + " sends LiveKit's frames: "
                                        + sending(p)).isTrue();
            }
            assertThat(alice.widget().locator("[data-testid=participant][data-user='@erin:conclave.local']"))
                    .hasAttribute("data-client", "Element Call");
            // Each tile says which format carries it: Bob's frames reach Alice in LiveKit's.
            assertThat(tile(alice, "bob").locator("[data-testid=tile-e2ee]")).hasAttribute("data-format", "livekit", slow);
            decodes(alice, "bob");
            decodes(bob, "alice");

            erin.leaveCall().get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (Participant p : callers) {
                assertThat(p.byTestId("e2ee-badge")).hasAttribute("data-format", "sframe", slow);
                assertThat(within(10, () -> sending(p).path("format").asText().equals("sframe"))).isTrue();
            }
            assertThat(tile(alice, "bob").locator("[data-testid=tile-e2ee]")).hasAttribute("data-format", "sframe", slow);
            decodes(alice, "bob");
            decodes(bob, "alice");
        }
        // Both switches passed without a frame failing anywhere.
        assertThat(attr(alice, "bob", "data-failures")).isZero();
        assertThat(attr(bob, "alice", "data-failures")).isZero();
    }

    static JsonNode sending(Participant p) {
        try {
            return diagnostics(p).path("frames").path("sending");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per other user: whether its camera tile is on screen (in the grid's view and the window's, at least in part). */
    static Map<String, Boolean> onScreen(Participant p) {
        String json = (String) p.byTestId("grid").evaluate("grid => { const b = grid.getBoundingClientRect(); const out = {};"
                + " const g = {top: Math.max(b.top, 0), bottom: Math.min(b.bottom, innerHeight), left: Math.max(b.left, 0),"
                + "   right: Math.min(b.right, innerWidth)};"
                + " grid.querySelectorAll('[data-testid=tile][data-self=false][data-screenshare=false]').forEach(t => {"
                + "   const r = t.getBoundingClientRect();"
                + "   out[t.dataset.user.substring(1, t.dataset.user.indexOf(':'))] ="
                + "     r.bottom > g.top && r.top < g.bottom && r.right > g.left && r.left < g.right; });"
                + " return JSON.stringify(out); }");
        try {
            Map<String, Boolean> out = new java.util.TreeMap<>();
            JSON.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asBoolean()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per other user: whether the SFU forwards its camera to {@code p}, as the widget asked. */
    static Map<String, Boolean> forwarded(Participant p) {
        try {
            Map<String, Boolean> out = new java.util.TreeMap<>();
            for (JsonNode v : diagnostics(p).path("sfu").path("videos")) {
                if (v.path("source").asText().equals("camera")) {
                    String participant = v.path("participant").asText();
                    out.put(participant.substring(1, participant.indexOf(':')), v.path("forwarded").asBoolean());
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode pairs(Participant p) {
        try {
            return diagnostics(p).path("sfu").path("pairs");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode eavesdropped(Page eve) {
        try {
            return JSON.readTree((String) eve.evaluate("() => JSON.stringify(window.eve ? window.eve.report() : {})"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stock livekit-client subscriber with an inspecting transform on every receiver: per kind,
     * how many frames came, how many are shaped as SFrame after the codec's clear bytes (a header
     * whose counter only grows per stream and key, but at a key frame where the SFU switched
     * simulcast layers) and how many are not; and the video frames Chromium decoded. Frames pass
     * on unchanged.
     */
    static final String EAVESDROPPER = """
            async ({url, token}) => {
              const source = `
                const stats = {audio: {frames: 0, sframe: 0, notSframe: 0, layerSwitches: 0, kids: {}}, video: {frames: 0, sframe: 0, notSframe: 0, layerSwitches: 0, kids: {}}};
                let tracks = 0;
                onrtctransform = (event) => {
                  tracks++;
                  const kind = event.transformer.options.kind;
                  const s = stats[kind];
                  const last = {};
                  event.transformer.readable.pipeThrough(new TransformStream({transform(frame, out) {
                    const d = new Uint8Array(frame.data);
                    s.frames++;
                    const key = kind === 'video' && (d[0] & 1) === 0;
                    const clear = kind === 'audio' ? 1 : (key ? 10 : 3);
                    let ok = false;
                    if (d.length >= clear + 1 + 16) {
                      const cfg = d[clear];
                      let off = clear + 1, kid = (cfg >> 4) & 7, ctr = cfg & 7;
                      if (cfg & 0x80) { const n = kid + 1; kid = 0; for (let i = 0; i < n; i++) kid = kid * 256 + d[off++]; }
                      if (cfg & 0x08) { const n = ctr + 1; ctr = 0; for (let i = 0; i < n; i++) ctr = ctr * 256 + d[off++]; }
                      const ssrc = frame.getMetadata().synchronizationSource;
                      const prev = last[ssrc];
                      // One sender's simulcast layers share its counter, and the SFU switches layers
                      // at key frames: there the counter may go back, nowhere else.
                      const back = prev && prev.kid === kid && ctr <= prev.ctr;
                      if (back && key) s.layerSwitches++;
                      ok = off + 16 <= d.length && kid < 256 && !(back && !key);
                      last[ssrc] = {kid, ctr};
                      s.kids[kid] = (s.kids[kid] || 0) + 1;
                    }
                    if (ok) s.sframe++; else s.notSframe++;
                    out.enqueue(frame);
                  }})).pipeTo(event.transformer.writable);
                };
                setInterval(() => postMessage(JSON.stringify(Object.assign({tracks}, stats))), 250);
                postMessage('ready');`;
              const worker = new Worker(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
              // A transform made before the worker's script has run would go unheard.
              await new Promise((resolve) => { worker.onmessage = (event) => { if (event.data === 'ready') resolve(); }; });
              let latest = {};
              worker.onmessage = (event) => { latest = JSON.parse(event.data); };
              """ + HOOK_RECEIVERS + """
              hookReceivers(worker);
              const room = new LivekitClient.Room();
              let videoDecoded = 0;
              setInterval(async () => {
                let sum = 0;
                for (const who of room.remoteParticipants.values()) {
                  for (const pub of who.trackPublications.values()) {
                    if (pub.track && pub.track.kind === 'video' && pub.track.receiver) {
                      (await pub.track.receiver.getStats()).forEach((e) => { if (e.type === 'inbound-rtp') sum += e.framesDecoded || 0; });
                    }
                  }
                }
                videoDecoded = sum;
              }, 500);
              window.eve = {report: () => {
                const receivers = [];
                for (const who of room.remoteParticipants.values()) {
                  for (const pub of who.trackPublications.values()) {
                    if (pub.track && pub.track.receiver) {
                      receivers.push(pub.track.kind + (pub.track.receiver.hooked ? ' inspected' : ' not inspected'));
                    }
                  }
                }
                return Object.assign({videoDecoded, receivers}, latest);
              }};
              await room.connect(url, token, {autoSubscribe: true});
            }
            """;
}
