package org.conclave.client.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.conclave.client.testing.JsonEdits;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallMembershipTest {
    /** Element Call's join content, as protocol.md §4 shows it (livekit focus). */
    static final String ELEMENT_CALL_CONTENT = "{\"application\":\"m.call\",\"call_id\":\"\",\"scope\":\"m.room\","
            + "\"device_id\":\"DEV\",\"membershipID\":\"@alice:ex.org:DEV\",\"expires\":14400000,"
            + "\"m.call.intent\":\"video\",\"focus_active\":{\"type\":\"livekit\",\"focus_selection\":\"multi_sfu\"},"
            + "\"foci_preferred\":[{\"type\":\"livekit\",\"livekit_service_url\":\"https://rtc.ex.org/livekit/jwt\","
            + "\"livekit_alias\":\"!r:ex.org\"}]}";

    static JsonObject event(String sender, String stateKey, String content, double originTs) {
        return new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", sender)
                .put("state_key", stateKey).put("event_id", "$" + stateKey + originTs)
                .put("origin_server_ts", originTs).put("content", Json.parseObject(content));
    }

    @Test
    void elementCallsMembershipParses() {
        CallMembership m = CallMembership.parse(event("@alice:ex.org", "_@alice:ex.org_DEV_m.call",
                ELEMENT_CALL_CONTENT, 1000)).membership();
        assertThat(m).isNotNull();
        assertThat(m.userId()).isEqualTo("@alice:ex.org");
        assertThat(m.deviceId()).isEqualTo("DEV");
        assertThat(m.focusType()).isEqualTo(CallMembership.LIVEKIT_TRANSPORT);
        assertThat(m.preferredFocusTypes()).containsExactly("livekit");
        assertThat(m.createdTs()).isEqualTo(1000);
        assertThat(m.expiresAt()).isEqualTo(1000 + 14_400_000);
        assertThat(m.frameFormats()).as("Element Call says nothing of frame formats: LiveKit's only").isEmpty();
    }

    @Test
    void conclaveAdvertisesItsFrameFormatsAndBadOnesAreRefused() {
        JsonObject content = CallMembership.joinContent("@bob:ex.org", "B", CallMembership.livekitActive(),
                CallMembership.livekitActive(), Double.NaN, 14_400_000);
        CallMembership m = CallMembership.parse(event("@bob:ex.org", "_@bob:ex.org_B_m.call", content.toJson(), 1))
                .membership();
        assertThat(m.frameFormats()).containsExactly(CallMembership.SFRAME, CallMembership.LIVEKIT_FRAMES);
        for (String bad : new String[] {"\"sframe\"", "[1]", "[" + "\"x\",".repeat(16) + "\"x\"]"}) {
            String json = content.toJson().replace("[\"sframe\",\"livekit\"]", bad);
            assertThat(CallMembership.parse(event("@bob:ex.org", "_@bob:ex.org_B_m.call", json, 1)).rejection())
                    .as(bad).contains(CallMembership.FRAME_FORMATS);
        }
    }

    @Test
    void conclavesOwnJoinContentPassesTheValidation() {
        JsonObject content = CallMembership.joinContent("@bob:ex.org", "BOBDEV", CallMembership.meshTransport(),
                Double.NaN, 14_400_000);
        CallMembership.Parsed parsed = CallMembership.parse(event("@bob:ex.org", "_@bob:ex.org_BOBDEV_m.call",
                content.toJson(), 5000));
        assertThat(parsed.rejection()).isNull();
        assertThat(parsed.membership().focusType()).isEqualTo(CallMembership.MESH_TRANSPORT);
        assertThat(content.has("created_ts")).isFalse();

        JsonObject refresh = CallMembership.joinContent("@bob:ex.org", "BOBDEV", CallMembership.meshTransport(),
                5000, 28_800_000);
        CallMembership refreshed = CallMembership.parse(event("@bob:ex.org", "_@bob:ex.org_BOBDEV_m.call",
                refresh.toJson(), 9000)).membership();
        assertThat(refreshed.createdTs()).isEqualTo(5000);
        assertThat(refreshed.expiresAt()).isEqualTo(5000 + 28_800_000);
    }

    @Test
    void emptyContentIsALeaveOnlyFromTheKeysOwner() {
        assertThat(CallMembership.parse(event("@alice:ex.org", "_@alice:ex.org_DEV_m.call", "{}", 1)).left()).isTrue();
        CallMembership.Parsed forged = CallMembership.parse(event("@mallory:ex.org", "_@alice:ex.org_DEV_m.call", "{}", 1));
        assertThat(forged.left()).isFalse();
        assertThat(forged.rejection()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "application not a string | \"application\":1",
        "call_id missing | \"call_id\":null",
        "device_id an object | \"device_id\":{}",
        "scope missing | \"scope\":null",
        "focus_active missing | \"focus_active\":null",
        "focus_active without type | \"focus_active\":{\"focus_selection\":\"multi_sfu\"}",
        "focus_active type a number | \"focus_active\":{\"type\":3}",
        "foci_preferred not an array | \"foci_preferred\":{}",
        "foci_preferred entry without type | \"foci_preferred\":[{}]",
        "created_ts a string | \"created_ts\":\"yesterday\"",
        "expires negative | \"expires\":-1",
        "expires a string | \"expires\":\"never\"",
    })
    void invalidContentIsRejectedWithAReason(String what, String override) {
        JsonObject content = JsonEdits.apply(ELEMENT_CALL_CONTENT, override);
        CallMembership.Parsed parsed = CallMembership.parse(event("@alice:ex.org", "_@alice:ex.org_DEV_m.call",
                content.toJson(), 1000));
        assertThat(parsed.membership()).as(what).isNull();
        assertThat(parsed.rejection()).as(what).isNotBlank();
    }

    @Test
    void aStateKeyOfAnotherUserOrDeviceIsForged() {
        assertThat(CallMembership.parse(event("@mallory:ex.org", "_@alice:ex.org_DEV_m.call", ELEMENT_CALL_CONTENT, 1))
                .rejection()).contains("state key");
        assertThat(CallMembership.parse(event("@alice:ex.org", "_@alice:ex.org_OTHER_m.call", ELEMENT_CALL_CONTENT, 1))
                .rejection()).contains("state key");
        for (String key : new String[] {"@alice:ex.org", "_@alice:ex.org_DEV", "@alice:ex.org_DEV",
            "@alice:ex.org_DEV_m.call"}) {
            assertThat(CallMembership.parse(event("@alice:ex.org", key, ELEMENT_CALL_CONTENT, 1)).membership())
                    .as(key).isNotNull();
        }
    }

    @Test
    void absurdSizesAreRejected() {
        String huge = "x".repeat(CallMembership.MAX_STRING + 1);
        JsonObject content = Json.parseObject(ELEMENT_CALL_CONTENT).put("device_id", huge);
        assertThat(CallMembership.parse(event("@alice:ex.org", "_@alice:ex.org_" + huge + "_m.call",
                content.toJson(), 1)).membership()).isNull();
        StringBuilder foci = new StringBuilder("[");
        for (int i = 0; i <= CallMembership.MAX_FOCI; i++) {
            foci.append(i == 0 ? "" : ",").append("{\"type\":\"livekit\"}");
        }
        content = Json.parseObject(ELEMENT_CALL_CONTENT).put("foci_preferred", Json.parse(foci + "]"));
        assertThat(CallMembership.parse(event("@alice:ex.org", "_@alice:ex.org_DEV_m.call", content.toJson(), 1))
                .membership()).isNull();
    }

    @Test
    void eventsWithoutTheirEnvelopeAreRejected() {
        JsonObject noTs = event("@alice:ex.org", "_@alice:ex.org_DEV_m.call", ELEMENT_CALL_CONTENT, 1);
        noTs.remove("origin_server_ts");
        assertThat(CallMembership.parse(noTs).rejection()).isNotNull();
        JsonObject wrongType = event("@alice:ex.org", "_@alice:ex.org_DEV_m.call", ELEMENT_CALL_CONTENT, 1)
                .put("type", "m.room.name");
        assertThat(CallMembership.parse(wrongType).rejection()).isNotNull();
    }
}
