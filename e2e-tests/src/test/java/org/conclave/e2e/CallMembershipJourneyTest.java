package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Call membership and media keys with three and four participants in the real matrix-widget-api
 * host: everyone sees everyone; a leaver disappears and the others move to a key it never got; a
 * late joiner gets only the ratcheted key; a closed page is removed by its delayed leave; a forged
 * key message changes nothing. Key movements are read from the relay's to-device log, which
 * records key indexes and never keys.
 */
class CallMembershipJourneyTest extends JourneyBase {
    private static final String KEYS = "io.element.call.encryption_keys";

    /** Alice and Bob in one call, each holding the other's key. */
    private List<Participant> aliceAndBob(String room) {
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        assertThat(row(alice, "bob")).not().hasAttribute("data-key-index", "-1");
        assertThat(row(bob, "alice")).not().hasAttribute("data-key-index", "-1");
        return List.of(alice, bob);
    }

    private static Locator rows(Participant p) {
        return p.byTestId("participant");
    }

    private static Locator row(Participant viewer, String user) {
        return viewer.widget().locator("[data-testid=participant][data-user=\"@" + user + ":conclave.local\"]");
    }

    /** The key messages of a to-device log (the mesh's m.call.* signalling is there too). */
    private static List<JsonNode> keysOnly(List<JsonNode> log) {
        return log.stream().filter(e -> KEYS.equals(e.path("type").asText())).toList();
    }

    private static int sendIndex(Participant p) {
        return Integer.parseInt(row(p, p.user).getAttribute("data-key-index"));
    }

    @Test
    void threeSeeEachOtherAndALeaverIsLockedOutOfLaterMedia(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        for (Participant p : List.of(alice, bob, carol)) {
            assertThat(rows(p)).hasCount(3);
            for (String other : List.of("alice", "bob", "carol")) {
                assertThat(row(p, other)).not().hasAttribute("data-key-index", "-1");
            }
            assertThat(p.host("window.harness.elementActions.map(a => a.action)").toString())
                    .contains("io.element.join").contains("set_always_on_screen");
        }

        int logBefore = toDeviceLog(room).size();
        int aliceBefore = sendIndex(alice);
        bob.byTestId("leave-button").click();
        long leftAt = System.nanoTime(); // once Playwright's click has happened
        assertThat(bob.byTestId("lobby")).hasAttribute("data-presence", "out");
        assertThat(rows(alice)).hasCount(2);
        assertThat(rows(carol)).hasCount(2);
        assertThat(row(alice, "alice")).not().hasAttribute("data-key-index", String.valueOf(aliceBefore));
        double aliceSwitchMs = (System.nanoTime() - leftAt) / 1e6;
        assertThat(row(carol, "alice")).hasAttribute("data-key-index", String.valueOf(sendIndex(alice)));
        System.out.printf("journey: after Bob's leave Alice sent with a new key %.0f ms after the click%n", aliceSwitchMs);

        List<JsonNode> after = keysOnly(toDeviceLog(room).subList(logBefore, toDeviceLog(room).size()));
        assertThat(after).isNotEmpty();
        assertThat(after).as("nothing reaches the leaver").noneMatch(e -> e.path("user_id").asText().equals(userId("bob")));
        int aliceNow = sendIndex(alice);
        assertThat(keysOnly(toDeviceLog(room))).as("Bob never received Alice's current key").noneMatch(e ->
                e.path("type").asText().equals(KEYS) && e.path("sender").asText().equals(userId("alice"))
                        && e.path("user_id").asText().equals(userId("bob")) && e.path("key_index").asInt(-1) == aliceNow);
        assertThat(bob.host("window.harness.elementActions.map(a => a.action)").toString()).contains("im.vector.hangup");
    }

