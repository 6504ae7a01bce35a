package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class TurnServersTest {
    private static TurnServers parse(String json) {
        return TurnServers.parse(Json.parseObject(json));
    }

    @Test
    void aHomeserversAnswerBecomesAnIceServerEntry() {
        TurnServers servers = parse("{\"uris\":[\"turn:t.ex.org:3478?transport=udp\",\"stun:t.ex.org\"],"
                + "\"username\":\"1700000000:@a:ex.org\",\"password\":\"pw\",\"ttl\":86400}");
        assertThat(servers.uris()).containsExactly("turn:t.ex.org:3478?transport=udp", "stun:t.ex.org");
        JsonObject entry = Json.parse(servers.toIceServersJson()).asArray().get(0).asObject();
        assertThat(entry.getArray("urls").size()).isEqualTo(2);
        assertThat(entry.getString("username")).isEqualTo("1700000000:@a:ex.org");
        assertThat(entry.getString("credential")).isEqualTo("pw");
    }

    @Test
    void printingLeavesTheCredentialsOut() {
        TurnServers servers = parse("{\"uris\":[\"turns:t.ex.org:443\"],\"username\":\"user-x\",\"password\":\"pass-y\"}");
        assertThat(servers.toString()).contains("turns:t.ex.org:443").doesNotContain("user-x").doesNotContain("pass-y");
    }

    @Test
    void tooManyOrOverlongUrisAreRefused() {
        StringBuilder many = new StringBuilder("{\"uris\":[");
        for (int i = 0; i <= TurnServers.MAX_URIS; i++) {
            many.append(i == 0 ? "" : ",").append("\"turn:t").append(i).append(".ex.org\"");
        }
        many.append("],\"username\":\"u\",\"password\":\"p\"}");
        assertThatThrownBy(() -> parse(many.toString())).isInstanceOf(IllegalArgumentException.class);
        String longUri = "turn:" + "a".repeat(TurnServers.MAX_LENGTH);
        assertThatThrownBy(() -> parse("{\"uris\":[\"" + longUri + "\"],\"username\":\"u\",\"password\":\"p\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
