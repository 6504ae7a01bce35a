package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SFU calls on a real Synapse: a real LiveKit, and Conclave's token service checking each
 * participant's OpenID token against Synapse's own federation {@code openid/userinfo}. The widget
 * finds the SFU in {@code config.json} (this Synapse advertises no RTC transports).
 */
class SynapseSfuJourneyTest extends SynapseJourneyBase {
    static LiveKitServer livekit;

    @BeforeAll
    static void startLiveKitAndTokenService() throws Exception {
        livekit = LiveKitServer.start();
        restartServerWithSfu(livekit.url(), livekit.apiKey, livekit.apiSecret, SynapseServer.SERVER_NAME,
                Map.of(SynapseServer.SERVER_NAME, URI.create(synapse.federationUrl())), c -> c);
    }

    @AfterAll
    static void stopLiveKit() {
        if (livekit != null) {
            livekit.close();
        }
    }

    @Test
    void threePeopleOnSynapseHoldAnSfuCall() throws Exception {
        Room room = room("alice", "bob", "carol");
        List<Participant> people = List.of(inCallOnSynapse(room, "alice", ""), inCallOnSynapse(room, "bob", ""),
                inCallOnSynapse(room, "carol", ""));
        everyoneDecodesEveryone(people);
        for (Participant p : people) {
            assertThat(SfuJourneyBase.sfuState(p)).as(p.user + " is on the SFU").isEqualTo("connected");
            assertThat(toDeviceIn(p, SynapseMeshJourneyTest.KEYS, true)).as(p.user + " got keys over Olm").isGreaterThan(0);
            assertThat(toDeviceIn(p, SynapseMeshJourneyTest.KEYS, false)).isZero();
        }
    }

    @Test
    void aDeviceTheTokenServiceRefusesSeesWhyAndTheCallGoesOn() throws Exception {
        Room room = room("alice", "bob", "mallory");
        List<Participant> both = aliceAndBobDecodingOnSynapse(room);
        // Mallory's host hands her widget an OpenID token Synapse never issued: the token
        // service asks Synapse, Synapse does not vouch, the service refuses her.
        Participant mallory = openOnSynapse(room, "mallory", "", "window.conclaveHostForgesOpenId = true;");
        String why = "the token service refuses Mallory's forged OpenID token (401), as the journey means it to";
        mallory.watch.expect("^HTTP 401: POST http://127\\.0\\.0\\.1:[0-9]+/livekit/jwt/", why)
                .expect("^console error: Failed to load resource: the server responded with a status of 401", why);
        mallory.awaitReady();
        mallory.byTestId("join-button").click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(mallory.byTestId("call-problem"))
                .containsText("The media server refused this device", new com.microsoft.playwright.assertions.LocatorAssertions
                        .ContainsTextOptions().setTimeout(20_000));
        assertThat(mallory.byTestId("call-problem").textContent()).contains("401").contains("M_UNAUTHORIZED")
                .doesNotContain("forged");
        // Alice and Bob go on as before; Mallory's media reaches nobody.
        MeshCallJourneyTest.decodes(both.get(0), both.get(1).user);
        MeshCallJourneyTest.decodes(both.get(1), both.get(0).user);
        for (Participant p : both) {
            assertThat(MeshCallJourneyTest.attr(p, mallory.user, "data-frames-decoded")).as(p.user + " gets nothing of Mallory")
                    .isLessThanOrEqualTo(0);
        }
    }

    @Test
    void theTokenServiceTakesOnlyTokensSynapseVouchesForTheirOwnUser() throws Exception {
        Room room = room("alice", "bob");
        SynapseServer.Session alice = room.session("alice");
        SynapseServer.Session bob = room.session("bob");
        JsonNode alicesToken = synapse.openIdToken(alice);
        JsonNode bobsToken = synapse.openIdToken(bob);

        HttpResponse<String> granted = getToken(room.id(), alicesToken, alice);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode grant = JSON.readTree(granted.body());
        assertThat(grant.path("url").asText()).isEqualTo(livekit.url());
        assertThat(grant.path("jwt").asText()).isNotEmpty();

        // Bob's real token, claiming to be Alice; Alice's, claiming to be Bob.
        assertRefused(getToken(room.id(), bobsToken, alice));
        assertRefused(getToken(room.id(), alicesToken, bob));
        // A token Synapse never issued, for a user it has.
        ObjectNode forged = alicesToken.deepCopy();
        forged.put("access_token", "forged" + Long.toHexString(System.nanoTime()));
        assertRefused(getToken(room.id(), forged, alice));
        // Alice's own token, once expired.
        JsonNode expiring = synapse.openIdToken(alice);
        assertThat(getToken(room.id(), expiring, alice).statusCode()).as("fresh, it is taken").isEqualTo(200);
        synapse.expireOpenIdToken(expiring.path("access_token").asText());
        assertRefused(getToken(room.id(), expiring, alice));
        // The same through the older /sfu/get.
        HttpResponse<String> legacy = post("/livekit/jwt/sfu/get", JSON.createObjectNode().put("room", room.id())
                .put("device_id", alice.deviceId()).set("openid_token", forged));
        assertRefused(legacy);
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("errcode").asText()).isEqualTo("M_UNAUTHORIZED");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("access_token");
    }

    private static HttpResponse<String> getToken(String roomId, JsonNode openId, SynapseServer.Session claimed) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("room_id", roomId).put("slot_id", "m.call#ROOM");
        body.set("openid_token", openId);
        body.putObject("member").put("id", claimed.userId() + ":" + claimed.deviceId()).put("claimed_user_id", claimed.userId())
                .put("claimed_device_id", claimed.deviceId());
        return post("/livekit/jwt/get_token", body);
    }

    private static HttpResponse<String> post(String path, JsonNode body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