    @Test
    void aLateJoinerReceivesOnlyTheRatchetedKey(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = aliceAndBob(room).get(0);
        int aliceBefore = sendIndex(alice);
        int logBefore = toDeviceLog(room).size();

        Participant dave = inCall("dave", room);
        assertThat(rows(dave)).hasCount(3);
        assertThat(row(dave, "alice")).hasAttribute("data-key-index", String.valueOf(aliceBefore + 1));
        List<JsonNode> log = toDeviceLog(room);
        List<JsonNode> fromAlice = keysOnly(log.subList(logBefore, log.size())).stream()
                .filter(e -> e.path("sender").asText().equals(userId("alice"))).toList();
        assertThat(fromAlice).as("Alice sends only to the joiner, only the next index").isNotEmpty().allMatch(e ->
                e.path("user_id").asText().equals(userId("dave")) && e.path("key_index").asInt() == aliceBefore + 1);
        assertThat(keysOnly(log)).as("the joiner never got Alice's earlier key").noneMatch(e ->
                e.path("user_id").asText().equals(userId("dave")) && e.path("sender").asText().equals(userId("alice"))
                        && e.path("key_index").asInt() <= aliceBefore);
        // Bob derives Alice's ratcheted key himself once she uses it.
        assertThat(row(alice, "alice")).hasAttribute("data-key-index", String.valueOf(aliceBefore + 1));
    }

    @Test
    void aClosedPageDisappearsWhenItsDelayedLeaveFires(TestInfo test) {
        List<Participant> both = aliceAndBob(roomFor(test));
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        assertThat(rows(alice)).hasCount(2);
        long closedAt = System.nanoTime();
        bob.close(); // no hangup: the tab is gone
        participants.remove(bob);
        assertThat(rows(alice)).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(40_000));
        System.out.printf("journey: a closed page left the call after %.1f s (delayed leave 18 s)%n",
                (System.nanoTime() - closedAt) / 1e9);
    }

    @Test
    void forgedKeyMessagesChangeNothing(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = aliceAndBob(room).get(0);
        String bobsIndex = row(alice, "bob").getAttribute("data-key-index");

        String q = "user=" + URLEncoder.encode(userId("mallory"), StandardCharsets.UTF_8) + "&device=MALLORY&room="
                + URLEncoder.encode(room, StandardCharsets.UTF_8);
        WebSocket mallory = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/demo/relay?" + q), new WebSocket.Listener() {})
                .get(5, TimeUnit.SECONDS);
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        String[] forgeries = {
            // Claims Bob's device: the key is Mallory's, not Bob's.
            "{\"keys\":{\"index\":200,\"key\":\"" + key + "\"},\"room_id\":\"" + room + "\",\"member\":{\"claimed_device_id\":\"BOBDEVICE\"}}",
            // Another room.
            "{\"keys\":{\"index\":201,\"key\":\"" + key + "\"},\"room_id\":\"!elsewhere:conclave.local\",\"member\":{\"claimed_device_id\":\"MALLORY\"}}",
            // Broken key and index.
            "{\"keys\":{\"index\":\"x\",\"key\":\"%%\"},\"room_id\":\"" + room + "\",\"member\":{\"claimed_device_id\":\"MALLORY\"}}",
        };
        int rid = 1;
        for (String content : forgeries) {
            mallory.sendText("{\"op\":\"send_to_device\",\"rid\":\"" + rid++ + "\",\"type\":\"" + KEYS + "\",\"encrypted\":true,"
                    + "\"messages\":{\"" + userId("alice") + "\":{\"ALICEDEVICE\":" + content + "}}}", true).join();
        }
        mallory.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        alice.hostSetsTheme("light", "light"); // a later host message: the forgeries were handled by now
        assertThat(row(alice, "bob")).hasAttribute("data-key-index", bobsIndex);
        assertThat(rows(alice)).hasCount(2);
        String console = String.join("\n", alice.console);
        assertThat(console).contains("keys for another room").contains("keys.index must be an integer")
                .contains("held back index 200").doesNotContain(key);
    }
}
