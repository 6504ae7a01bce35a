package org.conclave.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The LiveKit room and identity names match lk-jwt-service's. Expected values were computed with
 * Go 1.26's {@code encoding/json} and {@code crypto/sha256} as lk-jwt-service computes them
 * ({@code LiveKitRoomAliasFor}, {@code LiveKitIdentityFor}).
 */
class LiveKitNamesTest {
    @Test
    void roomOfARoomsCallSlot() {
        assertThat(LiveKitNames.room("!abc:example.org", LiveKitNames.ROOM_SLOT))
                .isEqualTo("9YzbCxM8P0fwObUtiQ9m/ujMP9ruNMxS7SOsugBEaxA");
    }

    @Test
    void identityOfAMember() {
        assertThat(LiveKitNames.identity("@alice:example.org", "DEVICEID", "@alice:example.org:DEVICEID"))
                .isEqualTo("IyyrOSt/oC3L/CjlDQ6jUXg/EP6optg7M7nFOi34hhM");
    }

    @Test
    void escapesAsGoDoes() {
        String device = "D<&>\"\\\n\t\b\f\u0001\u2028é😀";
        assertThat(LiveKitNames.goJson(device))
                .isEqualTo("[\"D\\u003c\\u0026\\u003e\\\"\\\\\\n\\t\\b\\f\\u0001\\u2028é😀\"]");
        assertThat(LiveKitNames.identity("@bob:ex.org", device, "m")).isEqualTo("Vj5JGOroKkTVYeo26Ro37G3WB1/2NR6K3l5YcsbRkTM");
    }

    @Test
    void legacyIdentityIsUserColonDevice() {
        assertThat(LiveKitNames.legacyIdentity("@a:b.c", "DEV")).isEqualTo("@a:b.c:DEV");
    }
}
